/* guest-pv/irq_vectors.h - the interrupt vectors guest-pv uses, Linux's numbers. Linux: arch/x86/include/asm/irq_vectors.h. */
#ifndef GUEST_IRQ_VECTORS_H
#define GUEST_IRQ_VECTORS_H

/*
 * "Page ready" (MSR_KVM_ASYNC_PF_INT), as Linux's kvm_guest_cpu_init() sets it.
 */
#define HYPERVISOR_CALLBACK_VECTOR	0xf3

/*
 * The PV tick (FL_HC_SET_TICK), in the slot Linux gives the local APIC timer.
 */
#define LOCAL_TIMER_VECTOR		0xec

#endif
