# tests/unit/unit.mk - host unit tests (Criterion) of faultline's freestanding code, compiled unchanged.
#
#   make unit-test     build and run every tests/unit/test_*.c; writes
#                      $(BUILD)/unit-results ("passed=N failed=N") and
#                      exits non-zero on any failing or crashing test
#
# Each tests/unit/test_<x>.c is linked with:
#   - an archive of every lib/*.c, mm/*.c, ept/*.c and the pure-C boot/
#     option files, plus printk (vmm/printk.c) and the host stand-ins
#     tests/unit/fake_*.c (the serial port); the linker takes only the
#     members a test needs;
#   - <dir>/<x>.c for dir in vmm, boot, if that file exists and is not in
#     the archive (test_vmx_controls.c gets vmm/vmx_controls.c);
#   - any file named on a "unit-sources: a.c b.c" line in the test.
# The sources are the ones faultline runs: no #ifdef TEST. They are also
# compiled with faultline's own VMM_CFLAGS first, so a libc habit that
# passes on the host still fails the build.
#
# Needs Debian packages: gcc, make, libcriterion-dev (Criterion 2.4).

UNIT_BUILD	:= $(BUILD)/unit
UNIT_TESTS	:= $(sort $(wildcard tests/unit/test_*.c))
UNIT_LIB_SRCS	:= $(sort $(wildcard lib/*.c mm/*.c ept/*.c)) boot/options.c \
		   boot/options_check.c boot/sbuf.c
UNIT_HOST_SRCS	:= $(wildcard vmm/printk.c tests/unit/fake_*.c)
UNIT_ARCHIVED	:= $(UNIT_LIB_SRCS) $(UNIT_HOST_SRCS)
UNIT_BINS	:= $(UNIT_TESTS:tests/unit/%.c=$(UNIT_BUILD)/%)

# Host flags: as strict as faultline's, plus ASan/UBSan so an out-of-bounds
# access or an overflow in mm/ fails the test that caused it. -fno-builtin
# keeps calls to memset & co. real calls into lib/string.c.
UNIT_SAN	:= -fsanitize=address,undefined -fno-sanitize-recover=all
UNIT_CFLAGS	:= -std=c11 -O1 -g -Wall -Wextra -Werror -fno-builtin \
		   -fno-strict-aliasing -fno-omit-frame-pointer -Iinclude \
		   $(UNIT_SAN)
UNIT_FREE_CFLAGS := $(UNIT_CFLAGS) -ffreestanding
UNIT_LDLIBS	:= -lcriterion -lm

# Files a test needs beyond the archive: its twin in vmm/ or boot/ unless
# the archive has a file of that name (test_gfn.c tests mm/gfn.c),
# and its "unit-sources:" line.
unit_twin = $(if $(filter %/$(1).c,$(UNIT_ARCHIVED)),,\
	$(wildcard vmm/$(1).c boot/$(1).c))
unit_extra = $(filter-out $(UNIT_ARCHIVED), \
	$(call unit_twin,$(patsubst test_%,%,$(1))) \
	$(shell sed -n 's/.*unit-sources:\(.*\)/\1/p' tests/unit/$(1).c | \
		sed 's/\*\/.*//'))
unit_extra_objs = $(addprefix $(UNIT_BUILD)/free/, \
	$(addsuffix .o,$(basename $(call unit_extra,$(1)))))

$(UNIT_BUILD)/free/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(UNIT_FREE_CFLAGS) -MMD -MP -c $< -o $@

$(UNIT_BUILD)/test/%.o: tests/unit/%.c
	@mkdir -p $(dir $@)
	$(CC) $(UNIT_CFLAGS) -MMD -MP -c $< -o $@

$(UNIT_BUILD)/libfl.a: $(UNIT_ARCHIVED:%.c=$(UNIT_BUILD)/free/%.o)
	rm -f $@
	ar rcs $@ $^

.SECONDEXPANSION:
$(UNIT_BUILD)/test_%: $(UNIT_BUILD)/test/test_%.o \
		$$(call unit_extra_objs,test_$$*) \
		$(UNIT_BUILD)/libfl.a
	$(CC) $(UNIT_SAN) $^ $(UNIT_LDLIBS) -o $@

# The freestanding objects with faultline's real flags (the root Makefile's
# $(BUILD)/%.o rule): proof that the tested code also builds for VMX root.
.PHONY: unit-freestanding unit-build unit-test
unit-freestanding: $(UNIT_LIB_SRCS:%.c=$(BUILD)/%.o)

unit-build: unit-freestanding $(UNIT_BINS)

unit-test: unit-build
	@sh tests/unit/run_unit.sh $(BUILD)/unit-results $(UNIT_BINS)

-include $(wildcard $(UNIT_BUILD)/free/*/*.d $(UNIT_BUILD)/test/*.d)
