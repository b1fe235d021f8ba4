/* vmm/io.c - I/O instruction exits: every port goes to the guest's own bus (iobus.c), none to hardware; a reset ends the guest's run, isa-debug-exit ends it with a result. KVM: handle_io() in vmx.c, kvm_fast_pio(). */
#include "exit.h"
#include "console.h"
#include "guest_console.h"
#include "iobus.h"
#include "vmx_ops.h"

#define UNCLAIMED_PORTS_PRINTED	8	/* then only counted */
#define DENIED_PORTS_PRINTED	8

/* isa-debug-exit: QEMU exits with (value << 1) | 1; value 0 is faultline's pass. */
#define DEBUG_EXIT_PASS		FL_RESULT_PASS
#define DEBUG_EXIT_CODE(v)	(((u64)(v) << 1) | 1)

static unsigned io_size(u64 qual)
{
	return (unsigned)(qual & EXIT_QUAL_IO_SIZE_MASK) + 1;
}

/* COM1's transmitter feeds the guest console, as the console hypercall does. */
static void com1_tx(void *ctx, u8 c)
{
	guest_console_putc(ctx, c);
}

void io_setup_vcpu(struct vcpu *vcpu)
{
	io_bus_reset(&vcpu->io, vcpu->tsc_hz, com1_tx, vcpu);
}

static enum exit_result guest_reset(struct vcpu *vcpu, u16 port, u32 value)
{
	return vcpu_stop(vcpu, RUN_FAIL, "guest_reset",
			 "the guest asked to reset the machine (wrote %#x to "
			 "port %#x): its run ends here; the machine stays up",
			 value, port);
}

static enum exit_result debug_exit(struct vcpu *vcpu)
{
	u32 v = vcpu->io.debug_exit_value;

	vcpu->guest_exit_code = v;
	vcpu->debug_exited = true;
	console_flush_guest(vcpu);
	return vcpu_stop(vcpu, v == DEBUG_EXIT_PASS ? RUN_PASS : RUN_FAIL,
			 "debug_exit",
			 "the guest wrote %#x to isa-debug-exit (port %#x): "
			 "%s, exit code %llu", v, PORT_DEBUG_EXIT,
			 v == DEBUG_EXIT_PASS ? "pass" : "fail",
			 (unsigned long long)DEBUG_EXIT_CODE(v));
}

/* IN to AL/AX merges with the rest of RAX; IN to EAX zero-extends (SDM IN). */
static void set_in_result(struct vcpu *vcpu, unsigned size, u32 value)
{
	u64 keep = size == 1 ? ~0xffull : size == 2 ? ~0xffffull : 0;

	vcpu->regs.rax = (vcpu->regs.rax & keep) | value;
}

enum exit_result handle_io(struct vcpu *vcpu)
{
	u64 qual = vcpu->exit_qualification;
	u16 port = (u16)(qual >> EXIT_QUAL_IO_PORT_SHIFT);
	bool in = qual & EXIT_QUAL_IO_IN;
	unsigned size = io_size(qual);
	u64 unclaimed = vcpu->io.unclaimed_reads + vcpu->io.unclaimed_writes;
	u32 value = (u32)vcpu->regs.rax;

	/*
	 * INS/OUTS would move data through guest memory by its page tables;
	 * no device here takes them, so they stay #GP.
	 */
	if (qual & EXIT_QUAL_IO_STRING) {
		if (vcpu->io_denied++ < DENIED_PORTS_PRINTED)
			printk("faultline: guest string %s port %#x at RIP "
			       "%#llx: not emulated, injecting #GP\n",
			       in ? "IN from" : "OUT to", port,
			       (unsigned long long)vmcs_read(GUEST_RIP));
		inject_gp(vcpu);
		return EXIT_RESUME;
	}

	switch (io_bus_access(&vcpu->io, port, in, size, &value,
			      vcpu->exit_tsc)) {
	case IO_RESET:
		return guest_reset(vcpu, port, value);
	case IO_DEBUG_EXIT:
		return debug_exit(vcpu);
	case IO_DONE:
		break;
	}
	if (in)
		set_in_result(vcpu, size, value);
	if (unclaimed < UNCLAIMED_PORTS_PRINTED &&
	    unclaimed != vcpu->io.unclaimed_reads + vcpu->io.unclaimed_writes) {
		console_flush_guest(vcpu);
		printk("faultline: guest %s port %#x (%u byte%s) at RIP %#llx: "
		       "no device there, %s\n", in ? "IN from" : "OUT to",
		       port, size, size > 1 ? "s" : "",
		       (unsigned long long)vmcs_read(GUEST_RIP),
		       in ? "reads all ones" : "dropped");
	}
	skip_emulated_instruction(vcpu);
	return EXIT_RESUME;
}
