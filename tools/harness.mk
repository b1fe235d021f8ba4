# tools/harness.mk - make deps, run, doctor, test, boot-test: the harness around faultline.efi (the work is in tools/ scripts).
#
#   make deps                       install missing Debian packages (silent if none)
#   make run [EMU=auto|kvm|bochs|qemu] [ARGS="key=value ..."] [IPS=3000000000]
#            [TIMEOUT=s] [RUN_NAME=name] [DRY=1]
#                                   boot once in runs/<name>/ (tools/run-faultline)
#   make doctor                     which engines this host can run faultline on
#   make test                       unit-test + boot tests, closing "N passed, N failed"
#   make boot-test [TESTS="a b"]    only the boot tests (tests/boot/), 2 at a time

EMU     ?= auto
IPS     ?= 3000000000
ARGS    ?=
RUNS    ?= runs
export EMU IPS ARGS RUNS BUILD TIMEOUT DRY RUN_NAME QUIET TESTS

.PHONY: deps run doctor test boot-test

deps:
	@tools/deps

# DRY=1 only prints the commands: nothing to install or build first.
run: $(if $(DRY),,deps all)
	@tools/run-faultline

doctor:
	@tools/doctor

# tools/run-tests builds, runs unit-test and the boot tests, and totals them.
test: deps
	@MAKE="$(MAKE)" tools/run-tests

boot-test: deps all
	@tools/boot-tests $(TESTS)
