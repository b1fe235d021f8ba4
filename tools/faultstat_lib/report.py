"""tools/faultstat_lib/report.py - the text report of one run, and its CSV.
No KVM twin; `perf kvm stat report` prints the same kind of table.

Sections, in order: the run (summary line), the trace (header, warnings),
event counts, latency percentiles, a log2 histogram of one metric, the
per-fault breakdown by kind, and anything that did not add up.
"""

import csv

from . import faults, logs, stats

WIDTH = 78


def wrap_words(words, indent, width=WIDTH):
    """Words joined by spaces, wrapped, continuation lines indented."""
    lines, cur = [], ''
    for w in words:
        if cur and len(indent) + len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = w if not cur else cur + ' ' + w
    lines.append(cur)
    return ('\n' + indent).join(lines)


def trace_banner(run):
    """Loud lines for a trace that is not the whole run; [] if it is."""
    t = run.trace
    out = []
    if t is None:
        return out
    dropped = t.field('dropped') or 0
    if dropped:
        out.append('!!! TRACE OVERFLOWED: %d events dropped (ring capacity '
                   '%s): the trace is only' % (dropped,
                                               t.header.get('capacity', '?')))
        out.append('!!! the first %d events of the run; counts and '
                   'latencies below cover that prefix.'
                   % len(t.records))
    if t.truncated:
        out.append('!!! TRACE TRUNCATED: no %s line; analysed the %d '
                   'records read.' % (logs.END, len(t.records)))
    return out


def header_lines(run, analysis):
    out = ['faultstat: %s' % run.path]
    out += trace_banner(run)
    if run.summary is not None:
        words = ['%s=%s' % kv for kv in run.summary.items()
                 if not kv[0].startswith('trace_')]     # in the events
        out.append('run      ' + wrap_words(words, ' ' * 9))
    t = run.trace
    if t is None:
        out.append('trace    NONE: no faultline-trace: line in %s; '
                   'summary-only analysis' % ' or '.join(run.files))
        return out
    last = t.end_line if t.end_line else 'EOF (truncated)'
    out.append('trace    %s, lines %d-%s' % (t.path, t.header_line, last))
    words = ['%s=%s' % kv for kv in t.header.items()]
    out.append('         ' + wrap_words(words, ' ' * 9))
    if t.header.get('level') == 'summary':
        out.append('         level=summary: no records; counts come from the '
                   'summary line')
    if analysis is not None and analysis.first_tsc is not None:
        span = analysis.last_tsc - analysis.first_tsc
        us = stats.to_us(span, run.tsc_hz())
        out.append('         span %d cycles (%s us), tsc %d..%d'
                   % (span, stats.fmt_us(us), analysis.first_tsc,
                      analysis.last_tsc))
    return out


def summary_counts(run):
    """{event: N} from the summary line's trace_<event>=N words."""
    out = {}
    for key, value in (run.summary or {}).items():
        if key.startswith('trace_'):
            try:
                out[key[len('trace_'):]] = int(value, 0)
            except ValueError:
                pass
    return out


def _sub_order(sub):
    """Fault kinds in teaching order; other splits alphabetically."""
    value = sub.split('=', 1)[1]
    if sub.startswith('mm_fault_done kind='):
        kinds = faults.KIND_ORDER
        return (kinds.index(value) if value in kinds else len(kinds), value)
    return (0, value)


def count_keys(events, subs):
    """Row keys in order: every format v1 event, then any other event,
    each followed by its splits ("mm_fault_done kind=zero", ...)."""
    events = [e for e in events if ' ' not in e]
    keys = []
    for name in list(logs.EVENTS) + sorted(set(events)
                                           .difference(logs.EVENTS)):
        keys.append(name)
        mine = [s for s in subs if s.split(' ')[0] == name]
        keys += sorted(mine, key=_sub_order)
    return keys


def row_name(key):
    """An event's name, or a split's "kind=zero" indented under it."""
    return '  ' + key.split(' ', 1)[1] if ' ' in key else key


def count_values(run, analysis):
    """({key: count} from the trace or None, {event: count} from the
    summary line's trace_<event>=N)."""
    if analysis is None:
        return None, summary_counts(run)
    trace = dict(analysis.counts)
    trace.update(analysis.sub_counts)
    return trace, summary_counts(run)


def count_rows(run, analysis):
    """[(key, trace count or None, summary count or None)] and whether the
    summary line had counts."""
    trace, summary = count_values(run, analysis)
    keys = count_keys(list(trace or {}) + list(summary),
                      analysis.sub_counts if analysis else {})
    rows = [(k, trace.get(k, 0) if trace is not None else None,
             summary.get(k)) for k in keys]
    return rows, bool(summary)


def count_lines(run, analysis):
    rows, with_summary = count_rows(run, analysis)
    if analysis is None and not with_summary:
        return ['events: no trace records, and no trace_<event>=N counts '
                'in the summary line']
    head = '%-38s %10s' % ('events', 'trace' if analysis else '')
    if with_summary:
        head += ' %10s' % 'summary'
    out = [head.rstrip()]
    for key, n, s in rows:
        line = '  %-36s %10s' % (row_name(key), stats.fmt_int(n) if analysis else '')
        if with_summary:
            line += ' %10s' % stats.fmt_int(s)
        out.append(line.rstrip())
    return out


def latency_lines(analysis, tsc_hz):
    out = ['latency (cycles%s; nearest-rank percentiles)'
           % ('; us below' if tsc_hz else '')]
    out.append('  %-24s %6s' % ('metric', 'n') +
               ''.join('%9s' % s for s in stats.STAT_NAMES))
    for metric in faults.metric_order(analysis.samples):
        st = stats.summarize(analysis.samples[metric])
        out.append('  %-24s %6d' % (metric, st['n']) +
                   ''.join('%9d' % st[s] for s in stats.STAT_NAMES))
        if tsc_hz:
            out.append('  %-24s %6s' % ('', 'us') +
                       ''.join('%9s' % stats.fmt_us(
                           stats.to_us(st[s], tsc_hz))
                           for s in stats.STAT_NAMES))
    return out


