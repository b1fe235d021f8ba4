/* guest-pv/lib/idt.h - the guest's IDT: one entry stub per vector, registers saved as struct pt_regs, a C handler per vector. Linux: arch/x86/include/asm/idtentry.h, asm/ptrace.h. */
#ifndef GUEST_IDT_H
#define GUEST_IDT_H

#include "../../include/types.h"

#define IDT_ENTRIES	256

/*
 * What the entry stub (idt_entry.asm) leaves on the stack, lowest address
 * first: the general registers it pushed, the vector and error code (0
 * for vectors without one), then the frame the CPU pushed. Linux's
 * struct pt_regs, with the vector kept next to the error code.
 */
struct pt_regs {
	u64 r15, r14, r13, r12, bp, bx;
	u64 r11, r10, r9, r8, ax, cx, dx, si, di;
	u64 vector;
	u64 error_code;
	u64 ip, cs, flags, sp, ss;	/* pushed by the CPU */
};

typedef void (*idt_handler_t)(struct pt_regs *regs);

/*
 * Load the IDT with a gate for every vector. A vector without a handler is
 * fatal: an exception prints its name, error code, RIP and registers; an
 * interrupt nobody asked for says so; both end the run with a failure.
 */
void idt_setup(void);

/* Handlers run with interrupts off (interrupt gates) on the current stack. */
void idt_set_handler(u8 vector, idt_handler_t handler);

/* Called by the stubs; also the fatal path for vectors without a handler. */
void do_idt(struct pt_regs *regs);
_Noreturn void die(const char *what, struct pt_regs *regs);

#endif
