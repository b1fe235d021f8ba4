/* vmm/io.c - I/O instruction exits: no port reaches hardware; two reset ports end the guest's run. KVM: handle_io() in vmx.c, kvm_fast_pio(). */
#include "exit.h"
#include "console.h"
#include "vmx_ops.h"

#define DENIED_PORTS_PRINTED	8	/* then only counted */

/*
 * The two ways a PC guest resets its machine. Honouring them would reboot
 * the host under faultline, so they end the guest's run instead:
 *   0xcf9  reset control register: a write with bit 2 set resets
 *   0x64   keyboard controller: command 0xfe pulses the reset line
 */
#define PORT_RESET_CONTROL	0xcf9
#define RST_CNT_SYS_RST_CPU	0x04
#define PORT_KBD_COMMAND	0x64
#define KBD_CMD_PULSE_RESET	0xfe

static u8 reset_control;	/* 0xcf9 holds its value until the reset bit */

static unsigned io_size(u64 qual)
{
	return (unsigned)(qual & EXIT_QUAL_IO_SIZE_MASK) + 1;
}

static enum exit_result guest_reset(struct vcpu *vcpu, u16 port, u8 value)
{
	return vcpu_stop(vcpu, RUN_FAIL, "guest_reset",
			 "the guest asked to reset the machine (wrote %#x to "
			 "port %#x): its run ends here; the machine stays up",
			 value, port);
}

enum exit_result handle_io(struct vcpu *vcpu)
{
	u64 qual = vcpu->exit_qualification;
	u16 port = (u16)(qual >> EXIT_QUAL_IO_PORT_SHIFT);
	bool in = qual & EXIT_QUAL_IO_IN;
	u8 value = (u8)vcpu->regs.rax;

	/* String and multi-byte forms are never what these ports take. */
	if (!(qual & EXIT_QUAL_IO_STRING) && io_size(qual) == 1) {
		if (port == PORT_RESET_CONTROL && in) {
			vcpu->regs.rax = (vcpu->regs.rax & ~0xffull) |
					 reset_control;
			skip_emulated_instruction(vcpu);
			return EXIT_RESUME;
		}
		if (port == PORT_RESET_CONTROL) {
			if (value & RST_CNT_SYS_RST_CPU)
				return guest_reset(vcpu, port, value);
			reset_control = value;
			skip_emulated_instruction(vcpu);
			return EXIT_RESUME;
		}
		if (port == PORT_KBD_COMMAND && !in &&
		    value == KBD_CMD_PULSE_RESET)
			return guest_reset(vcpu, port, value);
	}

	if (vcpu->io_denied++ < DENIED_PORTS_PRINTED)
		printk("faultline: guest %s port %#x at RIP %#llx: no device "
		       "there for the guest, injecting #GP\n",
		       in ? "IN from" : "OUT to", port,
		       (unsigned long long)vmcs_read(GUEST_RIP));
	inject_gp(vcpu);
	return EXIT_RESUME;
}
