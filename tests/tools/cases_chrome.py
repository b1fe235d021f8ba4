"""tests/tools/cases_chrome.py - faultstat --chrome: the Chrome trace-event
JSON loads, and its slices are the trace's spans, TSC for TSC."""

import json
import os
import tempfile

from checks import check, cli, eq, sample, test

# A hand-written trace (tsc_hz = 1 GHz: 1000 cycles = 1 us). The guest runs
# from the first entry; one async swap-in parks task 1 while task 2 runs;
# a HLT waits; two swap requests overlap (two lanes).
TRACE = """\
faultline-trace: version=1 engine=bochs ips=1000000000 tsc_hz=1000000000 level=full capacity=64 records=22 dropped=0
1000 kvm_entry exit_reason=18 exit_tsc=900
1100 guest_task_switch prev=0 next=1
2000 kvm_page_fault gpa=0x100000 error_code=0x2 qual=0x182 exit_tsc=1900
2100 swap_io_submit op=read slot=3 gfn=256 due=12100
2150 swap_io_submit op=write slot=4 gfn=300 due=13000
2200 kvm_async_pf_not_present token=0x1000 gpa=0x100000
2300 mm_fault_done gfn=256 kind=swapin_async cycles=400
2400 kvm_entry exit_reason=48 exit_tsc=1900
2500 guest_task_park task=1 token=0x1000
2600 kvm_entry exit_reason=18 exit_tsc=2450
2700 guest_task_switch prev=1 next=2
3000 guest_task_switch prev=2 next=0
5000 kvm_vcpu_wait why=halt start_tsc=3200
5100 kvm_entry exit_reason=12 exit_tsc=3100
12100 swap_io_complete op=read slot=3 gfn=256
12200 kvm_async_pf_completed token=0x1000 gpa=0x100000
12300 kvm_async_pf_ready token=0x1000 gpa=0x100000
12400 kvm_entry exit_reason=52 exit_tsc=12000
13000 swap_io_complete op=write slot=4 gfn=300
13100 guest_task_switch prev=0 next=1
13200 guest_task_wake task=1 token=0x1000
faultline-trace-end: records=22 dropped=0
"""


def export(text):
    """(status, stderr, JSON object) of faultstat --chrome on a trace."""
    with tempfile.TemporaryDirectory() as d:
        log = os.path.join(d, 'e9.log')
        with open(log, 'w') as f:
            f.write(text)
        out = os.path.join(d, 'run.json')
        rc, _, err = cli('-q', '--chrome', out, log)
        data = None
        if os.path.exists(out):
            with open(out) as f:
                data = json.load(f)
        return rc, err, data


def slices(data, pid, tid=None):
    """(name, tsc_start, tsc_end) of the X events of one track, by time."""
    return sorted((e['name'], e['args']['tsc_start'], e['args']['tsc_end'])
                  for e in data['traceEvents']
                  if e['ph'] == 'X' and e['pid'] == pid and
                  (tid is None or e['tid'] == tid))


def thread_names(data, pid):
    return {e['tid']: e['args']['name'] for e in data['traceEvents']
            if e['ph'] == 'M' and e['pid'] == pid and
            e['name'] == 'thread_name'}


# Does the vCPU track hold each exit (VM exit -> kvm_entry), the guest
# between them, and the HLT's wait inside its exit?
@test
def chrome_vcpu_track_matches_trace():
    rc, err, data = export(TRACE)
    eq(rc, 0, 'exit status (stderr: %s)' % err)
    eq(slices(data, 1), sorted([
        ('exit: vmcall', 900, 1000),
        ('guest', 1000, 1900),
        ('exit: ept_violation', 1900, 2400),
        ('guest', 2400, 2450),
        ('exit: vmcall', 2450, 2600),
        ('guest', 2600, 3100),
        ('exit: hlt', 3100, 5100),
        ('wait: halt', 3200, 5000),
        ('guest', 5100, 12000),
        ('exit: preemption_timer', 12000, 12400),
    ]), 'vCPU slices')
    instants = sorted((e['name'], e['args']['tsc'])
                      for e in data['traceEvents']
                      if e['ph'] == 'i' and e['pid'] == 1)
    eq(instants, [('page not present', 2200), ('page ready', 12300)],
       'async-PF instants')
    # ts/dur are microseconds since the earliest TSC (900): 1 GHz.
    first = min((e for e in data['traceEvents'] if e['ph'] == 'X'),
                key=lambda e: e['ts'])
    eq((first['ts'], first['dur']), (0.0, 0.1), 'us since t0 (exit 900)')
    eq(data['otherData']['t0_tsc'], 900, 't0_tsc')


# Does each task get running / parked / runnable slices from the
# scheduler's switches, parked only after a park with no wake?
@test
def chrome_task_tracks_match_trace():
    rc, err, data = export(TRACE)
    eq(rc, 0, 'exit status (stderr: %s)' % err)
    eq(slices(data, 2, 1), [('parked', 2700, 13100),
                            ('running', 1100, 2700)], 'task 1')
    eq(slices(data, 2, 2), [('running', 2700, 3000)], 'task 2')
    eq(slices(data, 2, 0), [('running', 3000, 13100)],
       'idle loop: running only (it is never on the run queue)')
    names = thread_names(data, 2)
    eq((names.get(0), names.get(1), names.get(2)),
       ('idle loop', 'task 1', 'task 2'), 'task track names')
    parked = [e for e in data['traceEvents'] if e['ph'] == 'X' and
              e['pid'] == 2 and e['name'] == 'parked'][0]
    eq((parked['args']['token'], parked['args']['park_tsc']),
       ('0x1000', 2500), 'parked slice args')