def histogram_lines(analysis, metric, tsc_hz, bar_width=32):
    values = analysis.samples.get(metric, [])
    out = ['histogram of %s (log2 buckets; n=%d)' % (metric, len(values))]
    rows = stats.log2_histogram(values)
    if not rows:
        return out + ['  (no samples)']
    out.append('  %21s %9s %6s' % ('cycles [lo, hi)',
                                    'us from' if tsc_hz else '', 'n'))
    top = max(n for _, n in rows)
    for b, n in rows:
        lo, hi = stats.bucket_bounds(b)
        us = stats.fmt_us(stats.to_us(lo, tsc_hz)) if tsc_hz else ''
        bar = '#' * (-(-n * bar_width // top)) if n else ''
        out.append('  %21s %9s %6d |%s' % ('[%d, %d)' % (lo, hi), us, n, bar))
    return out


def breakdown_rows(analysis):
    """[(kind, n, {stage: median or None})] over the faults that began
    with a kvm_page_fault and ended with an mm_fault_done."""
    by_kind = {}
    for f in analysis.faults:
        if f.handler_tsc is None or f.kind is None:
            continue
        by_kind.setdefault(f.kind, []).append(f.stages())
    rows = []
    for kind in faults.kinds_in(by_kind) + ['all']:
        group = by_kind.get(kind) if kind != 'all' else \
            [s for g in by_kind.values() for s in g]
        if not group:
            continue
        med = {}
        for stage in faults.STAGES:
            vals = [s[stage] for s in group if s[stage] is not None]
            med[stage] = stats.summarize(vals).get('p50')
        rows.append((kind, len(group), med))
    return rows


def breakdown_lines(analysis, tsc_hz):
    unit = 'us' if tsc_hz else 'cycles'
    out = ['per-fault breakdown: median of each stage, in %s (-: no such '
           'stage)' % unit,
           '  exit: VM exit -> handler entry   handler: its cost (no '
           'device time)',
           '  device: swap submit -> complete  ready: page back -> '
           '"page ready"',
           '  wake: "page ready" -> task wake  total: VM exit -> task '
           'goes on']
    out.append('  %-14s %6s' % ('kind', 'n') +
               ''.join('%9s' % s for s in faults.STAGES))
    for kind, n, med in breakdown_rows(analysis):
        cells = []
        for stage in faults.STAGES:
            v = med[stage]
            if v is None:
                cells.append('-')
            elif tsc_hz:
                cells.append(stats.fmt_us(stats.to_us(v, tsc_hz)))
            else:
                cells.append(str(v))
        out.append('  %-14s %6d' % (kind, n) +
                   ''.join('%9s' % c for c in cells))
    return out


def loose_ends(analysis):
    out = []
    waits, ios = analysis.in_flight()
    if waits or ios or analysis.open_faults:
        out.append('in flight at the end of the trace: async faults not '
                   'woken=%d, swap requests not completed=%d, handler not '
                   'finished=%d' % (waits, ios, analysis.open_faults))
    for what, n in sorted(analysis.anomalies.items()):
        out.append('anomaly: %s: %d' % (what, n))
    return out


def render(run, analysis, hist_metric='fault_total'):
    """The whole report of one run, as a list of lines."""
    tsc_hz = run.tsc_hz()
    out = header_lines(run, analysis)
    out.append('')
    out += count_lines(run, analysis)
    if analysis is None:
        return out
    if analysis.samples:
        out.append('')
        out += latency_lines(analysis, tsc_hz)
        if hist_metric not in analysis.samples:
            hist_metric = faults.metric_order(analysis.samples)[0]
        out.append('')
        out += histogram_lines(analysis, hist_metric, tsc_hz)
    if breakdown_rows(analysis):
        out.append('')
        out += breakdown_lines(analysis, tsc_hz)
    tail = loose_ends(analysis)
    if tail:
        out.append('')
        out += tail
    return out


CSV_COLUMNS = ('fault', 'kind', 'gfn', 'gpa', 'token', 'joined', 'task',
               'exit_tsc', 'handler_tsc', 'swap_submit_tsc',
               'not_present_tsc', 'done_tsc', 'handler_cycles', 'park_tsc',
               'swap_complete_tsc', 'completed_tsc', 'ready_tsc', 'wake_tsc',
               'exit_cycles', 'device_cycles', 'ready_cycles', 'wake_cycles',
               'total_cycles')


def write_csv(analysis, path):
    """One row per reassembled fault; an empty cell: no such step."""
    def cell(v):
        return '' if v is None else v
    with open(path, 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(CSV_COLUMNS)
        for fl in analysis.faults:
            io = fl.io
            s = fl.stages()
            w.writerow([cell(v) for v in (
                fl.index, fl.kind, fl.gfn,
                '%#x' % fl.gpa if fl.gpa is not None else None,
                '%#x' % fl.token if fl.token is not None else None,
                int(fl.joined), fl.task, fl.exit_tsc, fl.handler_tsc,
                io.submit_tsc if io else None, fl.not_present_tsc,
                fl.done_tsc, fl.cycles, fl.park_tsc,
                io.complete_tsc if io else None, fl.completed_tsc,
                fl.ready_tsc, fl.wake_tsc, s['exit'], s['device'],
                s['ready'], s['wake'], s['total'])])
    return len(analysis.faults)
