# guest-pv/guest.mk - builds the guest, $(BUILD)/guest-pv.elf, and the small test guests, $(BUILD)/guests/<name>.elf.
#
#   make guest     both; incremental (objects carry -MMD dependencies)
#
# Every guest is a static, non-PIC ELF64 executable linked at
# FL_GUEST_LOAD_MIN (1 MiB) by guest-pv/linker.ld, entered by faultline in
# long mode with guest memory identity-mapped below 4 GiB, so the small
# code model fits. Each links the runtime in guest-pv/lib/ (entry, boot-info
# check, console, reports, options, IDT) and the code it shares with
# faultline in lib/: the string helpers (lib/string.c: one copy of memset &
# co. for both sides; gcc emits calls to them by itself) and the formatter
# (lib/vsprintf.c: vsnprintf, snprintf). Nothing from mm/ or vmm/: those
# run in VMX root only.
#
# A test guest is tests/boot/guests/<name>.c, or a folder
# tests/boot/guests/<name>/ of .c/.asm files; either defines guest_main().

GUEST_BUILD	:= $(BUILD)/guest

# -mgeneral-regs-only: faultline enters the guest with CR4.OSFXSR clear, so
# SSE would fault, and the guest's context switch saves only GPRs.
# -mno-red-zone: exceptions and interrupts arrive on the current stack.
GUEST_CFLAGS	:= -std=c11 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -fno-builtin -fno-stack-protector -fno-stack-check \
	-fno-pic -fno-pie -mcmodel=small -mno-red-zone -mgeneral-regs-only \
	-fno-common -fno-strict-aliasing -fno-omit-frame-pointer \
	-fno-asynchronous-unwind-tables -fno-unwind-tables
GUEST_LDFLAGS	:= -nostdlib -static -z max-page-size=4096 -z noexecstack \
	-T guest-pv/linker.ld

GUEST_LIB_SRCS	:= $(sort $(wildcard guest-pv/lib/*.c guest-pv/lib/*.asm)) \
		   lib/string.c lib/vsprintf.c
GUEST_PV_SRCS	:= $(sort $(wildcard guest-pv/*.c guest-pv/*.asm))

guest_objs = $(patsubst %.asm,$(GUEST_BUILD)/%.asm.o, \
	     $(patsubst %.c,$(GUEST_BUILD)/%.o,$(1)))

GUEST_LIB_OBJS	:= $(call guest_objs,$(GUEST_LIB_SRCS))
GUEST_PV_OBJS	:= $(call guest_objs,$(GUEST_PV_SRCS))

# Test guests: one .c file or one folder each.
TEST_GUEST_DIR	:= tests/boot/guests
TEST_GUEST_FILES := $(wildcard $(TEST_GUEST_DIR)/*.c)
TEST_GUEST_DIRS	:= $(patsubst %/,%,$(dir $(wildcard $(TEST_GUEST_DIR)/*/*.c \
						    $(TEST_GUEST_DIR)/*/*.asm)))
TEST_GUEST_NAMES := $(sort $(notdir $(TEST_GUEST_FILES:.c=) $(TEST_GUEST_DIRS)))
test_guest_srcs	= $(sort $(wildcard $(TEST_GUEST_DIR)/$(1).c \
				    $(TEST_GUEST_DIR)/$(1)/*.c \
				    $(TEST_GUEST_DIR)/$(1)/*.asm))
TEST_GUEST_ELFS	:= $(TEST_GUEST_NAMES:%=$(BUILD)/guests/%.elf)

GUEST_C_OBJS	:= $(filter %.o,$(filter-out %.asm.o,$(GUEST_LIB_OBJS) \
	$(GUEST_PV_OBJS) $(foreach g,$(TEST_GUEST_NAMES), \
	$(call guest_objs,$(call test_guest_srcs,$(g))))))
GUEST_ASM_OBJS	:= $(filter %.asm.o,$(GUEST_LIB_OBJS) $(GUEST_PV_OBJS) \
	$(foreach g,$(TEST_GUEST_NAMES), \
	$(call guest_objs,$(call test_guest_srcs,$(g)))))

.PHONY: guest
guest: $(BUILD)/guest-pv.elf $(TEST_GUEST_ELFS)

# Static pattern rules: these objects never fall to the root Makefile's
# $(BUILD)/%.o rule, which builds for VMX root with -fpic.
$(GUEST_C_OBJS): $(GUEST_BUILD)/%.o: %.c guest-pv/guest.mk
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) -MMD -MP -c $< -o $@

$(GUEST_ASM_OBJS): $(GUEST_BUILD)/%.asm.o: %.asm guest-pv/guest.mk
	@mkdir -p $(dir $@)
	$(NASM) -f elf64 -g -MD $(@:.o=.d) -MP $< -o $@

$(BUILD)/guest-pv.elf: $(GUEST_LIB_OBJS) $(GUEST_PV_OBJS) guest-pv/linker.ld
	$(LD) $(GUEST_LDFLAGS) $(GUEST_LIB_OBJS) $(GUEST_PV_OBJS) -o $@

define test_guest_rule
$(BUILD)/guests/$(1).elf: $(GUEST_LIB_OBJS) \
		$(call guest_objs,$(call test_guest_srcs,$(1))) guest-pv/linker.ld
	@mkdir -p $$(dir $$@)
	$$(LD) $$(GUEST_LDFLAGS) $(GUEST_LIB_OBJS) \
		$(call guest_objs,$(call test_guest_srcs,$(1))) -o $$@
endef
$(foreach g,$(TEST_GUEST_NAMES),$(eval $(call test_guest_rule,$(g))))

-include $(GUEST_C_OBJS:.o=.d) $(GUEST_ASM_OBJS:.o=.d)
