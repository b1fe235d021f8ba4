"""tools/faultstat_lib/compare.py - two runs side by side (e.g. async_pf
off vs on): the summary line's numbers, event counts and percentiles, with
the ratio B/A. No KVM twin.
"""

from . import faults, report, stats


def _int(text):
    try:
        return int(text, 0)
    except (TypeError, ValueError):
        return None


class Table:
    """Rows of  name | A | (A us) | B | (B us) | B/A."""

    def __init__(self, with_us):
        self.with_us = with_us

    def head(self):
        cells = ['A'] + (['A us'] if self.with_us else []) + ['B'] + \
            (['B us'] if self.with_us else [])
        return self.line('', cells, 'B/A')

    def line(self, name, cells, last):
        widths = [11, 8, 11, 8] if self.with_us else [11, 11]
        return ('  %-27s' % name + ''.join(' %*s' % (w, c) for w, c in
                                           zip(widths, cells)) +
                ' %8s' % last).rstrip()

    def numbers(self, name, a, b, a_us=None, b_us=None):
        cells = [stats.fmt_int(a)]
        if self.with_us:
            cells.append(stats.fmt_us(a_us) if a_us is not None else '')
        cells.append(stats.fmt_int(b))
        if self.with_us:
            cells.append(stats.fmt_us(b_us) if b_us is not None else '')
        return self.line(name, cells, stats.ratio(a, b))

    def words(self, name, a, b):
        cells = [a or '-'] + ([''] if self.with_us else []) + [b or '-']
        return self.line(name, cells, '')


def summary_lines(t, run_a, run_b):
    """Every summary key of either run: numbers with their ratio, words
    (result=pass) side by side."""
    sa, sb = run_a.summary or {}, run_b.summary or {}
    keys = list(sa) + [k for k in sb if k not in sa]
    out = ['run (summary line)']
    for key in keys:
        if key.startswith('trace_'):
            continue        # shown with the events
        va, vb = sa.get(key), sb.get(key)
        na, nb = _int(va), _int(vb)
        if (na is None and va is not None) or (nb is None and vb is not None):
            out.append(t.words(key, va, vb))
        else:
            out.append(t.numbers(key, na, nb))
    return out if len(out) > 1 else []


def count_lines(t, run_a, an_a, run_b, an_b):
    """Trace counts where there is a trace, else the summary's counts."""
    values, subs = [], {}
    for run, analysis in ((run_a, an_a), (run_b, an_b)):
        trace, summary = report.count_values(run, analysis)
        values.append(trace if trace is not None else summary)
        if analysis:
            subs.update(analysis.sub_counts)
    keys = report.count_keys(list(values[0]) + list(values[1]), subs)
    out = ['events (A from its %s, B from its %s)'
           % ('trace' if an_a else 'summary line',
              'trace' if an_b else 'summary line')]
    for key in keys:
        a = values[0].get(key, 0 if an_a or values[0] else None)
        b = values[1].get(key, 0 if an_b or values[1] else None)
        out.append(t.numbers(report.row_name(key), a, b))
    return out


def latency_lines(t, run_a, an_a, run_b, an_b):
    hz_a, hz_b = run_a.tsc_hz(), run_b.tsc_hz()
    sa = an_a.samples if an_a else {}
    sb = an_b.samples if an_b else {}
    metrics = faults.metric_order(set(sa).union(sb))
    if not metrics:
        return []
    out = ['latency (cycles%s; nearest-rank percentiles)'
           % (' and us' if t.with_us else '')]
    for metric in metrics:
        st_a = stats.summarize(sa.get(metric, []))
        st_b = stats.summarize(sb.get(metric, []))
        out.append(t.numbers(metric + ' n', st_a['n'], st_b['n']))
        for s in stats.STAT_NAMES:
            a, b = st_a.get(s), st_b.get(s)
            out.append(t.numbers('  ' + s, a, b, stats.to_us(a, hz_a),
                                 stats.to_us(b, hz_b)))
    return out


def render(run_a, an_a, run_b, an_b):
    """The comparison table, as a list of lines."""
    out = ['faultstat: comparing two runs (B/A: ratio of B to A)',
           '  A = %s' % run_a.path, '  B = %s' % run_b.path]
    for tag, run in (('A', run_a), ('B', run_b)):
        for line in report.trace_banner(run):
            out.append('%s: %s' % (tag, line))
        if run.trace is None:
            out.append('%s: no trace: summary-only' % tag)
    t = Table(bool(run_a.tsc_hz() or run_b.tsc_hz()))
    out += ['', t.head()]
    for section in (summary_lines(t, run_a, run_b),
                    count_lines(t, run_a, an_a, run_b, an_b),
                    latency_lines(t, run_a, an_a, run_b, an_b)):
        if section:
            out.append('')
            out += section
    return out
