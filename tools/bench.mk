# tools/bench.mk - make bench: the benchmark matrix of issues 4, 5 and 6 (tools/bench), its tables and plots in bench/ (untracked); BENCHMARKS.md records one run.
#
#   make bench                  30 runs, 2 at a time (JOBS=2); 17-21 min on 2 cores
#   make bench BENCH_QUICK=1    a reduced set of 8 runs, to try it
#
# EMU and IPS pass through to tools/run-faultline as for make run
# (tools/harness.mk exports them); the figures in BENCHMARKS.md are Bochs
# at IPS=3000000000. The linux section boots the Linux guest (make linux).

BENCH_PYTHON	?= /usr/bin/python3
export BENCH_QUICK JOBS

.PHONY: bench
bench: deps all linux
	@$(BENCH_PYTHON) -B tools/bench
