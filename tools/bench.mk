# tools/bench.mk - make bench: faultline's benchmarks (tools/bench): the fixed-time async off/on matrix, tails by pool ratio, the guest_mem scale sweep, exit and per-stage cycles, the cost of tracing, EPT A/D by the CPU vs by faultline, a Linux guest async off/on; tables and plots in bench/ (untracked); BENCHMARKS.md records one run.
#
#   make bench                  32 runs, 2 at a time (JOBS=2)
#   make bench BENCH_QUICK=1    a reduced set, to try it
#   make bench BENCH_SECTIONS="tails scale"   some sections (tools/bench --list)
#
# EMU and IPS pass through to tools/run-faultline as for make run
# (tools/harness.mk exports them); the figures in BENCHMARKS.md are Bochs
# at IPS=3000000000. The linux section boots the Linux guest (make linux).

BENCH_PYTHON	?= /usr/bin/python3
export BENCH_QUICK JOBS

.PHONY: bench
bench: deps all linux
	@$(BENCH_PYTHON) -B tools/bench $(BENCH_SECTIONS)
