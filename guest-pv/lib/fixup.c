/* guest-pv/lib/fixup.c - the test guests' exception fixup: record the vector an instruction raised and resume after it. Linux: fixup_exception() in arch/x86/mm/extable.c. */
#include "fixup.h"
#include "idt.h"
#include "printk.h"
#include "../../include/x86.h"

volatile u64 fault_insn, fault_resume;
static volatile u64 fault_vector = NO_FAULT;

static void fixup(struct pt_regs *regs)
{
	if (regs->ip != fault_insn) {
		printk("fault: vector %llu at RIP %#llx, not at the tested "
		       "instruction %#llx\n", (unsigned long long)regs->vector,
		       (unsigned long long)regs->ip,
		       (unsigned long long)fault_insn);
		die("unexpected fault", regs);
	}
	fault_vector = regs->vector;
	regs->ip = fault_resume;
}

void expect_fault_setup(void)
{
	idt_set_handler(X86_TRAP_UD, fixup);
	idt_set_handler(X86_TRAP_GP, fixup);
}

void expect_fault_begin(void)
{
	fault_vector = NO_FAULT;
}

u64 expect_fault_end(void)
{
	return fault_vector;
}
