"""tools/faultstat_lib/logs.py - read a run: the format-v1 trace
(docs/trace-format.md) and the console's last "faultline-summary:" line.
No KVM twin; trace-cmd's reader of ftrace's text output is the nearest.

A run is a directory (console.log + e9.log, as the harness saves them) or
one file holding either or both. Reading is one pass over each file:

  outside a trace   only "faultline-trace:" and "faultline-summary:" lines
                    matter (the trace marker may follow other text on the
                    line: emulator chatter shares the stream; the summary
                    counts only at the start of a line, where faultline
                    prints it and guest text never is); the rest is ignored;
  inside a trace    every line is a record "<tsc> <event> key=value ...",
                    until "faultline-trace-end:". Blank lines are skipped.

A malformed line inside a trace is an error (LogError, "path:line: what"),
except when the trace never ends: then the line is where the dump was cut
off, and the trace is analysed up to it with a warning. A trace with no end
line is reported as truncated. If a file holds several traces, the last is
analysed (a run appended to an old log) and a warning says so.
"""

import os
import re

# Terminal control sequences (Bochs's "term" display shares e9.log's
# stdout): CSI "ESC [ ... final", and two-byte "ESC x" forms.
ESCAPES = re.compile(r'\x1b(\[[0-?]*[ -/]*[@-~]|[@-Z\\-_()][0-9A-Za-z]?)')

HEADER = 'faultline-trace:'
END = 'faultline-trace-end:'
SUMMARY = 'faultline-summary:'
TRACE_VERSION = '1'

# Format v1's events and their fields, in the order of include/trace.h.
EVENT_FIELDS = {
    'kvm_page_fault': ('gpa', 'error_code', 'qual', 'exit_tsc'),
    'kvm_try_async_get_page': ('gpa', 'gfn'),
    'kvm_async_pf_not_present': ('token', 'gpa'),
    'kvm_async_pf_repeated_fault': ('token', 'gpa'),
    'kvm_async_pf_completed': ('token', 'gpa'),
    'kvm_async_pf_ready': ('token', 'gpa'),
    'mm_fault_done': ('gfn', 'kind', 'cycles'),
    'swap_io_submit': ('op', 'slot', 'gfn', 'due'),
    'swap_io_complete': ('op', 'slot', 'gfn'),
    'mm_page_evict': ('gfn', 'dirty'),
    'mm_page_writeback': ('gfn', 'slot'),
    'guest_task_park': ('task', 'token'),
    'guest_task_wake': ('task', 'token'),
    'kvm_entry': ('exit_reason', 'exit_tsc'),
    'kvm_vcpu_wait': ('why', 'start_tsc'),
    'guest_task_switch': ('prev', 'next'),
    'mm_fault_stages': ('classify', 'frame', 'data', 'map'),
    'mm_swapin_stages': ('gfn', 'copy', 'map'),
}
EVENTS = tuple(EVENT_FIELDS)

# Fields whose values are names (mm_fault_done kind=zero, swap op=read,
# kvm_vcpu_wait why=io);
# every other value is decimal, or hexadecimal after "0x".
NAME_FIELDS = frozenset(('kind', 'op', 'why'))


class LogError(Exception):
    """A log faultstat cannot analyse; str() is "path:line: what"."""


class Trace:
    """One trace: header/end fields, and its records as tuples
    (tsc, event, {field: value}, line number)."""

    def __init__(self, path, line, header):
        self.path = path
        self.header_line = line
        self.header = header
        self.end = None             # end line's fields, None: truncated
        self.end_line = None
        self.records = []
        self.cut = None             # (line, why, LogError): the bad line
        self.unknown_events = {}    # name -> first line

    def field(self, key):
        """An integer from the end line, else the header; None if absent."""
        for src in (self.end, self.header):
            if src and key in src:
                try:
                    return int(src[key], 0)
                except ValueError:
                    return None
        return None

    @property
    def truncated(self):
        return self.end is None


