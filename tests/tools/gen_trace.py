#!/usr/bin/python3
"""tests/tools/gen_trace.py - a synthetic format-v1 trace whose percentiles
are known by construction, for faultstat's tests. No KVM twin.

Fault i (1..n) is one async swap-in, ten records, alone in its own
million-cycle window (base = i * 1,000,000):

  exit at base, kvm_page_fault at +200       exit_to_handler = 200
  mm_fault_done cycles = 1000 + i            handler/swapin_async
  swap read: submit at +400, takes 10000 + 10 i cycles
  kvm_async_pf_completed +100 after the read, ready +200 later, wake
  +300 later                                 ready = 200, wake = 300
  async_pf_e2e = device + 500, fault_total = device + 1000

So with n = 1000 (nearest rank): handler p50 1500, p90 1900, p99 1990,
p99.9 1999, max 2000; swap_device/read 15000, 19000, 19900, 19990, 20000.

usage: gen_trace.py N > e9.log
"""

import sys

TSC_HZ = 1000000000


def device_cycles(i):
    return 10000 + 10 * i


def records(n):
    """The trace's lines, header and end line included."""
    yield ('faultline-trace: version=1 engine=bochs ips=%d tsc_hz=%d '
           'level=full capacity=%d records=%d dropped=0'
           % (TSC_HZ, TSC_HZ, 10 * n, 10 * n))
    for i in range(1, n + 1):
        base = i * 1000000
        gfn = 4096 + i
        gpa = '%#x' % (gfn << 12)
        token = '%#x' % (i << 12)
        task = i % 3 + 1
        done = base + 400 + device_cycles(i)
        yield ('%d kvm_page_fault gpa=%s error_code=0x0 qual=0x181 '
               'exit_tsc=%d' % (base + 200, gpa, base))
        yield '%d kvm_try_async_get_page gpa=%s gfn=%d' % (base + 300, gpa,
                                                           gfn)
        yield ('%d swap_io_submit op=read slot=%d gfn=%d due=%d'
               % (base + 400, i, gfn, done))
        yield '%d kvm_async_pf_not_present token=%s gpa=%s' % (base + 500,
                                                               token, gpa)
        yield ('%d mm_fault_done gfn=%d kind=swapin_async cycles=%d'
               % (base + 600, gfn, 1000 + i))
        yield '%d guest_task_park task=%d token=%s' % (base + 700, task,
                                                       token)
        yield '%d swap_io_complete op=read slot=%d gfn=%d' % (done, i, gfn)
        yield '%d kvm_async_pf_completed token=%s gpa=%s' % (done + 100,
                                                             token, gpa)
        yield '%d kvm_async_pf_ready token=%s gpa=%s' % (done + 300, token,
                                                         gpa)
        yield '%d guest_task_wake task=%d token=%s' % (done + 600, task,
                                                       token)
    yield 'faultline-trace-end: records=%d dropped=0' % (10 * n)


def write(path, n):
    with open(path, 'w') as f:
        for line in records(n):
            f.write(line + '\n')


if __name__ == '__main__':
    for line in records(int(sys.argv[1])):
        print(line)
