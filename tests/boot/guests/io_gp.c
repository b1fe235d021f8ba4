/* tests/boot/guests/io_gp.c - test guest: read the UART's port; no host device is the guest's, so faultline must inject #GP at that instruction. KVM selftests: x86_64/userspace_io_test.c, inverted. */
#include "../../../guest-pv/lib/guest.h"
#include "../../../guest-pv/lib/hypercall.h"
#include "../../../guest-pv/lib/idt.h"
#include "../../../guest-pv/lib/printk.h"
#include "../../../include/x86.h"

#define PORT_COM1	0x3f8	/* faultline's own serial console */

extern const char io_insn[];	/* the IN instruction, labelled below */

static void handle_gp(struct pt_regs *regs)
{
	if (regs->ip != (u64)(uintptr_t)io_insn || regs->error_code) {
		printk("io_gp: FAIL: #GP at RIP %#llx error code %#llx; "
		       "expected RIP %p error code 0\n",
		       (unsigned long long)regs->ip,
		       (unsigned long long)regs->error_code,
		       (const void *)io_insn);
		hc_exit(FL_RESULT_FAIL);
	}
	report("io_gp", "1");
	printk("io_gp: PASS: #GP(0) at the IN instruction (RIP %#llx)\n",
	       (unsigned long long)regs->ip);
	hc_exit(FL_RESULT_PASS);
}

int guest_main(const struct fl_boot_info *bi)
{
	u8 value;

	(void)bi;
	idt_set_handler(X86_TRAP_GP, handle_gp);
	printk("io_gp: IN from port %#x (COM1, faultline's UART): faultline "
	       "should inject #GP\n", PORT_COM1);
	__asm__ volatile(".globl io_insn\n"
			 "io_insn: inb %w1, %b0"
			 : "=a"(value) : "Nd"((u16)PORT_COM1) : "memory");

	printk("io_gp: FAIL: IN returned %#x: the guest reached a host "
	       "device\n", value);
	report("io_gp", "0");
	return FL_RESULT_FAIL;
}
