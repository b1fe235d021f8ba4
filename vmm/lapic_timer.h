/* vmm/lapic_timer.h - what the local APIC's register writes (vmm/lapic.c) need of its timer (vmm/lapic_timer.c), and the register accessors both use. KVM: arch/x86/kvm/lapic.h (kvm_lapic_get_reg). */
#ifndef FAULTLINE_LAPIC_TIMER_H
#define FAULTLINE_LAPIC_TIMER_H

#include "lapic.h"
#include "../include/apicdef.h"

static inline u32 lapic_get_reg(const struct kvm_lapic *apic, u32 reg)
{
	return apic->regs[reg >> APIC_REG_SHIFT];
}

static inline void lapic_set_reg(struct kvm_lapic *apic, u32 reg, u32 value)
{
	apic->regs[reg >> APIC_REG_SHIFT] = value;
}

/* LVT timer bits 18:17: one-shot, periodic or TSC-deadline. */
u32 apic_timer_mode(const struct kvm_lapic *apic);

/* Disarm, as a change of timer mode does. KVM: cancel_apic_timer(). */
void cancel_apic_timer(struct kvm_lapic *apic);

/* After a TDCR write, and at reset: the divisor. KVM: update_divide_count(). */
void update_divide_count(struct kvm_lapic *apic);

/* After a TMICT write in one-shot or periodic mode, at TSC now. */
void start_apic_timer(struct kvm_lapic *apic, u64 now);

/* TMCCT at TSC now: what is left of the count, 0 in TSC-deadline mode. */
u32 apic_get_tmcct(const struct kvm_lapic *apic, u64 now);

#endif
