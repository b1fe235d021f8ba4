"""tools/faultstat_lib/chrome.py - a run's trace as Chrome trace-event JSON
(the "JSON Array/Object Format" that Perfetto's UI and chrome://tracing
open). No KVM twin; `perf timechart` and trace-cmd's kernelshark are the
nearest.

Three processes, each a group of tracks:

  pid 1 "vCPU 0"        one track: "guest" while the vCPU ran the guest
                        (a kvm_entry to the next VM exit), "exit: <reason>"
                        while faultline handled an exit (its VM exit to its
                        kvm_entry), and inside an exit "wait: io|frame|halt"
                        while faultline held the vCPU for a deadline
                        (kvm_vcpu_wait). Instants: "page not present" and
                        "page ready" (kvm_async_pf_not_present / _ready).
  pid 2 "guest tasks"   one track per task (tid = task id, 0 = the idle
                        loop) from guest_task_switch: "running" from the
                        switch to it to the switch away; after a switch
                        away that follows a guest_task_park with no wake
                        yet, "parked" until it is switched back in; else
                        "runnable" until it is switched back in (never
                        for the idle loop, which is not queued).
  pid 3 "swap device"   one slice per request, submit -> complete
                        (swap_io_submit / swap_io_complete), on the first
                        lane free at its submission; and a counter of
                        requests in flight (reads, writes).

Times: ts and dur are microseconds since the earliest TSC in the trace
(t0_tsc in otherData), at the trace's tsc_hz; every slice also carries its
exact TSCs in args (tsc_start, tsc_end), which the tests compare with the
records.
"""

import json

# Basic exit reasons (SDM Vol. 3C, Appendix C), as faultline's summary
# names them (vmm/vmx_names.c).
EXIT_REASONS = {
    0: 'exception_nmi', 1: 'external_interrupt', 2: 'triple_fault',
    7: 'interrupt_window', 10: 'cpuid', 12: 'hlt', 18: 'vmcall',
    28: 'cr_access', 30: 'io_instruction', 31: 'msr_read',
    32: 'msr_write', 48: 'ept_violation', 49: 'ept_misconfig',
    52: 'preemption_timer',
}

PID_VCPU, PID_TASKS, PID_SWAP = 1, 2, 3
TID_VCPU = 1
IDLE_TASK = 0          # the guest's idle loop: never on the run queue


def exit_name(reason):
    return EXIT_REASONS.get(reason, 'reason_%d' % reason)


class Timeline:
    """Builds the event list; ts/dur in microseconds since t0."""

    def __init__(self, t0, hz):
        self.t0 = t0
        self.hz = hz
        self.events = []

    def us(self, tsc):
        return round((tsc - self.t0) * 1e6 / self.hz, 6)

    def slice(self, pid, tid, name, cat, start, end, args=None):
        a = {'tsc_start': start, 'tsc_end': end}
        a.update(args or {})
        self.events.append({
            'ph': 'X', 'pid': pid, 'tid': tid, 'name': name, 'cat': cat,
            'ts': self.us(start), 'dur': round((end - start) * 1e6 /
                                               self.hz, 6),
            'args': a})

    def instant(self, pid, tid, name, cat, tsc, args=None):
        a = {'tsc': tsc}
        a.update(args or {})
        self.events.append({'ph': 'i', 's': 't', 'pid': pid, 'tid': tid,
                            'name': name, 'cat': cat, 'ts': self.us(tsc),
                            'args': a})

    def counter(self, pid, name, tsc, values):
        self.events.append({'ph': 'C', 'pid': pid, 'tid': 0, 'name': name,
                            'ts': self.us(tsc), 'args': dict(values)})

    def meta(self, pid, tid, what, name, sort=None):
        self.events.append({'ph': 'M', 'pid': pid, 'tid': tid,
                            'name': what, 'args': {'name': name}})
        if sort is not None:
            self.events.append({
                'ph': 'M', 'pid': pid, 'tid': tid,
                'name': what.replace('_name', '_sort_index'),
                'args': {'sort_index': sort}})


def first_tsc(records):
    """The earliest TSC the trace mentions: record TSCs and the exit/wait
    start TSCs some records carry."""
    t0 = None
    for tsc, event, f, _line in records:
        for v in (tsc, f.get('exit_tsc'), f.get('start_tsc')):
            if v and (t0 is None or v < t0):
                t0 = v
    return t0 or 0