# Do overlapping swap requests get a lane each, submit -> complete, and
# does the in-flight counter follow them?
@test
def chrome_swap_track_matches_trace():
    rc, err, data = export(TRACE)
    eq(rc, 0, 'exit status (stderr: %s)' % err)
    eq(slices(data, 3, 1), [('read slot 3', 2100, 12100)], 'lane 0')
    eq(slices(data, 3, 2), [('write slot 4', 2150, 13000)], 'lane 1')
    counts = [(e['args']['read'], e['args']['write'])
              for e in sorted((e for e in data['traceEvents']
                               if e['ph'] == 'C'), key=lambda e: e['ts'])]
    eq(counts, [(1, 0), (1, 1), (0, 1), (0, 0)], 'requests in flight')


# On a real trace (the async sample, no vCPU/task records): does every swap
# request become one slice with the record's TSCs, and nothing else break?
@test
def chrome_sample_swap_requests():
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, 'run.json')
        rc, _, err = cli('-q', '--chrome', out, sample('async'))
        eq(rc, 0, 'exit status (stderr: %s)' % err)
        with open(out) as f:
            data = json.load(f)
    reqs = [e for e in data['traceEvents'] if e['ph'] == 'X' and
            e['pid'] == 3]
    eq(len(reqs), 7, 'one slice per completed request (7 in the sample)')
    check(all(e['dur'] > 0 for e in reqs), 'every request has a duration')
    eq(sorted(e['args']['op'] for e in reqs), ['read'] * 3 + ['write'] * 4,
       'ops')


# Is a run without trace records refused with a message, not a crash?
@test
def chrome_without_trace_is_refused():
    rc, _, err = cli('-q', '--chrome', os.devnull, sample('notrace'))
    eq(rc, 1, 'exit status')
    check('--chrome' in err and 'no trace records' in err,
          'says why: %r' % err)


def trace_samples(text):
    """faultstat's samples of a trace given as text (an e9.log's)."""
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
        os.path.dirname(os.path.abspath(__file__)))), 'tools'))
    from faultstat_lib import faults, logs
    with tempfile.TemporaryDirectory() as d:
        log = os.path.join(d, 'e9.log')
        with open(log, 'w') as f:
            f.write(text)
        run = logs.read_run(log)
    return faults.analyse(run.trace.records).samples


# Are a zero-fill's and a swap-in's stages (exit, classify, frame,
# zero/submit, map, rest, resume; copy and map at completion) taken from
# mm_fault_stages, mm_swapin_stages and the kvm_entry that ends the fault?
@test
def stage_samples_from_trace():
    s = trace_samples("""\
faultline-trace: version=1 engine=bochs ips=1000000000 tsc_hz=1000000000 level=full capacity=64 records=11 dropped=0
1200 kvm_page_fault gpa=0x100000 error_code=0x2 qual=0x182 exit_tsc=1000
1900 mm_fault_stages classify=100 frame=200 data=300 map=50
2000 mm_fault_done gfn=256 kind=zero cycles=1000
2400 kvm_entry exit_reason=48 exit_tsc=1000
5300 kvm_page_fault gpa=0x101000 error_code=0x0 qual=0x181 exit_tsc=5000
5800 mm_fault_stages classify=40 frame=60 data=90 map=0
5900 swap_io_submit op=read slot=1 gfn=257 due=9000
6000 mm_fault_done gfn=257 kind=swapin_sync cycles=1000
9100 swap_io_complete op=read slot=1 gfn=257
9200 mm_swapin_stages gfn=257 copy=700 map=80
9500 kvm_entry exit_reason=48 exit_tsc=5000
faultline-trace-end: records=11 dropped=0
""")
    got = {k: v for k, v in s.items() if k.startswith('stage/')}
    eq(got, {'stage/zero/exit': [200], 'stage/zero/classify': [100],
             'stage/zero/frame': [200], 'stage/zero/zero': [300],
             'stage/zero/map': [50], 'stage/zero/resume': [400],
             'stage/zero/rest': [150], 'stage/swapin/rest': [510],
             'stage/swapin/exit': [300], 'stage/swapin/classify': [40],
             'stage/swapin/frame': [60], 'stage/swapin/submit': [90],
             'stage/swapin/resume': [3500], 'stage/swapin/copy': [700],
             'stage/swapin/map': [80]}, 'stage samples')


# Is the trace's own recording (trace_cycles) taken out of the resume
# stage, the one span faultstat measures between two records?
@test
def stage_resume_without_trace_cycles():
    s = trace_samples("""\
faultline-trace: version=1 engine=bochs ips=1000000000 tsc_hz=1000000000 level=full capacity=64 records=4 dropped=0
1200 kvm_page_fault gpa=0x100000 error_code=0x2 qual=0x182 exit_tsc=1000 trace_cycles=4294967290
1900 mm_fault_stages classify=100 frame=200 data=300 map=50 trace_cycles=30
2000 mm_fault_done gfn=256 kind=zero cycles=1000 trace_cycles=66
2400 kvm_entry exit_reason=48 exit_tsc=1000 trace_cycles=166
faultline-trace-end: records=4 dropped=0
""")
    eq(s.get('stage/zero/resume'), [300], '400 cycles, 100 of them tracing')
    eq(s.get('stage/zero/exit'), [200], 'no record inside the exit stage')
