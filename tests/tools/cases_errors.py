"""tests/tools/cases_errors.py - faultstat on logs that are not whole:
malformed, truncated, overflowed, missing, and bad usage."""

import os
import tempfile

from checks import cli, eq, check, row, sample, test


def write_tmp(d, name, lines):
    path = os.path.join(d, name)
    with open(path, 'w') as f:
        f.write('\n'.join(lines) + '\n')
    return path


HEADER = ('faultline-trace: version=1 engine=bochs ips=1000000000 '
          'tsc_hz=1000000000 level=full capacity=64 records=2 dropped=0')
END = 'faultline-trace-end: records=2 dropped=0'


# Does a malformed line inside the trace stop faultstat, naming its line?
@test
def malformed_line_is_an_error():
    rc, out, err = cli(sample('malformed.log'))
    eq(rc, 1, 'exit status')
    eq(err, "faultstat: tests/tools/samples/malformed.log:17: bad field "
       "'gpa0x10' (expected key=value)\n", 'stderr')
    eq(out, '', 'stdout')


# Do other malformed lines give their own clear message and line number?
@test
def malformed_variants():
    cases = [
        (['x kvm_page_fault gpa=0x1 error_code=0 qual=0 exit_tsc=0'],
         "t.log:2: bad tsc 'x' (expected a decimal TSC)"),
        (['5 kvm_async_pf_ready gpa=0x1000'],
         "t.log:2: kvm_async_pf_ready without its 'token' field"),
        (['5 mm_fault_done gfn=12a kind=zero cycles=1'],
         "t.log:2: bad value in 'gfn=12a' (expected decimal or 0x-hex)"),
        (['5'], "t.log:2: bad record '5' (expected '<tsc> <event> "
         "key=value ...')"),
        (['5 mm_fault_done gfn=1 kind=zero cycles=1', 'garbage here'],
         "t.log:3: bad tsc 'garbage' (expected a decimal TSC)"),
    ]
    with tempfile.TemporaryDirectory() as d:
        for lines, want in cases:
            write_tmp(d, 't.log', [HEADER] + lines + [END])
            rc, out, err = cli(os.path.join(d, 't.log'))
            eq(rc, 1, 'exit status for %r' % lines)
            eq(err.strip(), 'faultstat: %s' % os.path.join(d, want),
               'message')
        write_tmp(d, 't.log', [HEADER.replace('version=1', 'version=2'),
                               END])
        rc, _, err = cli(os.path.join(d, 't.log'))
        eq(rc, 1, 'version 2: exit status')
        check('trace version 2; this faultstat reads version 1' in err,
              'version 2: message %r' % err)


# Is a trace without its end line reported truncated, and still analysed?
@test
def truncated_trace_warns_and_analyses():
    rc, out, err = cli(sample('truncated.log'))
    eq(rc, 0, 'exit status')
    check("faultstat: warning: tests/tools/samples/truncated.log: trace "
          "truncated: header at line 1 but no faultline-trace-end: line; "
          "analysing the 25 records read (the header announced 58)" in err,
          'warning: %r' % err)
    check('!!! TRACE TRUNCATED' in out, 'banner')
    eq(row(out, 'kvm_page_fault'), ['kvm_page_fault', '5'], 'count')
    eq(row(out, 'kind=swapin_async'), ['kind=swapin_async', '1'], 'split')
    eq(row(out, 'exit_to_handler'),
       ['exit_to_handler', '5', '400', '600', '600', '600', '600'],
       'percentiles over the prefix')
    check('in flight at the end of the trace: async faults not woken=1, '
          'swap requests not completed=2, handler not finished=0' in out,
          'in-flight line')


# Is a dump cut in the middle of a line a truncation, not an error?
@test
def truncated_mid_line_is_a_cut():
    rc, out, err = cli(sample('truncated-cut.log'))
    eq(rc, 0, 'exit status')
    check("truncated-cut.log: trace truncated: cut off at line 27 (bad "
          "field 'err' (expected key=value)); analysing the 25 records "
          "before it" in err, 'warning: %r' % err)
    eq(row(out, 'kvm_page_fault'), ['kvm_page_fault', '5'], 'count')


# Is an overflowed ring (dropped > 0) reported loudly, on both streams?
@test
def overflow_is_loud():
    rc, out, err = cli(sample('overflow'))
    eq(rc, 0, 'exit status')
    check('TRACE OVERFLOWED: 42 events dropped; only the first 16 were '
          'kept' in err, 'stderr: %r' % err)
    check(out.splitlines()[1].startswith(
        '!!! TRACE OVERFLOWED: 42 events dropped (ring capacity 16)'),
        'banner right under the title: %r' % out.splitlines()[1])
    eq(row(out, 'kvm_page_fault'), ['kvm_page_fault', '4', '8'],
       'trace vs summary count')
    eq(row(out, 'handler/zero'),
       ['handler/zero', '4', '2500', '3000', '3000', '3000', '3000'],
       'prefix percentiles')


# Does a run with no trace say so, and still print the summary?
@test
def missing_trace_is_summary_only():
    rc, out, err = cli(sample('notrace'))
    eq(rc, 0, 'exit status')
    check("no trace (no 'faultline-trace:' line in "
          "tests/tools/samples/notrace/console.log): summary-only analysis"
          in err, 'warning: %r' % err)
    check('trace    NONE: no faultline-trace: line' in out, 'trace line')
    check(row(out, 'run', 'result=pass', 'stop=done') is not None,
          'summary printed')


