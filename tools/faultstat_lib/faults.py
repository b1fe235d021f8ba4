"""tools/faultstat_lib/faults.py - rebuild each fault from a trace's records
in one pass, and measure its stages. No KVM twin: this is what one does by
hand with `perf script` over kvm:kvm_page_fault and kvm:kvm_async_pf_*.

How records join (docs/trace-format.md, "One fault, reassembled"):

  - faultline handles one EPT violation at a time, so a fault is the
    window from kvm_page_fault to the next mm_fault_done of the same gfn
    (gfn = gpa >> 12). Records in between with that gfn belong to it: the
    swap read it submitted, its token (repeated_fault / not_present). An
    mm_fault_done with no open window of its gfn (a fault faultline took
    on the guest's behalf, e.g. reading a hypercall argument) is a fault
    of its own, without exit times.
  - An async fault's later life is keyed by its token: park, completed,
    ready, wake. A joined fault (repeated_fault) has its own token and
    shares the swap read already in flight for its gfn.
  - swap I/O pairs submit -> complete by (op, slot, gfn), first in, first
    out.

The ring keeps the first events of a run (a prefix), so at the end of a
trace some faults are still open: they count as in flight, not as errors.
"""

from . import logs

KIND_ORDER = ('zero', 'swapin_sync', 'swapin_async', 'joined', 'spurious')
SWAP_OPS = ('read', 'write')


class Fault:
    """One EPT violation (or one async wait) and the TSC of each step."""
    __slots__ = ('index', 'gfn', 'gpa', 'kind', 'exit_tsc', 'handler_tsc',
                 'done_tsc', 'cycles', 'token', 'joined', 'io',
                 'not_present_tsc', 'park_tsc', 'task', 'completed_tsc',
                 'ready_tsc', 'wake_tsc', 'handler_stages', 'done_self')

    def __init__(self, index, gfn, gpa=None):
        for name in self.__slots__:
            setattr(self, name, None)
        self.index = index
        self.gfn = gfn
        self.gpa = gpa
        self.joined = False

    def arrived_tsc(self):
        """When the page was back: the token's kvm_async_pf_completed,
        else the swap read's completion."""
        if self.completed_tsc is not None:
            return self.completed_tsc
        return self.io.complete_tsc if self.io else None

    def start_tsc(self):
        """The VM exit, else (exit_tsc not recorded) the handler's entry;
        None for a fault with no kvm_page_fault."""
        return self.exit_tsc if self.exit_tsc is not None else \
            self.handler_tsc

    def resolved_tsc(self):
        """When the faulting task could go on: its wake if it waited
        asynchronously, else the end of the handler."""
        return self.wake_tsc if self.token is not None else self.done_tsc

    def stages(self):
        """{stage: cycles or None}, the per-fault breakdown."""
        def span(a, b):
            return b - a if a is not None and b is not None and b >= a \
                else None
        io = self.io
        return {
            'exit': span(self.exit_tsc, self.handler_tsc),
            'handler': self.cycles,
            'device': span(io.submit_tsc, io.complete_tsc) if io else None,
            'ready': span(self.arrived_tsc(), self.ready_tsc),
            'wake': span(self.ready_tsc, self.wake_tsc),
            'total': span(self.start_tsc(), self.resolved_tsc()),
        }


STAGES = ('exit', 'handler', 'device', 'ready', 'wake', 'total')


class SwapIO:
    __slots__ = ('op', 'slot', 'gfn', 'submit_tsc', 'due', 'complete_tsc')

    def __init__(self, op, slot, gfn, submit_tsc, due):
        self.op, self.slot, self.gfn = op, slot, gfn
        self.submit_tsc, self.due = submit_tsc, due
        self.complete_tsc = None


