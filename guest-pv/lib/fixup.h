/* guest-pv/lib/fixup.h - expect an exception at one instruction and resume after it: the test guests' exception table. Linux: _ASM_EXTABLE and fixup_exception(); KVM selftests: kvm_asm_safe(). */
#ifndef GUEST_FIXUP_H
#define GUEST_FIXUP_H

#include "../../include/types.h"

#define NO_FAULT	0xffu

/* Set by the instruction's asm: its address, and where to resume. */
extern volatile u64 fault_insn, fault_resume;

/* Handlers for #DB, #BP, #UD, #GP that record the vector and resume. */
void expect_fault_setup(void);
void expect_fault_begin(void);
/* The vector taken at fault_insn (NO_FAULT if none); a fault elsewhere fails the run. */
u64 expect_fault_end(void);

#endif
