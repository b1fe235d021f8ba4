"""tests/tools/cases_report.py - tools/report's block (make report), from
the recorded runs in tests/tools/samples/report (two real Bochs runs of
make report, their consoles as run-faultline left them, and the async one
cut off as a timeout leaves it), without booting anything."""

import os
import re
import subprocess

from checks import ROOT, SAMPLES, check, eq, test

REPORT = os.path.join(ROOT, 'tools', 'report')
RUNS = os.path.join(SAMPLES, 'report')


def block(verify, asynchronous, env_cpu='not_the_model_of_the_run'):
    env = dict(os.environ, BOCHS_CPU=env_cpu)
    p = subprocess.run(['bash', REPORT, '--block',
                        os.path.join(RUNS, verify),
                        os.path.join(RUNS, asynchronous)],
                       cwd=ROOT, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, universal_newlines=True)
    return p.returncode, p.stdout.splitlines(), p.stderr


# One pattern per line of the block, in order: what a bug report needs.
BLOCK_LINES = [
    r'----- faultline report: paste everything down to the end line -----$',
    r'faultline: \S+',
    r'host: .*; Linux \S+$',
    r'engine: bochs .*, BOCHS_CPU=corei7_haswell_4770$',
    r'faultline: CPU: Intel\(R\) Core\(TM\) i7-4770 ',
    r'faultline: VMX capability: basic=0x[0-9a-f]+ pin=0x[0-9a-f]+ '
    r'proc=0x[0-9a-f]+ proc2=0x[0-9a-f]+ exit=0x[0-9a-f]+ '
    r'entry=0x[0-9a-f]+ misc=0x[0-9a-f]+ ept_vpid=0x[0-9a-f]+$',
    r'faultline: EPT accessed/dirty flags: .*\(ept_ad=hw\)$',
    r'faultline: VPID: on',
    r'faultline: TSC \d+ Hz \(tsc_source=',
    r'verify \(engine=bochs ips=\d+ guest_mem=32M frames=1M '
    r'workload=verify .*async_pf=off\): pass$',
    r'faultline-summary: result=pass .* guest_workload=verify ',
    r'async \(engine=bochs .*workload=mixed .*async_pf=on\): ',
    r'faultline-summary: |\(no faultline-summary line',
    r'result: ',
    r'----- end of faultline report -----$',
]


def check_lines(lines):
    eq(len(lines), len(BLOCK_LINES), 'lines in the block')
    for n, (line, pattern) in enumerate(zip(lines, BLOCK_LINES), 1):
        check(re.match(pattern, line),
              'line %d %r does not match %r' % (n, line[:120], pattern))


# Does a passing pair give the whole block, pass, exit 0, the Bochs CPU model read from the run (not the environment)?
@test
def report_block_pass():
    rc, lines, err = block('verify', 'async')
    eq(err, '', 'stderr')
    check_lines(lines)
    eq(lines[11].endswith(': pass'), True, 'async verdict')
    check(lines[12].startswith('faultline-summary: result=pass '),
          'async summary: %r' % lines[12][:80])
    check(' async_pf=on ' in lines[12] and 'apf_ready=' in lines[12],
          'the async run summary has its async-PF counts')
    eq(lines[13], 'result: pass', 'verdict')
    eq(rc, 0, 'exit status')


# Does a run killed by TIMEOUT show as such, with no summary, and fail the report (exit 1)?
@test
def report_block_timeout_fails():
    rc, lines, err = block('verify', 'async-timeout')
    check_lines(lines)
    check(lines[11].endswith(': FAIL (killed after TIMEOUT seconds; '
                             'raise TIMEOUT=)'), 'verdict: %r' % lines[11])
    eq(lines[12], '(no faultline-summary line: the run did not finish; '
       'see %s/async-timeout/console.log)' % RUNS, 'missing summary')
    eq(lines[13], 'result: FAIL', 'verdict')
    eq(rc, 1, 'exit status')


# Is a wrong call refused with its usage line (exit 2), booting nothing?
@test
def report_usage():
    p = subprocess.run(['bash', REPORT, '--block', 'only-one'], cwd=ROOT,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
    eq(p.returncode, 2, 'exit status')
    eq(p.stdout, '', 'stdout')
    check(p.stderr.startswith('usage: tools/report'), p.stderr)
