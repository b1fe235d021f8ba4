"""tools/faultstat_lib/plot.py - latency histogram, CDF and timeline with
gnuplot (Debian: gnuplot-nox, installed by tools/deps). No KVM twin.

faultstat writes the data (*.dat) and one script (faultstat.gp) into the
plot directory and runs gnuplot there, so a figure can be restyled by
editing the script and running `gnuplot faultstat.gp` again.

  latency-hist.<fmt>   log2-bucket histogram of one metric, one colour per run
  latency-cdf.<fmt>    its CDF (fraction of samples <= x), log x axis
  timeline[-A|-B].<fmt> per task: when it was parked (park -> wake), and
                       where its faults hit; the vCPU stalled in a handler
                       (VM exit -> mm_fault_done); swap requests in flight
                       (submit -> complete), stacked so none overlap. A
                       long run shows a window (auto_window(), or --window)
"""

import os
import shutil
import subprocess

from . import stats

COLOURS = ('#1f77b4', '#d62728', '#2ca02c', '#9467bd')
CDF_POINTS = 4000           # enough for a smooth line on 100k samples
IO_LANES = 16               # more concurrent requests share the last lane
AUTO_FAULTS = 40            # a longer run's timeline shows this many swap-ins


class PlotError(Exception):
    pass


def _quote(text):
    return "'" + str(text).replace("'", "''") + "'"


