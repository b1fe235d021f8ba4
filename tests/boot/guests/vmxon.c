/* tests/boot/guests/vmxon.c - test guest: execute VMXON; faultline offers no nested VMX, so it must inject #UD at that instruction. KVM selftests: x86_64/vmx_*, with nested=0. */
#include "../../../guest-pv/lib/guest.h"
#include "../../../guest-pv/lib/hypercall.h"
#include "../../../guest-pv/lib/idt.h"
#include "../../../guest-pv/lib/printk.h"
#include "../../../include/x86.h"

/* VMXON's operand: the physical address of a 4 KiB-aligned region. */
static u8 vmxon_region[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

extern const char vmxon_insn[];	/* the VMXON instruction, labelled below */

static void handle_ud(struct pt_regs *regs)
{
	if (regs->ip != (u64)(uintptr_t)vmxon_insn) {
		printk("vmxon: FAIL: #UD at RIP %#llx, not at VMXON (%p)\n",
		       (unsigned long long)regs->ip, (const void *)vmxon_insn);
		hc_exit(FL_RESULT_FAIL);
	}
	report("vmxon_ud", "1");
	printk("vmxon: PASS: #UD at the VMXON instruction (RIP %#llx), as "
	       "on a CPU without VMX\n", (unsigned long long)regs->ip);
	hc_exit(FL_RESULT_PASS);
}

int guest_main(const struct fl_boot_info *bi)
{
	u64 region = __pa(vmxon_region);
	u64 flags;

	(void)bi;
	idt_set_handler(X86_TRAP_UD, handle_ud);
	printk("vmxon: executing VMXON [%#llx]: faultline should inject "
	       "#UD (no nested VMX)\n", (unsigned long long)region);
	__asm__ volatile(".globl vmxon_insn\n"
			 "vmxon_insn: vmxon %1\n\t"
			 "pushf\n\t"
			 "pop %0"
			 : "=r"(flags) : "m"(region) : "cc", "memory");

	printk("vmxon: FAIL: VMXON returned (RFLAGS %#llx): the guest "
	       "entered VMX operation\n", (unsigned long long)flags);
	report("vmxon_ud", "0");
	return FL_RESULT_FAIL;
}
