/* vmm/interrupt.c - pending external interrupts and their injection at VM entry. KVM: kvm_apic_set_irq(), vmx_inject_irq(), enable_irq_window() in arch/x86/kvm/vmx/vmx.c. */
#include "interrupt.h"
#include "exit.h"
#include "vmx_ops.h"

#define VECTORS_PER_WORD	64

void queue_interrupt(struct vcpu *vcpu, u8 vector)
{
	vcpu->irr[vector / VECTORS_PER_WORD] |= BIT(vector % VECTORS_PER_WORD);
}

bool interrupt_pending(const struct vcpu *vcpu)
{
	for (unsigned i = 0; i < ARRAY_SIZE(vcpu->irr); i++)
		if (vcpu->irr[i])
			return true;
	return false;
}

/* Highest vector first, as the local APIC prioritizes. */
static int take_highest_vector(struct vcpu *vcpu)
{
	for (int i = ARRAY_SIZE(vcpu->irr) - 1; i >= 0; i--) {
		if (vcpu->irr[i]) {
			int bit = 63 - __builtin_clzll(vcpu->irr[i]);

			vcpu->irr[i] &= ~BIT(bit);
			return i * VECTORS_PER_WORD + bit;
		}
	}
	return -1;
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
	vector = take_highest_vector(vcpu);
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
