# tools/harness.mk - make deps, run, doctor, test, boot-test: the harness around faultline.efi (the work is in tools/ scripts).
#
#   make deps                       install missing Debian packages (silent if none)
#   make run [EMU=auto|kvm|bochs|qemu] [ARGS="key=value ..."] [IPS=3000000000]
#            [BOCHS_CPU=corei7_haswell_4770]
#            [TIMEOUT=s] [RUN_NAME=name] [DRY=1]
#            [GUEST=linux [KERNEL=bzImage] [INITRD=cpio] [CMDLINE="..."]
#             [PRELOAD=on|off]]
#                                   boot once in runs/<name>/ (tools/run-faultline);
#                                   GUEST=linux boots Debian's cloud kernel
#                                   with the default Linux workload
#   make doctor                     which engines this host can run faultline on,
#                                   and what to change in kvm_intel's parameters
#   make report                     two runs under the best engine, one block for a bug report
#   make test                       TEST_SUITES + boot tests, closing "N passed, N failed, N skipped"
#   make boot-test [TESTS="a b"]    only the boot tests (tests/boot/), 2 at a time

# Host-side suites make test runs before the boot tests, as target:results:
# each target writes $(BUILD)/<results> saying "passed=N failed=N". Another
# fragment adds its own with TEST_SUITES += target:file.
TEST_SUITES += unit-test:unit-results tools-test:tools-results

EMU     ?= auto
IPS     ?= 3000000000
BOCHS_CPU ?= corei7_haswell_4770
ARGS    ?=
RUNS    ?= runs
GUEST   ?= pv
export EMU IPS BOCHS_CPU UART ARGS RUNS BUILD TIMEOUT DRY RUN_NAME QUIET TESTS
export GUEST KERNEL INITRD CMDLINE PRELOAD

.PHONY: deps run doctor report test boot-test

deps:
	@tools/deps

# DRY=1 only prints the commands: nothing to install or build first.
run: $(if $(DRY),,deps all $(if $(filter linux,$(GUEST)),linux))
	@tools/run-faultline

doctor:
	@tools/doctor

report: deps all
	@tools/report

# tools/run-tests runs the TEST_SUITES, builds, runs the boot tests, and
# totals them. No $(MAKE) in this recipe: with it, make -n test would run
# the whole suite.
test: deps
	@TEST_SUITES="$(TEST_SUITES)" tools/run-tests

boot-test: deps all
	@tools/boot-tests $(TESTS)

# The option checker the harness runs before booting (tools/options-check.c):
# faultline's parser and checks, compiled for the host. Built with `all`.
OPTIONS_CHECK_SRCS := tools/options-check.c boot/options.c \
	boot/options_check.c boot/sbuf.c mm/pager.c
$(BUILD)/options-check: $(OPTIONS_CHECK_SRCS)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O1 -g -Wall -Wextra -Werror -Iinclude \
		-ffunction-sections -Wl,--gc-sections $(OPTIONS_CHECK_SRCS) -o $@
all: $(BUILD)/options-check

# make fuzz SEED=N COUNT=N: the fuzz guest (tests/boot/guests/fuzz.c), one
# long run through its boot test; its verdict line gives the counts.
SEED	?= 1
COUNT	?= 20000
.PHONY: fuzz
fuzz: deps all
	@FUZZ_SEED=$(SEED) FUZZ_COUNT=$(COUNT) BOOT_TIMEOUT=$${BOOT_TIMEOUT:-3600} \
		tools/boot-tests guest_fuzz
