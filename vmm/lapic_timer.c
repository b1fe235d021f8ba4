/* vmm/lapic_timer.c - the guest's local APIC timer (SDM 10.5.4): one-shot and periodic counting in TSC ticks through the TDCR divisor, and TSC-deadline mode. KVM: arch/x86/kvm/lapic.c (start_apic_timer, apic_timer_expired, kvm_set_lapic_tscdeadline_msr). Pure C: host tests compile it. */
#include "lapic.h"
#include "lapic_timer.h"

u32 apic_timer_mode(const struct kvm_lapic *apic)
{
	return lapic_get_reg(apic, APIC_LVTT) & APIC_LVT_TIMER_MASK;
}

void cancel_apic_timer(struct kvm_lapic *apic)
{
	apic->expires = 0;
	apic->tsc_deadline = 0;
}

/* TDCR bits 3,1:0 = n: divide by 2^(n+1), n = 7 dividing by 1. KVM: update_divide_count(). */
void update_divide_count(struct kvm_lapic *apic)
{
	u32 tdcr = lapic_get_reg(apic, APIC_TDCR);
	u32 n = (tdcr & 0x3) | ((tdcr & 0x8) >> 1);

	apic->divide_count = 1u << ((n + 1) & 7);
}

/* A TMICT write in one-shot or periodic mode starts counting down. KVM: start_apic_timer(). */
void start_apic_timer(struct kvm_lapic *apic, u64 now)
{
	u64 count = lapic_get_reg(apic, APIC_TMICT);

	apic->period = count * apic->divide_count;
	apic->expires = count ? now + apic->period : 0;
}

u32 apic_get_tmcct(const struct kvm_lapic *apic, u64 now)
{
	if (apic_timer_mode(apic) == APIC_LVT_TIMER_TSCDEADLINE ||
	    !apic->expires || now >= apic->expires)
		return 0;
	return (u32)((apic->expires - now) / apic->divide_count);
}

u64 lapic_get_tscdeadline_msr(const struct kvm_lapic *apic)
{
	return apic_timer_mode(apic) == APIC_LVT_TIMER_TSCDEADLINE ?
	       apic->tsc_deadline : 0;
}

/* Ignored outside TSC-deadline mode; 0 disarms (SDM 10.5.4.1). */
void lapic_set_tscdeadline_msr(struct kvm_lapic *apic, u64 deadline)
{
	if (apic_timer_mode(apic) != APIC_LVT_TIMER_TSCDEADLINE)
		return;
	apic->tsc_deadline = deadline;
	apic->expires = deadline;
}

/* lapic_timer_poll() found the timer due. */
bool lapic_timer_expire(struct kvm_lapic *apic, u64 now)
{
	u32 lvtt = lapic_get_reg(apic, APIC_LVTT);

	if (!(lvtt & APIC_LVT_MASKED))
		apic_set_irq(apic, (u8)(lvtt & APIC_VECTOR_MASK));
	apic->timer_fired++;
	if (apic_timer_mode(apic) == APIC_LVT_TIMER_PERIODIC && apic->period) {
		/* Periods missed while nobody looked collapse into this one. */
		apic->expires += ((now - apic->expires) / apic->period + 1) *
				 apic->period;
	} else {
		cancel_apic_timer(apic);
	}
	return true;
}
