/* vmm/interrupt.h - external interrupts for the guest: "page ready" and the PV tick. KVM: kvm_apic_set_irq(), vmx_inject_irq(), enable_irq_window(). */
#ifndef FAULTLINE_INTERRUPT_H
#define FAULTLINE_INTERRUPT_H

#include "vcpu.h"

/* Raise vector in the guest's local APIC; delivered when its priority and the guest allow. */
void queue_interrupt(struct vcpu *vcpu, u8 vector);

/* Something the APIC would deliver now: what wakes a HLT. KVM: kvm_cpu_has_interrupt(). */
static inline bool interrupt_pending(const struct vcpu *vcpu)
{
	return apic_has_interrupt(&vcpu->apic) >= 0;
}

/* IF = 1, no STI/MOV SS shadow, nothing else being injected. KVM: vmx_interrupt_allowed(). */
bool vcpu_interrupt_allowed(struct vcpu *vcpu);

/*
 * Before each VM entry: inject the vector the APIC offers if the guest
 * can take it (it moves to the ISR until the guest's EOI), else ask for
 * an exit as soon as it can (interrupt-window exiting, 25.6.2).
 */
void inject_pending_interrupt(struct vcpu *vcpu);

#endif
