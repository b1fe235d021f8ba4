#!/usr/bin/python3
"""tests/tools/test_faultstat.py - tests of tools/faultstat on the sample
runs in tests/tools/samples (see its README) and on generated traces.
Every expected figure was worked out by hand from the sample, not copied
from faultstat's output.

  test_faultstat.py [--results FILE] [NAME...]

Prints "faultstat_<name>: ok", "faultstat_<name>: FAIL <why>" or
"faultstat_<name>: skipped: <reason>" per test, then "N passed, N failed";
writes "passed=N failed=N" to FILE; exits 1 if any test failed.
"""

import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, 'tools'))
sys.path.insert(0, HERE)

from faultstat_lib import faults, logs, report, stats  # noqa: E402
from checks import (TESTS, Fail, Skip, check, cli, eq, row,  # noqa: E402
                    sample, test)

ALL_EVENTS_ASYNC = {
    'kvm_page_fault': 8, 'kvm_try_async_get_page': 3,
    'kvm_async_pf_not_present': 3, 'kvm_async_pf_repeated_fault': 1,
    'kvm_async_pf_completed': 3, 'kvm_async_pf_ready': 3,
    'mm_fault_done': 8, 'swap_io_submit': 7, 'swap_io_complete': 7,
    'mm_page_evict': 5, 'mm_page_writeback': 4, 'guest_task_park': 3,
    'guest_task_wake': 3,
}


def load(name):
    run = logs.read_run(sample(name))
    return run, faults.analyse(run.trace.records)


def pct(analysis, metric):
    """[n, p50, p90, p99, p99.9, max] of one metric."""
    st = stats.summarize(analysis.samples.get(metric, []))
    return [st['n']] + [st.get(s) for s in stats.STAT_NAMES]


# Does nearest rank give the documented values, with no interpolation?
@test
def percentile_nearest_rank():
    s = stats.summarize(list(range(1000, 0, -1)))
    eq([s[k] for k in ('n',) + stats.STAT_NAMES],
       [1000, 500, 900, 990, 999, 1000], '1..1000')
    s = stats.summarize(list(range(1, 11)))
    eq([s[k] for k in stats.STAT_NAMES], [5, 9, 10, 10, 10], '1..10')
    s = stats.summarize([7])
    eq([s[k] for k in stats.STAT_NAMES], [7] * 5, 'one sample')
    eq(stats.summarize([]), {'n': 0}, 'no samples')
    eq(stats.nearest_rank([1, 2, 3, 4], 500), 2, 'p50 of 4 is rank 2')


# Do log2 buckets hold [2^(b-1), 2^b), with empty buckets in between?
@test
def histogram_log2_buckets():
    eq(stats.log2_histogram([0, 1, 2, 3, 4, 7, 8, 100]),
       [(0, 1), (1, 1), (2, 2), (3, 2), (4, 1), (5, 0), (6, 0), (7, 1)],
       'buckets')
    eq(stats.bucket_bounds(7), (64, 128), 'bounds of bucket 7')


# Are the async sample's events all counted, with their splits?
@test
def async_counts():
    run, a = load('async')
    eq(a.counts, ALL_EVENTS_ASYNC, 'event counts')
    eq(a.sub_counts, {
        'mm_fault_done kind=zero': 4, 'mm_fault_done kind=swapin_async': 2,
        'mm_fault_done kind=joined': 1, 'mm_fault_done kind=swapin_sync': 1,
        'swap_io_submit op=read': 3, 'swap_io_submit op=write': 4,
        'swap_io_complete op=read': 3, 'swap_io_complete op=write': 4,
        'mm_page_evict dirty=0': 1, 'mm_page_evict dirty=1': 4},
        'split counts')
    eq(len(run.trace.records), 58, 'records')
    eq(run.warnings, [], 'warnings')
    eq(a.anomalies, {}, 'anomalies')
    eq(a.in_flight(), (0, 0), 'nothing left in flight')


# Are the async sample's percentiles exactly the hand-computed ones?
@test
def async_percentiles():
    _, a = load('async')
    expect = {
        'fault_total': [8, 3600, 107000, 107000, 107000, 107000],
        'fault_total/zero': [4, 2800, 3600, 3600, 3600, 3600],
        'fault_total/swapin_async': [2, 103000, 107000, 107000, 107000,
                                     107000],
        'fault_total/joined': [1] + [85500] * 5,
        'fault_total/swapin_sync': [1] + [51100] * 5,
        'exit_to_handler': [8, 400, 600, 600, 600, 600],
        'handler/zero': [4, 2500, 3000, 3000, 3000, 3000],
        'handler/swapin_async': [2, 1800, 2000, 2000, 2000, 2000],
        'handler/joined': [1] + [1000] * 5,
        'handler/swapin_sync': [1] + [3000] * 5,
        'swap_device/read': [3, 100000, 105000, 105000, 105000, 105000],
        'swap_device/write': [4, 50000, 51000, 51000, 51000, 51000],
        'async_pf_e2e': [3, 102000, 106200, 106200, 106200, 106200],
        'ready': [3, 500, 2900, 2900, 2900, 2900],
        'wake': [3, 1500, 1500, 1500, 1500, 1500],
    }
    eq(sorted(a.samples), sorted(expect), 'metrics present')
    for metric, want in expect.items():
        eq(pct(a, metric), want, metric)


