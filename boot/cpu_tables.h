/* boot/cpu_tables.h - faultline's GDT/TSS/IDT and the frame its exception stubs build. */
#ifndef FAULTLINE_CPU_TABLES_H
#define FAULTLINE_CPU_TABLES_H

#include "../include/types.h"

/* Layout pushed by isr.asm: GPRs in struct guest_regs order, then the CPU's frame. */
struct exception_frame {
	u64 gpr[15];		/* rax, rbx, rcx, rdx, rsi, rdi, rbp, r8..r15 */
	u64 vector;
	u64 error_code;		/* 0 for vectors without one */
	u64 rip, cs, rflags, rsp, ss;
};

/* Load the GDT (code, data, 64-bit TSS), reload segments, LTR, LIDT. */
void cpu_tables_install(void);
void exception_handler(struct exception_frame *f);

#endif
