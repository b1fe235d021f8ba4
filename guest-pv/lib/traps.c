/* guest-pv/lib/traps.c - the fatal end of an exception: name it, show where and the registers, end the run as a failure. Linux: arch/x86/kernel/traps.c (die, do_error_trap), dumpstack.c (show_regs). */
#include "idt.h"
#include "printk.h"
#include "processor.h"
#include "hypercall.h"

static const char *const exception_names[X86_NR_EXCEPTIONS] = {
	[0] = "#DE divide error",		[1] = "#DB debug",
	[2] = "NMI",				[3] = "#BP breakpoint",
	[4] = "#OF overflow",			[5] = "#BR bound range",
	[6] = "#UD invalid opcode",		[7] = "#NM device not available",
	[8] = "#DF double fault",		[9] = "coprocessor overrun",
	[10] = "#TS invalid TSS",		[11] = "#NP segment not present",
	[12] = "#SS stack fault",		[13] = "#GP general protection",
	[14] = "#PF page fault",		[16] = "#MF x87 error",
	[17] = "#AC alignment check",		[18] = "#MC machine check",
	[19] = "#XM SIMD error",		[20] = "#VE virtualization",
	[21] = "#CP control protection",
};

static const char *vector_name(u64 vector)
{
	if (vector < X86_NR_EXCEPTIONS && exception_names[vector])
		return exception_names[vector];
	return vector < X86_NR_EXCEPTIONS ? "reserved exception"
					  : "external interrupt";
}

static void show_regs(const struct pt_regs *r)
{
	printk("RIP %#018llx CS %#llx RFLAGS %#llx RSP %#018llx SS %#llx\n",
	       (unsigned long long)r->ip, (unsigned long long)r->cs,
	       (unsigned long long)r->flags, (unsigned long long)r->sp,
	       (unsigned long long)r->ss);
	printk("RAX %#018llx RBX %#018llx RCX %#018llx RDX %#018llx\n",
	       (unsigned long long)r->ax, (unsigned long long)r->bx,
	       (unsigned long long)r->cx, (unsigned long long)r->dx);
	printk("RSI %#018llx RDI %#018llx RBP %#018llx R8  %#018llx\n",
	       (unsigned long long)r->si, (unsigned long long)r->di,
	       (unsigned long long)r->bp, (unsigned long long)r->r8);
	printk("R9  %#018llx R10 %#018llx R11 %#018llx R12 %#018llx\n",
	       (unsigned long long)r->r9, (unsigned long long)r->r10,
	       (unsigned long long)r->r11, (unsigned long long)r->r12);
	printk("R13 %#018llx R14 %#018llx R15 %#018llx CR2 %#018llx\n",
	       (unsigned long long)r->r13, (unsigned long long)r->r14,
	       (unsigned long long)r->r15, (unsigned long long)read_cr2());
}

/* Never returns and never hangs: the run ends with FL_RESULT_FAIL. */
_Noreturn void die(const char *what, struct pt_regs *regs)
{
	local_irq_disable();
	printk("%s: vector %llu (%s), error code %#llx, at RIP %#llx\n", what,
	       (unsigned long long)regs->vector, vector_name(regs->vector),
	       (unsigned long long)regs->error_code,
	       (unsigned long long)regs->ip);
	show_regs(regs);
	hc_exit(FL_RESULT_FAIL);
}
