/* guest-pv/fault.c - the #PF handler: first the host's "page not present", then the guest's own lazily mapped heap, else a fatal fault. Linux: arch/x86/mm/fault.c (exc_page_fault, handle_page_fault). */
#include "fault.h"
#include "heap.h"
#include "kvm.h"
#include "lib/printk.h"
#include "lib/processor.h"

static void exc_page_fault(struct pt_regs *regs)
{
	/* First, before anything can fault again and change it. */
	u64 address = read_cr2();

	/*
	 * KVM uses #PF to say "page not present": the host swapped out the
	 * page behind a GPA the guest touched, and CR2 holds a token, not an
	 * address. The apf area's flags tell the two kinds apart; the async
	 * case parks the task and returns when the page is back.
	 */
	if (kvm_handle_async_pf(regs, (u32)address))
		return;

	if (heap_handle_fault(address, regs->error_code))
		return;

	printk("page fault at address %#llx (%s, %s)\n",
	       (unsigned long long)address,
	       regs->error_code & X86_PF_PROT ? "protection" : "not present",
	       regs->error_code & X86_PF_WRITE ? "write" : "read");
	die("page fault", regs);
}

void fault_init(void)
{
	idt_set_handler(X86_TRAP_PF, exc_page_fault);
}