class Run:
    """What faultstat knows about one run."""

    def __init__(self, path):
        self.path = path
        self.label = os.path.basename(os.path.normpath(path)) or path
        self.trace = None
        self.summary = None         # {key: value} of the last summary line
        self.summary_where = None   # "path:line"
        self.files = []             # files read, in order
        self.warnings = []

    def tsc_hz(self):
        """TSC ticks per second: the trace header's tsc_hz, else the
        summary's tsc_hz, else ips (Bochs: one tick per instruction)."""
        sources = []
        if self.trace:
            sources.append(self.trace.header)
        if self.summary:
            sources.append(self.summary)
        for key in ('tsc_hz', 'ips'):
            for src in sources:
                try:
                    v = int(src.get(key, ''), 0)
                except ValueError:
                    continue
                if v > 0:
                    return v
        return None


def _where(path, line):
    return '%s:%d' % (path, line)


def _key_values(text, path, line, what, run):
    """Fields of a header/end line; a word without '=' is skipped with a
    warning (the records matter more than a stray word in the header)."""
    out = {}
    for word in text.split():
        key, eq, value = word.partition('=')
        if not eq or not key:
            run.warnings.append("%s: %s: ignored '%s' (expected key=value)"
                                % (_where(path, line), what, word))
            continue
        out[key] = value
    return out


def _value(key, text):
    """A record field's value; None if it is not a valid number."""
    if key in NAME_FIELDS:
        return text
    if text.startswith('0x'):
        try:
            return int(text[2:], 16)
        except ValueError:
            return None
    if text.isascii() and text.isdigit():
        return int(text)
    return None


def parse_record(text, path, line):
    """(tsc, event, fields) of one record line; LogError if malformed."""
    words = text.split()
    if len(words) < 2:
        raise LogError("%s: bad record '%s' (expected '<tsc> <event> "
                       "key=value ...')" % (_where(path, line), text))
    tsc, event = words[0], words[1]
    if not (tsc.isascii() and tsc.isdigit()):
        raise LogError("%s: bad tsc '%s' (expected a decimal TSC)"
                       % (_where(path, line), tsc))
    if not (event.isascii() and event.isidentifier()):
        raise LogError("%s: bad event name '%s'" % (_where(path, line),
                                                      event))
    fields = {}
    for word in words[2:]:
        key, eq, text_value = word.partition('=')
        if not eq or not key or not text_value:
            raise LogError("%s: bad field '%s' (expected key=value)"
                           % (_where(path, line), word))
        value = _value(key, text_value)
        if value is None:
            raise LogError("%s: bad value in '%s' (expected decimal or "
                           "0x-hex)" % (_where(path, line), word))
        fields[key] = value
    for key in EVENT_FIELDS.get(event, ()):
        if key not in fields:
            raise LogError("%s: %s without its '%s' field"
                           % (_where(path, line), event, key))
    return int(tsc), event, fields


def _open_trace(path, line, text, run):
    header = _key_values(text, path, line, 'trace header', run)
    version = header.get('version')
    if version != TRACE_VERSION:
        raise LogError("%s: trace version %s; this faultstat reads version "
                       "%s (docs/trace-format.md)"
                       % (_where(path, line), version or '(none)',
                          TRACE_VERSION))
    return Trace(path, line, header)


def _close_truncated(trace, run, why):
    if trace.cut:
        run.warnings.append(
            "%s: trace truncated: cut off at line %d (%s); analysing the "
            "%d records before it" % (trace.path, trace.cut[0],
                                      trace.cut[1], len(trace.records)))
    else:
        promised = trace.field('records')
        run.warnings.append(
            "%s: trace truncated: header at line %d but %s; analysing the "
            "%d records read%s" % (trace.path, trace.header_line, why,
                                   len(trace.records),
                                   '' if promised is None else
                                   ' (the header announced %d)' % promised))


