"""tests/tools/cases_output.py - what faultstat prints and writes: the
report, the A/B comparison, the CSV, the figures, --help."""

import csv
import os
import shutil
import subprocess
import tempfile

from checks import Skip, check, cli, eq, row, sample, test


# Does the report of the async sample print the hand-computed rows?
@test
def async_report_rows():
    rc, out, err = cli(sample('async'))
    eq(rc, 0, 'exit status')
    eq(err, '', 'no warnings')
    eq(row(out, 'kvm_async_pf_repeated_fault'),
       ['kvm_async_pf_repeated_fault', '1', '1'], 'count, trace and summary')
    eq(row(out, 'fault_total'),
       ['fault_total', '8', '3600', '107000', '107000', '107000', '107000'],
       'fault_total cycles')
    eq(row(out, 'us', after='fault_total'),
       ['us', '3.60', '107.00', '107.00', '107.00', '107.00'],
       'fault_total us (tsc_hz = 1 GHz)')
    eq(row(out, 'async_pf_e2e'),
       ['async_pf_e2e', '3', '102000', '106200', '106200', '106200',
        '106200'], 'async_pf_e2e')
    eq(row(out, '[2048, 4096)'), ['[2048,', '4096)', '2.05', '4',
                                  '|' + '#' * 32], 'histogram top bucket')
    eq(row(out, '[65536, 131072)'), ['[65536,', '131072)', '65.54', '3',
                                     '|' + '#' * 24], 'histogram bar')
    eq(row(out, 'swapin_async', after='per-fault breakdown:'),
       ['swapin_async', '2', '0.30', '1.80', '100.00', '0.20', '1.00',
        '103.00'], 'breakdown row (us)')
    eq(row(out, 'all', after='per-fault breakdown:'),
       ['all', '8', '0.40', '2.00', '100.00', '0.50', '1.50', '3.60'],
       'breakdown all')


# Does a run directory and its e9.log alone give the same analysis?
@test
def file_or_directory():
    _, by_dir, _ = cli(sample('async'))
    rc, by_file, err = cli(os.path.join(sample('async'), 'e9.log'))
    eq(rc, 0, 'exit status')
    check('pass the run directory to read its console.log too' in err,
          'hint: %r' % err)
    eq(row(by_file, 'wake'), row(by_dir, 'wake'), 'same percentiles')


# Does the comparison put A and B side by side with the ratio B/A?
@test
def compare_sync_async():
    rc, out, err = cli(sample('sync'), sample('async'))
    eq(rc, 0, 'exit status')
    eq(out.splitlines()[1:3], ['  A = tests/tools/samples/sync',
                               '  B = tests/tools/samples/async'], 'A/B')
    eq(row(out, 'guest_work'), ['guest_work', '2000', '5000', '2.50'],
       'summary numbers')
    eq(row(out, 'result'), ['result', 'pass', 'pass'], 'summary words')
    eq(row(out, 'kvm_page_fault'), ['kvm_page_fault', '7', '8', '1.14'],
       'counts')
    eq(row(out, 'kind=swapin_sync'), ['kind=swapin_sync', '3', '1',
                                      '0.33'], 'split counts')
    eq(row(out, 'kind=joined'), ['kind=joined', '0', '1', 'inf'],
       'B only')
    eq(row(out, 'p90', after='fault_total n'),
       ['p90', '101800', '101.80', '107000', '107.00', '1.05'],
       'fault_total p90')
    eq(row(out, 'p50', after='fault_total/swapin_sync n'),
       ['p50', '101500', '101.50', '51100', '51.10', '0.50'],
       'swapin_sync p50')
    eq(row(out, 'p50', after='async_pf_e2e n'),
       ['p50', '-', '102000', '102.00', '-'], 'metric only in B')
    check(max(len(line) for line in out.splitlines()) <= 80,
          'fits in 80 columns')


# Does --csv write one row per fault with each stage's TSC?
@test
def csv_rows():
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, 'f.csv')
        rc, _, err = cli('-q', '--csv', path, sample('async'))
        eq(rc, 0, 'exit status')
        with open(path, newline='') as f:
            rows = list(csv.DictReader(f))
    eq(len(rows), 8, 'rows')
    eq([r['kind'] for r in rows],
       ['zero'] * 4 + ['swapin_async'] * 2 + ['joined', 'swapin_sync'],
       'kinds')
    want = {'fault': '4', 'kind': 'swapin_async', 'gfn': '256',
            'gpa': '0x100000', 'token': '0x1000', 'joined': '0',
            'task': '1', 'exit_tsc': '100000', 'handler_tsc': '100400',
            'swap_submit_tsc': '100800', 'not_present_tsc': '101000',
            'done_tsc': '102400', 'handler_cycles': '2000',
            'park_tsc': '103000', 'swap_complete_tsc': '200800',
            'completed_tsc': '201000', 'ready_tsc': '201500',
            'wake_tsc': '203000', 'exit_cycles': '400',
            'device_cycles': '100000', 'ready_cycles': '500',
            'wake_cycles': '1500', 'total_cycles': '103000'}
    eq(rows[4], want, 'fault 4')
    eq((rows[7]['token'], rows[7]['wake_tsc'], rows[7]['total_cycles']),
       ('', '', '51100'), 'sync fault: no async steps')


# Does --plot draw the histogram, CDF and timeline with gnuplot?
@test
def plot_files():
    if shutil.which('gnuplot') is None:
        raise Skip('no gnuplot (Debian: gnuplot-nox)')
    with tempfile.TemporaryDirectory() as d:
        rc, _, err = cli('-q', '--plot', d, sample('async'))
        eq(rc, 0, 'exit status (%s)' % err.strip())
        for name in ('latency-hist.png', 'latency-cdf.png', 'timeline.png'):
            with open(os.path.join(d, name), 'rb') as f:
                eq(f.read(8), b'\x89PNG\r\n\x1a\n', name)
        rc, _, err = cli('-q', '--plot', d, '--plot-format', 'svg',
                         sample('sync'), sample('async'))
        eq(rc, 0, 'svg exit status (%s)' % err.strip())
        for name in ('latency-hist.svg', 'latency-cdf.svg', 'timeline-A.svg',
                     'timeline-B.svg'):
            with open(os.path.join(d, name)) as f:
                check('<svg' in f.read(), name)
        redo = subprocess.run(['gnuplot', 'faultstat.gp'], cwd=d)
        eq(redo.returncode, 0, 'the saved script runs again')


# Without gnuplot, does --plot fail in one line that names the package?
@test
def plot_without_gnuplot():
    with tempfile.TemporaryDirectory() as d:
        env = dict(os.environ, PATH=d)      # an empty PATH: no gnuplot
        rc, out, err = cli('-q', '--plot', d, sample('async'), env=env)
    eq(rc, 1, 'exit status')
    eq(err, 'faultstat: --plot: gnuplot not found: install gnuplot-nox '
       '(tools/deps does)\n', 'message')


# Does --help define the percentile and every metric?
@test
def help_text():
    rc, out, _ = cli('--help')
    eq(rc, 0, 'exit status')
    for words in ('nearest rank', 'ceil(p/100 * N)', 'p99.9=999',
                  'fault_total', 'exit_to_handler', 'swap_device',
                  'async_pf_e2e', 'ready', 'wake', '--csv', '--plot'):
        check(words in out, '--help lacks %r' % words)