# Does the per-fault breakdown take the median of each stage per kind?
@test
def async_breakdown():
    _, a = load('async')
    got = {kind: (n, [med[s] for s in faults.STAGES])
           for kind, n, med in report.breakdown_rows(a)}
    eq(got, {
        'zero': (4, [400, 2500, None, None, None, 2800]),
        'swapin_sync': (1, [400, 3000, 50000, None, None, 51100]),
        'swapin_async': (2, [300, 1800, 100000, 200, 1000, 103000]),
        'joined': (1, [200, 1000, 100000, 2900, 1500, 85500]),
        'all': (8, [400, 2000, 100000, 500, 1500, 3600]),
    }, 'breakdown')


# Does the joined fault share the read in flight and keep its own token?
@test
def async_joined_fault():
    _, a = load('async')
    f = a.faults[6]
    eq((f.kind, f.token, f.joined, f.task), ('joined', 0x3000, True, 3),
       'fault 6')
    eq((f.io.submit_tsc, f.io.complete_tsc), (100800, 200800), 'its read')
    eq(a.parked, [(1, 103000, 203000), (2, 113000, 217000),
                  (3, 121800, 205500)], 'parked intervals')


# Is the sync sample analysed, and its last summary line the one used?
@test
def sync_percentiles():
    run, a = load('sync')
    eq(run.summary['result'], 'pass', 'last summary line wins')
    eq(run.summary['guest_work'], '2000', 'guest_work')
    eq(run.tsc_hz(), 1000000000, 'tsc_hz')
    eq(a.counts['kvm_page_fault'], 7, 'faults')
    eq(a.counts.get('kvm_async_pf_not_present', 0), 0, 'no async')
    eq(pct(a, 'fault_total'), [7, 3600, 101800, 101800, 101800, 101800],
       'fault_total')
    eq(pct(a, 'fault_total/swapin_sync'),
       [3, 101500, 101800, 101800, 101800, 101800], 'swapin_sync total')
    eq(pct(a, 'handler/swapin_sync'), [3, 2200, 2400, 2400, 2400, 2400],
       'handler/swapin_sync')
    eq(pct(a, 'exit_to_handler'), [7, 400, 600, 600, 600, 600],
       'exit_to_handler')
    eq(pct(a, 'swap_device/read'),
       [3, 100000, 100000, 100000, 100000, 100000], 'device read')
    eq('async_pf_e2e' in a.samples, False, 'no async metric')


# Do generated traces give the percentiles known by construction?
@test
def generated_percentiles():
    import gen_trace
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, 'e9.log')
        gen_trace.write(path, 1000)
        run = logs.read_run(path)
        a = faults.analyse(run.trace.records)
    eq(pct(a, 'handler/swapin_async'), [1000, 1500, 1900, 1990, 1999, 2000],
       'handler')
    eq(pct(a, 'swap_device/read'),
       [1000, 15000, 19000, 19900, 19990, 20000], 'device')
    eq(pct(a, 'async_pf_e2e'), [1000, 15500, 19500, 20400, 20490, 20500],
       'e2e')
    eq(pct(a, 'fault_total'), [1000, 16000, 20000, 20900, 20990, 21000],
       'total')
    eq(pct(a, 'ready'), [1000] + [200] * 5, 'ready')
    eq(pct(a, 'wake'), [1000] + [300] * 5, 'wake')


# Does a 100k-record trace go through the command in a few seconds?
@test
def large_trace_is_fast():
    import gen_trace
    import tempfile
    import time
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, 'e9.log')
        gen_trace.write(path, 10000)
        start = time.monotonic()
        rc, out, err = cli(path, '--csv', os.path.join(d, 'f.csv'))
        took = time.monotonic() - start
    eq(rc, 0, 'exit status')
    eq(row(out, 'kvm_page_fault'), ['kvm_page_fault', '10000'], 'count')
    eq(row(out, 'handler/swapin_async'),
       ['handler/swapin_async', '10000', '6000', '10000', '10900', '10990',
        '11000'], 'handler percentiles')
    check(took < 15, '100k records took %.1f s (limit 15 s)' % took)


def main(argv):
    # This file's tests first, then the modules' (importing registers them).
    import cases_output  # noqa: F401
    import cases_errors  # noqa: F401
    import cases_chrome  # noqa: F401
    import cases_report  # noqa: F401
    results = None
    if argv[:1] == ['--results']:
        results, argv = argv[1], argv[2:]
    passed = failed = 0
    for name, fn in TESTS:
        if argv and name not in argv:
            continue
        try:
            fn()
        except Skip as e:
            print('faultstat_%s: skipped: %s' % (name, e))
            continue
        except Fail as e:
            print('faultstat_%s: FAIL %s' % (name, e))
            failed += 1
            continue
        except Exception as e:      # a crash in faultstat is a failure too
            print('faultstat_%s: FAIL %s: %s' % (name, type(e).__name__, e))
            failed += 1
            continue
        print('faultstat_%s: ok' % name)
        passed += 1
    print('%d passed, %d failed' % (passed, failed))
    if results:
        os.makedirs(os.path.dirname(results) or '.', exist_ok=True)
        with open(results, 'w') as f:
            f.write('passed=%d failed=%d\n' % (passed, failed))
    return 1 if failed or not passed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