class Analysis:
    """The result of one pass: counts, samples per metric, faults."""

    def __init__(self):
        self.counts = {}            # event -> records
        self.sub_counts = {}        # "mm_fault_done kind=zero" -> records
        self.samples = {}           # metric -> [cycles]
        self.faults = []
        self.ios = []
        self.parked = []            # (task, park tsc, wake tsc or None)
        self.anomalies = {}         # sentence -> times
        self.first_tsc = None
        self.last_tsc = None
        self.open_faults = 0        # handler never finished (trace end)

    def sample(self, metric, value):
        self.samples.setdefault(metric, []).append(value)

    def anomaly(self, what):
        self.anomalies[what] = self.anomalies.get(what, 0) + 1

    def in_flight(self):
        """Async faults and swap I/O unfinished at the end of the trace."""
        waits = sum(1 for f in self.faults
                    if f.token is not None and f.wake_tsc is None)
        ios = sum(1 for io in self.ios if io.complete_tsc is None)
        return waits, ios


class Reassembler:
    """Feed records in order with add(); finish() returns the Analysis."""

    def __init__(self):
        self.a = Analysis()
        self.open = None            # the fault whose handler is running
        self.pending_io = {}        # (op, slot, gfn) -> [SwapIO]
        self.read_in_flight = {}    # gfn -> SwapIO
        self.by_token = {}          # token -> Fault (the latest use)
        self.parked_at = {}         # token -> (task, tsc)
        self.last_done = None       # the fault whose handler ended last
        self.handlers = {name: getattr(self, 'on_' + name)
                         for name in logs.EVENTS}

    def new_fault(self, gfn, gpa=None):
        f = Fault(len(self.a.faults), gfn, gpa)
        self.a.faults.append(f)
        return f

    def fault_of(self, gfn, gpa):
        """The open fault if it is this gfn's, else a fault of its own."""
        if self.open is not None and self.open.gfn == gfn:
            return self.open
        self.a.anomaly('async-PF record with no EPT violation of its gfn '
                       'open')
        return self.new_fault(gfn, gpa)

    def add(self, tsc, event, f):
        a = self.a
        a.counts[event] = a.counts.get(event, 0) + 1
        if a.first_tsc is None:
            a.first_tsc = tsc
        a.last_tsc = tsc
        handler = self.handlers.get(event)
        if handler:
            handler(tsc, f)

    def sub_count(self, event, key, value):
        name = '%s %s=%s' % (event, key, value)
        self.a.sub_counts[name] = self.a.sub_counts.get(name, 0) + 1

    # -- the EPT violation's window -------------------------------------

    def on_kvm_page_fault(self, tsc, f):
        if self.open is not None:
            self.a.anomaly('kvm_page_fault before the previous fault\'s '
                           'mm_fault_done')
        fault = self.new_fault(f['gpa'] >> 12, f['gpa'])
        fault.handler_tsc = tsc
        # A read already in flight for this page is the one it will wait
        # for (joined, or synchronous behind an async read); a read it
        # submits itself replaces it (on_swap_io_submit).
        fault.io = self.read_in_flight.get(fault.gfn)
        exit_tsc = f['exit_tsc']
        if exit_tsc == 0:
            self.a.anomaly('kvm_page_fault with exit_tsc=0 (not recorded; '
                           'its total starts at the handler)')
        elif exit_tsc > tsc:
            self.a.anomaly('kvm_page_fault exit_tsc after its own tsc')
        else:
            fault.exit_tsc = exit_tsc
            self.a.sample('exit_to_handler', tsc - exit_tsc)
        self.open = fault

    def on_kvm_try_async_get_page(self, tsc, f):
        pass

    def on_mm_fault_stages(self, tsc, f):
        if self.open is not None:
            self.open.handler_stages = f

    def on_mm_swapin_stages(self, tsc, f):
        self.a.sample('stage/swapin/copy', f['copy'])
        self.a.sample('stage/swapin/map', f['map'])

    def stage_samples(self, fault):
        """stage/<kind>/<stage>: a zero-fill's classify, frame, zero and
        map, a swap-in's classify, frame and submit (mm_fault_stages);
        exit (VM exit -> handler) for both."""
        kind = {'zero': 'zero', 'swapin_sync': 'swapin',
                'swapin_async': 'swapin'}.get(fault.kind)
        if kind is None or fault.handler_stages is None:
            return
        st = fault.handler_stages
        names = (('classify', 'classify'), ('frame', 'frame'),
                 ('data', 'zero' if kind == 'zero' else 'submit'))
        exit_ = None
        if fault.exit_tsc is not None and fault.handler_tsc is not None:
            exit_ = fault.handler_tsc - fault.exit_tsc
            self.a.sample('stage/%s/exit' % kind, exit_)
        for field, name in names:
            self.a.sample('stage/%s/%s' % (kind, name), st[field])
        if kind == 'zero':
            self.a.sample('stage/zero/map', st['map'])
        # rest: the fault's cycles (trace's own taken out) outside the
        # stages above: into the pager, the async-PF decision, bookkeeping.
        named = sum(st[f] for f in ('classify', 'frame', 'data', 'map'))
        if exit_ is not None and fault.cycles is not None and \
                fault.cycles >= exit_ + named:
            self.a.sample('stage/%s/rest' % kind, fault.cycles - exit_ - named)

    def on_mm_fault_done(self, tsc, f):
        kind, gfn = f['kind'], f['gfn']
        self.sub_count('mm_fault_done', 'kind', kind)
        self.a.sample('handler/' + kind, f['cycles'])
        if self.open is not None and self.open.gfn == gfn:
            fault, self.open = self.open, None
        else:
            fault = self.new_fault(gfn)
        fault.kind = kind
        fault.done_tsc = tsc
        fault.done_self = f.get('trace_cycles', 0)
        fault.cycles = f['cycles']
        self.stage_samples(fault)
        self.last_done = fault
        if fault.io is None and kind != 'zero':
            fault.io = self.read_in_flight.get(gfn)

    # -- swap I/O -------------------------------------------------------

    def on_swap_io_submit(self, tsc, f):
        op, gfn = f['op'], f['gfn']
        self.sub_count('swap_io_submit', 'op', op)
        io = SwapIO(op, f['slot'], gfn, tsc, f['due'])
        self.a.ios.append(io)
        self.pending_io.setdefault((op, io.slot, gfn), []).append(io)
        if op == 'read':
            self.read_in_flight[gfn] = io
            if self.open is not None and self.open.gfn == gfn:
                self.open.io = io

    def on_swap_io_complete(self, tsc, f):
        op, gfn = f['op'], f['gfn']
        self.sub_count('swap_io_complete', 'op', op)
        key = (op, f['slot'], gfn)
        queue = self.pending_io.get(key)
        if not queue:
            self.a.anomaly('swap_io_complete with no swap_io_submit')
            return
        io = queue.pop(0)
        if not queue:
            del self.pending_io[key]
        io.complete_tsc = tsc
        self.a.sample('swap_device/' + op, tsc - io.submit_tsc)
        if self.read_in_flight.get(gfn) is io:
            del self.read_in_flight[gfn]

    # -- async page faults, by token ------------------------------------

    def start_wait(self, f):
        gfn = f['gpa'] >> 12
        fault = self.fault_of(gfn, f['gpa'])
        fault.token = f['token']
        if fault.io is None:
            fault.io = self.read_in_flight.get(gfn)
        self.by_token[fault.token] = fault
        return fault

    def on_kvm_async_pf_repeated_fault(self, tsc, f):
        fault = self.by_token.get(f['token'])
        if fault is None or fault is not self.open:
            fault = self.start_wait(f)
        fault.joined = True

    def on_kvm_async_pf_not_present(self, tsc, f):
        fault = self.by_token.get(f['token'])
        if fault is None or fault is not self.open or \
                fault.not_present_tsc is not None:
            fault = self.start_wait(f)
        fault.not_present_tsc = tsc

    def waiter(self, event, token):
        fault = self.by_token.get(token)
        if fault is None:
            self.a.anomaly('%s for a token with no kvm_async_pf_not_present'
                           % event)
        return fault

    def on_kvm_async_pf_completed(self, tsc, f):
        fault = self.waiter('kvm_async_pf_completed', f['token'])
        if fault:
            fault.completed_tsc = tsc

    def on_kvm_async_pf_ready(self, tsc, f):
        fault = self.waiter('kvm_async_pf_ready', f['token'])
        if fault:
            fault.ready_tsc = tsc

    def on_guest_task_park(self, tsc, f):
        task, token = f['task'], f['token']
        fault = self.waiter('guest_task_park', token)
        if fault:
            fault.park_tsc = tsc
            fault.task = task
            if fault.wake_tsc is not None:
                return      # woken before it parked: it never waits
        self.parked_at[token] = (task, tsc)

    def on_guest_task_wake(self, tsc, f):
        task, token = f['task'], f['token']
        fault = self.waiter('guest_task_wake', token)
        if fault:
            fault.wake_tsc = tsc
            if fault.task is None:
                fault.task = task
        parked = self.parked_at.pop(token, None)
        if parked:
            self.a.parked.append((parked[0], parked[1], tsc))

    # -- plain counts ---------------------------------------------------

    def on_mm_page_evict(self, tsc, f):
        self.sub_count('mm_page_evict', 'dirty', f['dirty'])

    def on_mm_page_writeback(self, tsc, f):
        pass

    # -- the vCPU's and the tasks' timelines (chrome.py draws them) -----

    def on_kvm_entry(self, tsc, f):
        """resume: the handler's end -> VM entry, for the fault this
        entry ends (completions and timers are processed in between),
        less the trace's own cycles in that span (trace_cycles)."""
        done, self.last_done = self.last_done, None
        if done is None or done.exit_tsc != f['exit_tsc']:
            return
        kind = {'zero': 'zero', 'swapin_sync': 'swapin',
                'swapin_async': 'swapin'}.get(done.kind)
        traced = (f.get('trace_cycles', 0) - done.done_self) % (1 << 32)
        if kind and done.handler_stages is not None:
            self.a.sample('stage/%s/resume' % kind,
                          tsc - done.done_tsc - traced)

    def on_kvm_vcpu_wait(self, tsc, f):
        self.sub_count('kvm_vcpu_wait', 'why', f['why'])

    def on_guest_task_switch(self, tsc, f):
        pass

    def finish(self):
        a = self.a
        if self.open is not None:
            a.open_faults = 1
        for task, start in self.parked_at.values():
            a.parked.append((task, start, None))
        a.parked.sort(key=lambda p: p[1])
        for fault in a.faults:
            self.measure(fault)
        return a

    def measure(self, fault):
        """Samples of the per-fault metrics, once every record is in."""
        a = self.a
        if fault.not_present_tsc is not None and fault.wake_tsc is not None:
            a.sample('async_pf_e2e', fault.wake_tsc - fault.not_present_tsc)
        s = fault.stages()
        if s['ready'] is not None:
            a.sample('ready', s['ready'])
        if s['wake'] is not None:
            a.sample('wake', s['wake'])
        if s['total'] is not None and fault.kind is not None:
            a.sample('fault_total', s['total'])
            a.sample('fault_total/' + fault.kind, s['total'])


def analyse(records):
    """An Analysis of a list of (tsc, event, fields, line) records."""
    r = Reassembler()
    add = r.add
    for tsc, event, fields, _line in records:
        add(tsc, event, fields)
    return r.finish()


def kinds_in(names):
    """Fault kinds in teaching order, then any others sorted."""
    seen = set(names)
    return [k for k in KIND_ORDER if k in seen] + \
        sorted(seen.difference(KIND_ORDER))


def metric_order(names):
    """Metrics in report order: what the task sees first, then its parts."""
    names = set(names)
    kinds = kinds_in(n.split('/', 1)[1] for n in names if '/' in n
                     and not n.startswith('swap_device/'))
    order = ['fault_total'] + ['fault_total/' + k for k in kinds] + \
        ['exit_to_handler'] + ['handler/' + k for k in kinds] + \
        ['swap_device/' + op for op in SWAP_OPS] + \
        ['async_pf_e2e', 'ready', 'wake']
    known = [m for m in order if m in names]
    return known + sorted(names.difference(order))

