/* vmm/interrupt.c - injecting what the virtual local APIC offers at VM entry. KVM: kvm_cpu_get_interrupt(), vmx_inject_irq(), enable_irq_window() in arch/x86/kvm/vmx/vmx.c. */
#include "interrupt.h"
#include "exit.h"
#include "vmx_ops.h"

/*
 * Every interrupt for the guest - the PV tick, "page ready", the APIC
 * timer, self-IPIs - enters the virtual local APIC's IRR (lapic.c), and
 * the APIC decides what may be delivered: the highest IRR vector whose
 * priority class beats PPR. KVM: kvm_apic_set_irq().
 */
void queue_interrupt(struct vcpu *vcpu, u8 vector)
{
	apic_set_irq(&vcpu->apic, vector);
}

bool vcpu_interrupt_allowed(struct vcpu *vcpu)
{
	if (vcpu->pending_intr_info & INTR_INFO_VALID_MASK)
		return false;
	if (!(vmcs_read(GUEST_RFLAGS) & X86_EFLAGS_IF))
		return false;
	return !(vmcs_read(GUEST_INTERRUPTIBILITY_INFO) &
		 (GUEST_INTR_STATE_STI | GUEST_INTR_STATE_MOV_SS));
}

static void set_interrupt_window_exiting(struct vcpu *vcpu, bool on)
{
	u32 ctl = on ? vcpu->cpu_based_ctrl | CPU_BASED_INTR_WINDOW_EXITING
		     : vcpu->cpu_based_ctrl & ~CPU_BASED_INTR_WINDOW_EXITING;

	if (ctl != vcpu->cpu_based_ctrl) {
		vcpu->cpu_based_ctrl = ctl;
		vmcs_write(CPU_BASED_VM_EXEC_CONTROL, ctl);
	}
}

void inject_pending_interrupt(struct vcpu *vcpu)
{
	int vector;

	if (!interrupt_pending(vcpu)) {
		set_interrupt_window_exiting(vcpu, false);
		return;
	}
	if (!vcpu_interrupt_allowed(vcpu)) {
		set_interrupt_window_exiting(vcpu, true);
		return;
	}
	/* Injected now: IRR -> ISR until the guest's EOI. KVM: kvm_cpu_get_interrupt(). */
	vector = apic_has_interrupt(&vcpu->apic);
	apic_ack_interrupt(&vcpu->apic, (u8)vector);
	vcpu->pending_intr_info = (u32)vector | INTR_TYPE_EXT_INTR |
				  INTR_INFO_VALID_MASK;
	vcpu->pending_instr_len = 0;
	vcpu->injected_irqs++;
	set_interrupt_window_exiting(vcpu, interrupt_pending(vcpu));
}

/* The guest became interruptible: the injection happens before the next entry. */
enum exit_result handle_interrupt_window(struct vcpu *vcpu)
{
	(void)vcpu;
	return EXIT_RESUME;
}
