/* vmm/asm-offsets.c - the numbers vmenter.asm needs, taken from the C structs and encodings at build time into $(BUILD)/asm-offsets.inc, so the two cannot drift apart. Linux: arch/x86/kernel/asm-offsets.c. Compiled to assembly only, never linked. */
#include <stddef.h>
#include "vcpu.h"

/* "->NAME value" lines in the compiler's assembly; the Makefile turns each into "%define NAME value". */
#define DEFINE(sym, val) \
	__asm__ volatile("\n.ascii \"->" #sym " %c0\"" : : "i"(val))
#define OFFSET(sym, member) DEFINE(sym, offsetof(struct vcpu, member))

void asm_offsets(void);

void asm_offsets(void)
{
	OFFSET(VCPU_RAX, regs.rax);
	OFFSET(VCPU_RBX, regs.rbx);
	OFFSET(VCPU_RCX, regs.rcx);
	OFFSET(VCPU_RDX, regs.rdx);
	OFFSET(VCPU_RSI, regs.rsi);
	OFFSET(VCPU_RDI, regs.rdi);
	OFFSET(VCPU_RBP, regs.rbp);
	OFFSET(VCPU_R8, regs.r8);
	OFFSET(VCPU_R9, regs.r9);
	OFFSET(VCPU_R10, regs.r10);
	OFFSET(VCPU_R11, regs.r11);
	OFFSET(VCPU_R12, regs.r12);
	OFFSET(VCPU_R13, regs.r13);
	OFFSET(VCPU_R14, regs.r14);
	OFFSET(VCPU_R15, regs.r15);
	OFFSET(VCPU_CR2, regs.cr2);
	OFFSET(VCPU_HOST_RSP, host_rsp);
	OFFSET(VCPU_ENTRY_TSC, entry_tsc);
	OFFSET(VCPU_EXIT_TSC, exit_tsc);
	DEFINE(VMCS_HOST_RSP, HOST_RSP);
}