def vcpu_track(tl, records):
    last_entry = None
    for tsc, event, f, _line in records:
        if event == 'kvm_entry':
            exit_tsc = f['exit_tsc']
            if last_entry is not None and exit_tsc >= last_entry:
                tl.slice(PID_VCPU, TID_VCPU, 'guest', 'guest', last_entry,
                         exit_tsc)
            tl.slice(PID_VCPU, TID_VCPU,
                     'exit: ' + exit_name(f['exit_reason']), 'faultline',
                     exit_tsc, tsc, {'exit_reason': f['exit_reason']})
            last_entry = tsc
        elif event == 'kvm_vcpu_wait':
            tl.slice(PID_VCPU, TID_VCPU, 'wait: %s' % f['why'], 'wait',
                     f['start_tsc'], tsc, {'why': f['why']})
        elif event == 'kvm_async_pf_not_present':
            tl.instant(PID_VCPU, TID_VCPU, 'page not present', 'async_pf',
                       tsc, {'token': '%#x' % f['token'],
                             'gpa': '%#x' % f['gpa']})
        elif event == 'kvm_async_pf_ready':
            tl.instant(PID_VCPU, TID_VCPU, 'page ready', 'async_pf', tsc,
                       {'token': '%#x' % f['token'],
                        'gpa': '%#x' % f['gpa']})


class TaskState:
    def __init__(self):
        self.since = None       # TSC it was switched in / out
        self.running = False
        self.parked = []        # tokens parked on since the last wake
        self.park_tsc = None


def task_tracks(tl, records):
    """Running / parked / runnable slices per task; returns the task ids."""
    tasks = {}

    def state(tid):
        return tasks.setdefault(tid, TaskState())

    for tsc, event, f, _line in records:
        if event == 'guest_task_switch':
            prev, nxt = state(f['prev']), state(f['next'])
            if prev.running:
                tl.slice(PID_TASKS, f['prev'], 'running', 'task', prev.since,
                         tsc)
            prev.running, prev.since = False, tsc
            if nxt.since is not None and not nxt.running:
                if nxt.parked:
                    tl.slice(PID_TASKS, f['next'], 'parked', 'task',
                             nxt.since, tsc,
                             {'token': '%#x' % nxt.parked[0],
                              'park_tsc': nxt.park_tsc})
                elif f['next'] != IDLE_TASK:
                    tl.slice(PID_TASKS, f['next'], 'runnable', 'task',
                             nxt.since, tsc)
            nxt.running, nxt.since = True, tsc
        elif event == 'guest_task_park':
            t = state(f['task'])
            t.parked.append(f['token'])
            t.park_tsc = tsc
        elif event == 'guest_task_wake':
            t = state(f['task'])
            if f['token'] in t.parked:
                t.parked.remove(f['token'])
    return sorted(tasks)


def swap_track(tl, records):
    """Request slices on lanes, and the in-flight counter; the lane count."""
    pending = {}            # (op, slot, gfn) -> [submit tsc, due], FIFO
    lanes = []              # per lane: TSC it is free from
    inflight = {'read': 0, 'write': 0}
    for tsc, event, f, _line in records:
        if event == 'swap_io_submit':
            key = (f['op'], f['slot'], f['gfn'])
            pending.setdefault(key, []).append((tsc, f['due']))
            inflight[f['op']] += 1
            tl.counter(PID_SWAP, 'requests in flight', tsc, inflight)
        elif event == 'swap_io_complete':
            key = (f['op'], f['slot'], f['gfn'])
            queue = pending.get(key)
            if not queue:
                continue
            start, due = queue.pop(0)
            lane = next((i for i, free in enumerate(lanes)
                         if free <= start), None)
            if lane is None:
                lane = len(lanes)
                lanes.append(0)
            lanes[lane] = tsc
            tl.slice(PID_SWAP, lane + 1, '%s slot %d' % (f['op'], f['slot']),
                     'swap', start, tsc,
                     {'op': f['op'], 'slot': f['slot'], 'gfn': f['gfn'],
                      'due': due})
            inflight[f['op']] -= 1
            tl.counter(PID_SWAP, 'requests in flight', tsc, inflight)
    return len(lanes)


def export(run):
    """The Chrome trace-event JSON object (a dict) of run's trace."""
    records = run.trace.records
    hz = run.tsc_hz() or 1
    tl = Timeline(first_tsc(records), hz)
    tl.meta(PID_VCPU, 0, 'process_name', 'vCPU 0', 1)
    tl.meta(PID_VCPU, TID_VCPU, 'thread_name',
            'vCPU: guest / faultline exits / waits', 0)
    vcpu_track(tl, records)
    tl.meta(PID_TASKS, 0, 'process_name', 'guest tasks', 2)
    for tid in task_tracks(tl, records):
        tl.meta(PID_TASKS, tid, 'thread_name',
                'idle loop' if tid == 0 else 'task %d' % tid, tid)
    tl.meta(PID_SWAP, 0, 'process_name', 'swap device', 3)
    for lane in range(swap_track(tl, records)):
        tl.meta(PID_SWAP, lane + 1, 'thread_name', 'queue lane %d' % lane,
                lane)
    return {
        'traceEvents': tl.events,
        'displayTimeUnit': 'ns',
        'otherData': {'source': run.path, 'tsc_hz': hz, 't0_tsc': tl.t0,
                      'trace_format': 'faultline v1'},
    }


def write(run, path):
    """Write the JSON to path; the number of events written."""
    data = export(run)
    with open(path, 'w') as f:
        json.dump(data, f, separators=(',', ':'))
        f.write('\n')
    return len(data['traceEvents'])