def _terminal(fmt):
    """The gnuplot 'set terminal' line for png or svg."""
    if fmt == 'svg':
        return "set terminal svg size 1000,520 dynamic noenhanced " \
               "font 'sans,11'"
    for term in ('pngcairo', 'png'):
        probe = subprocess.run(['gnuplot', '-e', 'set terminal ' + term],
                               stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        if probe.returncode == 0:
            return 'set terminal %s size 1000,520 noenhanced' % term
    raise PlotError('gnuplot has no png terminal; use --plot-format svg')


def _unit(tsc_hz):
    """(divisor from cycles, axis unit) for latency axes."""
    return (tsc_hz / 1e6, 'us') if tsc_hz else (1.0, 'cycles')


def _write(path, rows):
    """Write rows as a gnuplot data file; returns how many."""
    n = 0
    with open(path, 'w') as f:
        for row in rows:
            f.write(' '.join(str(c) for c in row) + '\n')
            n += 1
    return n


def latency_script(runs, metric, d, fmt, term):
    """Histogram and CDF of metric for each (label, run, analysis)."""
    hz = next((r.tsc_hz() for _, r, _ in runs if r.tsc_hz()), None)
    div, unit = _unit(hz)
    hists, buckets = [], set()
    for i, (label, run, an) in enumerate(runs):
        values = sorted(an.samples.get(metric, [])) if an else []
        rows = [(b, n) for b, n in stats.log2_histogram(values) if n]
        buckets.update(b for b, _ in rows)
        _write(os.path.join(d, 'faultstat-hist-%d.dat' % i), rows)
        n = len(values)
        step = max(1, n // CDF_POINTS)
        _write(os.path.join(d, 'faultstat-cdf-%d.dat' % i),
               [(max(values[k], 1) / div, (k + 1) / n) for k in range(n)
                if (k + 1) % step == 0 or k == n - 1])
        hists.append((i, label, n))
    if not buckets:
        return []
    width = 0.8 / len(runs)
    tics = ', '.join('%s %d' % (_quote(stats.fmt_us(
        stats.bucket_bounds(b)[0] / div) if hz else
        str(stats.bucket_bounds(b)[0])), b)
        for b in range(min(buckets), max(buckets) + 1))
    s = [term, 'set output %s' % _quote('latency-hist.' + fmt),
         'set title %s' % _quote('%s: log2 histogram' % metric),
         'set xlabel %s' % _quote('%s (%s, bucket lower bound)'
                                  % (metric, unit)),
         "set ylabel 'samples'", 'set style fill solid 0.7 border -1',
         'set boxwidth %g' % width, 'set xtics (%s) rotate by -45' % tics,
         'set xrange [%g:%g]' % (min(buckets) - 1, max(buckets) + 1),
         'set yrange [0:*]', 'set grid ytics', 'set key top right']
    plots = []
    for i, label, n in hists:
        off = (i - (len(runs) - 1) / 2) * width
        plots.append("'faultstat-hist-%d.dat' using ($1%+g):2 with boxes "
                     "lc rgb '%s' title %s" % (i, off, COLOURS[i % 4],
                                               _quote('%s (n=%d)'
                                                      % (label, n))))
    s.append('plot ' + ', \\\n     '.join(plots))
    s += ['unset xtics', 'set xtics', 'unset xrange', 'unset boxwidth',
          'set output %s' % _quote('latency-cdf.' + fmt),
          'set title %s' % _quote('%s: CDF' % metric),
          'set xlabel %s' % _quote('%s (%s, log scale)' % (metric, unit)),
          "set ylabel 'fraction of samples <= x'", 'set logscale x',
          'set yrange [0:1.02]', 'set grid xtics ytics', 'set key bottom '
          'right']
    s.append('plot ' + ', \\\n     '.join(
        "'faultstat-cdf-%d.dat' using 1:2 with steps lw 2 lc rgb '%s' "
        "title %s" % (i, COLOURS[i % 4], _quote(label))
        for i, label, n in hists if n))
    s.append('unset logscale x')
    return s


def _io_lanes(ios):
    """(lane, io) with requests stacked so that a lane never overlaps."""
    ends, out = [], []
    for io in sorted(ios, key=lambda x: x.submit_tsc):
        lane = next((k for k, end in enumerate(ends)
                     if end <= io.submit_tsc), None)
        if lane is None:
            lane = min(len(ends), IO_LANES - 1)
            if lane == len(ends):
                ends.append(0)
        ends[lane] = max(ends[lane], io.complete_tsc or io.submit_tsc)
        out.append((lane, io))
    return out, len(ends)


def auto_window(an):
    """(first, last) TSC to draw: the whole trace when it holds few faults,
    else from the first swap-in's exit until AUTO_FAULTS swap-ins later
    have all been resolved (so that overlap stays visible)."""
    swapins = [f for f in an.faults if f.start_tsc() is not None and
               f.kind not in (None, 'zero', 'spurious')]
    if len(an.faults) <= AUTO_FAULTS or not swapins:
        return an.first_tsc, an.last_tsc
    shown = swapins[:AUTO_FAULTS]
    ends = [f.resolved_tsc() or an.last_tsc for f in shown]
    return shown[0].start_tsc(), max(ends)


def timeline_script(label, run, an, d, fmt, term, suffix, window=None):
    """The timeline of one run: tasks, the stalled vCPU, swap I/O.
    window: (from, to) in us since the first record (cycles without a
    TSC frequency), or None: auto_window()."""
    if an is None or an.first_tsc is None:
        return []
    t0 = an.first_tsc
    hz = run.tsc_hz()
    if window is None:
        lo, hi = auto_window(an)
    else:
        per = hz / 1e6 if hz else 1
        lo = t0 + int(window[0] * per)
        hi = min(t0 + int(window[1] * per), an.last_tsc)
        if hi <= lo:
            raise PlotError('--window %g:%g is outside the trace (%g us)'
                            % (window[0], window[1],
                               (an.last_tsc - t0) / per))
    if not hz:
        div, unit = 1e6, 'Mcycles'
    elif hi - lo < hz // 100:          # under 10 ms: microseconds
        div, unit = hz / 1e6, 'us'
    else:
        div, unit = hz / 1e3, 'ms'

    def x(tsc):
        return (tsc - t0) / div

    def seg(start, end, y):
        """A bar clipped to the window, or None if outside it."""
        end = an.last_tsc if end is None else end
        if end < lo or start > hi:
            return None
        start, end = max(start, lo), min(end, hi)
        return (x(start), y, x(end) - x(start))
    tasks = sorted({p[0] for p in an.parked} |
                   {f.task for f in an.faults if f.task is not None})
    lanes, n_io = _io_lanes(an.ios)
    # y: tasks on top, then the vCPU, then the I/O lanes.
    y_task = {t: n_io + 1 + len(tasks) - k for k, t in enumerate(tasks)}
    y_vcpu = n_io + 1
    name = 'faultstat-tl%s' % suffix
    layers = (
        ('faults', 'points pt 2 ps 0.5', 'black', 'fault (VM exit)',
         [(x(f.start_tsc()), y_task[f.task]) for f in an.faults
          if f.task is not None and f.start_tsc() is not None and
          lo <= f.start_tsc() <= hi]),
        ('parked', 'vectors nohead lw 8', '#d62728',
         'task parked (park -> wake)',
         [seg(s, e, y_task[t]) for t, s, e in an.parked]),
        ('stall', 'vectors nohead lw 8', '#7f7f7f', 'vCPU in fault handler',
         [seg(f.start_tsc(), f.done_tsc, y_vcpu) for f in an.faults
          if f.start_tsc() is not None and f.done_tsc is not None]),
    ) + tuple(
        ('io-' + op, 'vectors nohead lw 4', colour,
         'swap %s in flight' % op,
         [seg(io.submit_tsc, io.complete_tsc, n_io - lane)
          for lane, io in lanes if io.op == op])
        for op, colour in (('read', '#1f77b4'), ('write', '#ff7f0e')))
    plots = []
    for layer, style, colour, title, rows in layers:
        data = '%s-%s.dat' % (name, layer)
        if not _write(os.path.join(d, data), (r for r in rows if r)):
            continue
        using = '1:2' if style.startswith('points') else '1:2:3:(0)'
        plots.append("'%s' using %s with %s lc rgb '%s' title %s"
                     % (data, using, style, colour, _quote(title)))
    if not plots:
        return []
    tics = ['%s %d' % (_quote('task %s' % t), y) for t, y in y_task.items()]
    tics.append('%s %d' % (_quote('vCPU in handler'), y_vcpu))
    if n_io:
        tics.append('%s %d' % (_quote('swap I/O'), n_io))
    whole = (lo, hi) == (an.first_tsc, an.last_tsc)
    s = [term, 'set output %s' % _quote('timeline%s.%s' % (suffix, fmt)),
         'set title %s' % _quote('%s: tasks parked, vCPU in fault '
                                 'handlers, swap I/O in flight%s'
                                 % (label, '' if whole else
                                    ' (window; --window to move)')),
         'set xlabel %s' % _quote('time since the first record (%s)'
                                  % unit),
         'unset ylabel', 'set ytics (%s)' % ', '.join(tics),
         'set yrange [0:%d]' % (y_vcpu + len(tasks) + 1),
         'set xrange [%g:%g]' % (x(lo), max(x(hi), x(lo) + 1e-9)),
         'set grid xtics', 'set key outside bottom center horizontal']
    s.append('plot ' + ', \\\n     '.join(plots))
    s += ['unset ytics', 'set ytics', 'unset yrange', 'unset xrange']
    return s


def plot(runs, d, metric, fmt='png', window=None):
    """Draw every figure for runs, [(label, Run, Analysis or None)], into
    directory d; returns the image files written. window: the timeline's
    (from, to) in us since the first record; None: auto_window()."""
    if shutil.which('gnuplot') is None:
        raise PlotError('gnuplot not found: install gnuplot-nox '
                        '(tools/deps does)')
    os.makedirs(d, exist_ok=True)
    term = _terminal(fmt)
    script = latency_script(runs, metric, d, fmt, term)
    for i, (label, run, an) in enumerate(runs):
        suffix = '' if len(runs) == 1 else '-' + 'AB'[i]
        script += timeline_script(label, run, an, d, fmt, term, suffix,
                                  window)
    if not script:
        raise PlotError('nothing to plot: no trace records')
    path = os.path.join(d, 'faultstat.gp')
    with open(path, 'w') as f:
        f.write('# written by tools/faultstat; run: gnuplot faultstat.gp\n')
        f.write('\n'.join(script) + '\n')
    done = subprocess.run(['gnuplot', 'faultstat.gp'], cwd=d,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    if done.returncode != 0:
        raise PlotError('gnuplot failed on %s:\n%s' % (path,
                                                         done.stderr.strip()))
    return [os.path.join(d, line.split("'")[1]) for line in script
            if line.startswith('set output')]