def scan_file(path, run):
    """Read one file into run: its traces (the last is kept) and its last
    summary line. Raises LogError on a malformed trace."""
    run.files.append(path)
    traces = 0
    cur = None
    with open(path, 'rb') as f:
        for line, raw in enumerate(f, 1):
            text = raw.decode('utf-8', 'replace')
            if '\x1b' in text or '\x00' in text:
                text = ESCAPES.sub('', text).replace('\x00', '')
            text = text.strip()
            if cur is not None and text[:1].isdigit():
                if cur.cut:
                    continue
                try:
                    rec = parse_record(text, path, line)
                except LogError as e:
                    cur.cut = (line, str(e).split(': ', 1)[1], e)
                    continue
                cur.records.append(rec + (line,))
                if rec[1] not in EVENT_FIELDS:
                    cur.unknown_events.setdefault(rec[1], line)
                continue
            if not text:
                continue
            pos = text.find(END)
            if pos >= 0 and cur is not None:
                if cur.cut:
                    raise cur.cut[2]
                cur.end = _key_values(text[pos + len(END):], path, line,
                                      'end line', run)
                cur.end_line = line
                run.trace = cur
                cur = None
                continue
            pos = text.find(HEADER)
            if pos >= 0:
                if cur is not None:
                    _close_truncated(cur, run, 'a new trace starts at line '
                                     '%d' % line)
                cur = _open_trace(path, line, text[pos + len(HEADER):], run)
                traces += 1
                continue
            if text.startswith(SUMMARY):
                words = text[len(SUMMARY):].split()
                run.summary = dict(w.partition('=')[::2] for w in words
                                   if '=' in w)
                run.summary_where = _where(path, line)
                continue
            if cur is not None and not cur.cut:
                try:
                    parse_record(text, path, line)
                except LogError as e:
                    cur.cut = (line, str(e).split(': ', 1)[1], e)
    if cur is not None:
        _close_truncated(cur, run, 'no %s line' % END)
        run.trace = cur
    if traces > 1:
        run.warnings.append("%s: %d traces in one file; analysing the last "
                            "(line %d)" % (path, traces,
                                           run.trace.header_line))


def read_run(path):
    """A Run from a run directory or a log file; LogError if unreadable."""
    run = Run(path)
    if os.path.isdir(path):
        console = os.path.join(path, 'console.log')
        e9 = os.path.join(path, 'e9.log')
        found = [p for p in (e9, console) if os.path.isfile(p)]
        if not found:
            raise LogError("%s: neither console.log nor e9.log in this "
                           "directory" % path)
        for p in found:
            trace_before = run.trace
            scan_file(p, run)
            # The trace belongs in e9.log; take console.log's only if
            # e9.log had none (QEMU with -debugcon on the same stdio).
            if trace_before is not None:
                run.trace = trace_before
        if not os.path.isfile(console):
            run.warnings.append("%s: no console.log: no summary line" % path)
        if not os.path.isfile(e9):
            run.warnings.append("%s: no e9.log" % path)
    elif os.path.isfile(path):
        scan_file(path, run)
    else:
        raise LogError("%s: no such file or directory" % path)
    if run.trace is None:
        run.warnings.append(
            "%s: no trace (no '%s' line in %s): summary-only analysis"
            % (path, HEADER, ' or '.join(run.files)))
    else:
        t = run.trace
        said = t.field('records')
        if t.end is not None and said is not None and said != len(t.records):
            run.warnings.append("%s:%d: end line says records=%d, but %d "
                                "records were read" % (t.path, t.end_line,
                                                       said, len(t.records)))
        for name, line in sorted(t.unknown_events.items()):
            run.warnings.append("%s:%d: unknown event '%s' (not in trace "
                                "format v1): counted, not analysed"
                                % (run.trace.path, line, name))
    if run.summary is None and run.files:
        hint = (' (pass the run directory to read its console.log too)'
                if not os.path.isdir(path) else '')
        run.warnings.append("%s: no '%s' line%s" % (path, SUMMARY, hint))
    return run
