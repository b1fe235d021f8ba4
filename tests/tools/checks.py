"""tests/tools/checks.py - the small harness faultstat's tests share:
registration, assertions that say what differed, and running the tool."""

import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FAULTSTAT = os.path.join(ROOT, 'tools', 'faultstat')
SAMPLES = os.path.join('tests', 'tools', 'samples')    # relative to ROOT
PYTHON = '/usr/bin/python3'

TESTS = []


class Fail(Exception):
    pass


class Skip(Exception):
    pass


def test(fn):
    """Register a test; its name is the function's."""
    TESTS.append((fn.__name__, fn))
    return fn


def check(cond, why):
    if not cond:
        raise Fail(why)


def eq(got, want, what):
    if got != want:
        raise Fail('%s: got %r, want %r' % (what, got, want))


def sample(name):
    """A sample's path relative to the repository root (as messages show
    it: faultstat runs from there)."""
    return os.path.join(SAMPLES, name)


def cli(*args, env=None):
    """(exit status, stdout, stderr) of tools/faultstat run from the root."""
    python = PYTHON if os.path.exists(PYTHON) else 'python3'
    p = subprocess.run([python, FAULTSTAT] + list(args), cwd=ROOT, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
    return p.returncode, p.stdout, p.stderr


def row(text, *first, after=None):
    """The words of the first line whose words start with first (after
    the first line starting with after, if given); None if none."""
    lines = text.splitlines()
    if after is not None:
        for k, line in enumerate(lines):
            if line.split()[:len(after.split())] == after.split():
                lines = lines[k + 1:]
                break
        else:
            return None
    want = ' '.join(first).split()
    for line in lines:
        words = line.split()
        if words[:len(want)] == want:
            return words
    return None