# Does a trace=summary run take its counts from the summary line?
@test
def summary_level_counts():
    rc, out, err = cli(sample('summary-level'))
    eq(rc, 0, 'exit status')
    check('level=summary: no records' in out, 'says level=summary')
    eq(row(out, 'kvm_page_fault'), ['kvm_page_fault', '8'], 'count')
    eq(row(out, 'guest_task_wake'), ['guest_task_wake', '3'], 'count')


# Are several traces in one file, unknown events and odd joins handled?
@test
def robust_joins():
    r = ['100 kvm_page_fault gpa=0x5000 error_code=0 qual=0 exit_tsc=90',
         '110 kvm_async_pf_not_present token=0x1000 gpa=0x5000',
         '120 mm_fault_done gfn=5 kind=swapin_async cycles=10',
         '130 kvm_async_pf_ready token=0x1000 gpa=0x5000',
         '140 guest_task_wake task=1 token=0x1000',    # wake before park
         '150 guest_task_park task=1 token=0x1000',
         '160 mm_fancy_new_event x=1',
         '200 kvm_page_fault gpa=0x6000 error_code=0 qual=0 exit_tsc=195',
         '210 kvm_async_pf_not_present token=0x1000 gpa=0x6000',  # reuse
         '220 mm_fault_done gfn=6 kind=swapin_async cycles=10',
         '230 guest_task_park task=2 token=0x1000',
         '300 guest_task_wake task=2 token=0x1000',
         '310 swap_io_complete op=read slot=9 gfn=9']
    old = ['1 mm_fault_done gfn=1 kind=zero cycles=1']
    with tempfile.TemporaryDirectory() as d:
        path = write_tmp(d, 'two.log', [HEADER] + old + [
            'faultline-trace-end: records=1 dropped=0', 'reboot', HEADER] +
            r + ['faultline-trace-end: records=%d dropped=0' % len(r)])
        rc, out, err = cli(path)
    eq(rc, 0, 'exit status')
    check('2 traces in one file; analysing the last (line 5)' in err,
          'two traces: %r' % err)
    check("unknown event 'mm_fancy_new_event'" in err, 'unknown event')
    eq(row(out, 'async_pf_e2e'),
       ['async_pf_e2e', '2', '30', '90', '90', '90', '90'], 'token reuse')
    eq(row(out, 'mm_fancy_new_event'), ['mm_fancy_new_event', '1'],
       'counted')
    check('anomaly: swap_io_complete with no swap_io_submit: 1' in out,
          'anomaly listed')


# Are bad command lines refused with status 2?
@test
def usage_errors():
    rc, _, err = cli('a', 'b', 'c')
    eq(rc, 2, 'three logs')
    rc, _, err = cli('--csv', 'x.csv', sample('sync'), sample('async'))
    eq(rc, 2, '--csv with two logs')
    check('--csv takes one LOG' in err, 'message')
    rc, _, err = cli('--window', '5:1', sample('async'))
    eq(rc, 2, 'bad window')
    rc, _, err = cli('tests/tools/samples/no-such-run')
    eq(rc, 1, 'missing path')
    eq(err, 'faultstat: tests/tools/samples/no-such-run: no such file or '
       'directory\n', 'message')


# Are CRLF endings, terminal escapes and a stray header word tolerated?
@test
def emulator_noise_tolerated():
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, 'noisy.log')
        with open(path, 'wb') as f:
            f.write(b'Next at t=0\r\n'
                    b'faultline-trace: version=1 tsc_hz=1000 oops\r\n'
                    b'\x1b[H\x1b[2J10 mm_fault_done gfn=1 kind=zero '
                    b'cycles=5\x1b[0m\r\n'
                    b'20 mm_fault_done gfn=2 kind=zero cycles=7\r\n'
                    b'\x1b(Bfaultline-trace-end: records=2 dropped=0\r\n'
                    b'(0).[1491525835] [0x00003f8e241d] out dx, ax\n')
        rc, out, err = cli('--metric', 'handler/zero', path)
    eq(rc, 0, 'exit status (%s)' % err.strip())
    check(":2: trace header: ignored 'oops' (expected key=value)" in err,
          'header warning: %r' % err)
    eq(row(out, 'handler/zero'),
       ['handler/zero', '2', '5', '7', '7', '7', '7'], 'both records')


# Does a sync fault behind an async read get that read's device time, and
# a fault whose exit_tsc is 0 start its total at the handler?
@test
def sync_fault_behind_async_read():
    from faultstat_lib import faults, logs
    r = ['100 kvm_page_fault gpa=0x5000 error_code=0 qual=0 exit_tsc=90',
         '110 swap_io_submit op=read slot=1 gfn=5 due=1000',
         '120 kvm_async_pf_not_present token=0x1000 gpa=0x5000',
         '130 mm_fault_done gfn=5 kind=swapin_async cycles=10',
         '200 kvm_page_fault gpa=0x5000 error_code=0 qual=0 exit_tsc=0',
         '1000 swap_io_complete op=read slot=1 gfn=5',
         '1010 kvm_async_pf_completed token=0x1000 gpa=0x5000',
         '1050 mm_fault_done gfn=5 kind=swapin_sync cycles=20']
    with tempfile.TemporaryDirectory() as d:
        path = write_tmp(d, 't.log', [HEADER] + r + [END])
        a = faults.analyse(logs.read_run(path).trace.records)
    f = a.faults[1]
    eq((f.kind, f.exit_tsc, f.io.submit_tsc), ('swapin_sync', None, 110),
       'the sync fault')
    eq(f.stages()['device'], 890, 'device time of the read it waited on')
    eq(f.stages()['total'], 850, 'total from the handler entry')
    eq(a.samples['exit_to_handler'], [10], 'exit_tsc=0 is no sample')
    eq(list(a.anomalies.values()), [1], 'one anomaly')
