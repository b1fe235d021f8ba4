# Makefile - builds faultline.efi (boot/ vmm/ mm/ ept/ lib/) and includes the guest, test and harness rules.
#
#   make            build build/faultline.efi and build/guest-pv.elf
#   make run        boot it (tools/harness.mk; ARGS="key=value ..." EMU=kvm|bochs|qemu)
#   make test       host unit tests + boot tests, ends with "N passed, N failed, N skipped"
#   make bench      the benchmark matrix (BENCHMARKS.md)
#   make doctor     which engines this host can run faultline on, and why not

BUILD    ?= build
CC       ?= gcc
LD       ?= ld
NASM     ?= nasm
OBJCOPY  ?= objcopy
EFI_INC  ?= /usr/include/efi
EFI_LIB  ?= /usr/lib

# Freestanding C11 for VMX root. -mgeneral-regs-only: faultline never
# touches x87/SSE/AVX state, so it need not save the guest's on every exit.
# -mno-red-zone: exceptions in faultline push onto the current stack.
VMM_CFLAGS := -std=c11 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -fno-builtin -fno-stack-protector -fno-stack-check \
	-fshort-wchar -fpic -mno-red-zone -mgeneral-regs-only \
	-fno-strict-aliasing -fno-omit-frame-pointer \
	-DGNU_EFI_USE_MS_ABI -I$(EFI_INC) -I$(EFI_INC)/x86_64 -Iinclude

# FL_JUMP_LABEL: each tracepoint is a NOP that boot patches to a jmp when
# trace= asks for it (include/jump_label.h). Host unit tests compile the
# same files without it: their tracepoints test the level.
VMM_CFLAGS += -DFL_JUMP_LABEL

# TRACE_COMPILED=0: every tracepoint compiled out (include/trace.h).
# `make` builds that too, as faultline-notrace.efi: the twin faultline.efi
# starts for trace=off (boot/efi_twin.c), so trace=off costs nothing.
# tests/boot/trace_off_cost builds another apart, as its yardstick:
# make TRACE_COMPILED=0 BUILD=build/notrace build/notrace/faultline.efi
ifeq ($(TRACE_COMPILED),0)
VMM_CFLAGS += -DFL_NO_TRACE
endif

VMM_SRCS := $(filter-out vmm/asm-offsets.c, \
	    $(wildcard boot/*.c vmm/*.c mm/*.c ept/*.c lib/*.c))
VMM_ASMS := $(wildcard boot/*.asm vmm/*.asm)
VMM_OBJS := $(VMM_SRCS:%.c=$(BUILD)/%.o) $(VMM_ASMS:%.asm=$(BUILD)/%.asm.o)

.PHONY: all
all: $(BUILD)/faultline.efi guest
ifneq ($(TRACE_COMPILED),0)
all: $(BUILD)/faultline-notrace.efi
endif

# The sub-make knows the twin's dependencies; the copy changes only
# when the twin does, so make stays quiet when nothing changed.
.PHONY: notrace-twin
notrace-twin:
	@$(MAKE) -s --no-print-directory TRACE_COMPILED=0 BUILD=$(BUILD)/notrace \
		$(BUILD)/notrace/faultline.efi
$(BUILD)/faultline-notrace.efi: notrace-twin
	@cmp -s $(BUILD)/notrace/faultline.efi $@ || \
		cp $(BUILD)/notrace/faultline.efi $@

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(VMM_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/%.asm.o: %.asm
	@mkdir -p $(dir $@)
	$(NASM) -f elf64 -g -I$(BUILD)/ -MD $(@:.o=.d) -MP $< -o $@

# vmenter.asm's offsets into struct vcpu and its VMCS encodings, from the C
# compiler: one "%define NAME value" per DEFINE() in vmm/asm-offsets.c.
# Linux builds its asm-offsets.h the same way.
ASM_OFFSETS := $(BUILD)/asm-offsets.inc
$(ASM_OFFSETS): vmm/asm-offsets.c
	@mkdir -p $(dir $@)
	$(CC) $(VMM_CFLAGS) -MMD -MP -MT $@ -MF $(BUILD)/asm-offsets.d \
		-S $< -o $(BUILD)/asm-offsets.s
	sed -n 's/^.*->\([A-Z0-9_]*\) \([0-9]*\).*/%define \1 \2/p' \
		$(BUILD)/asm-offsets.s > $@
$(BUILD)/vmm/vmenter.asm.o: $(ASM_OFFSETS)

# Only libgnuefi (the self-relocator behind crt0): faultline calls the
# firmware directly and brings its own string helpers (lib/string.c).
$(BUILD)/faultline.so: $(VMM_OBJS) linker.ld
	$(LD) -nostdlib -znocombreloc -shared -Bsymbolic -T linker.ld \
		$(EFI_LIB)/crt0-efi-x86_64.o $(VMM_OBJS) \
		-L$(EFI_LIB) -lgnuefi -o $@

$(BUILD)/faultline.efi: $(BUILD)/faultline.so
	$(OBJCOPY) -j .text -j .sdata -j .data -j .dynamic -j .dynsym \
		-j .rel -j .rela -j '.rel.*' -j '.rela.*' -j .reloc \
		--target efi-app-x86_64 --subsystem=10 $< $@

-include $(VMM_OBJS:.o=.d) $(BUILD)/asm-offsets.d
include guest-pv/guest.mk
include guest-linux/linux.mk
include tests/unit/unit.mk
include tools/harness.mk
include tools/tools.mk
include tools/bench.mk

.PHONY: clean
clean:
	rm -rf $(BUILD)
