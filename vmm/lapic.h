/* vmm/lapic.h - the guest's local APIC, in x2APIC mode, driven by MSRs: priorities, IRR/ISR, EOI, self-IPIs (vmm/lapic.c), the timer (vmm/lapic_timer.c). KVM: arch/x86/kvm/lapic.h (struct kvm_lapic). */
#ifndef FAULTLINE_LAPIC_H
#define FAULTLINE_LAPIC_H

#include "../include/types.h"

#define LAPIC_NO_DEADLINE	(~0ull)
/* APIC_REG_SPAN >> APIC_REG_SHIFT (apicdef.h, kept out of vcpu.h's includes) */
#define APIC_REGS		64

/*
 * The register file, indexed as the x2APIC MSRs are (offset >> 4), so
 * regs[APIC_IRR >> 4 .. +7] are the IRR words. Times are guest TSC ticks:
 * the timer counts at the TSC rate divided by the TDCR divisor, which is
 * the crystal rate CPUID 0x15 announces (cpuid.c).
 */
struct kvm_lapic {
	u32 regs[APIC_REGS];
	u32 esr_pending;	/* errors since the last ESR write */
	/*
	 * A vector may be set in the IRR. Checked before every VM entry, so
	 * an empty IRR costs one test instead of a scan of its eight words.
	 * KVM: apic->irr_pending.
	 */
	bool irr_pending;
	u32 divide_count;	/* timer divisor from TDCR: 1..128 */
	u64 tsc_deadline;	/* TSC-deadline mode: the armed deadline, 0 none */
	u64 expires;		/* TSC when the timer fires next; 0: not armed */
	u64 period;		/* periodic mode: TSC ticks per period */

	u64 timer_fired;	/* timer expiries (delivered or masked) */
	u64 ipis_dropped;	/* ICR writes with a delivery mode other than fixed */
};

/* Power-on state (SDM 10.4.7.1) with x2APIC already on: software-disabled, every LVT masked. KVM: kvm_lapic_reset(). */
void lapic_reset(struct kvm_lapic *apic);

/*
 * RDMSR/WRMSR of 0x800-0x8ff at guest TSC now. false: the guest gets #GP
 * (a register x2APIC mode lacks, a write to a read-only register, a read
 * of a write-only one, reserved bits). KVM: kvm_x2apic_msr_read/write().
 */
bool x2apic_msr_read(struct kvm_lapic *apic, u32 msr, u64 now, u64 *value);
bool x2apic_msr_write(struct kvm_lapic *apic, u32 msr, u64 value, u64 now);

/* IA32_TSC_DEADLINE: only live in TSC-deadline mode. KVM: kvm_{get,set}_lapic_tscdeadline_msr(). */
u64 lapic_get_tscdeadline_msr(const struct kvm_lapic *apic);
void lapic_set_tscdeadline_msr(struct kvm_lapic *apic, u64 deadline);

/* CR8 is TPR[7:4] (SDM 10.8.6.1). KVM: kvm_lapic_set_tpr(), kvm_lapic_get_cr8(). */
void lapic_set_cr8(struct kvm_lapic *apic, u64 cr8);
u64 lapic_get_cr8(const struct kvm_lapic *apic);

/*
 * A fixed interrupt arrives: set its IRR bit. false: dropped, because the
 * APIC is software-disabled or the vector is illegal (0-15; ESR notes
 * it). KVM: kvm_apic_set_irq() -> __apic_accept_irq().
 */
bool apic_set_irq(struct kvm_lapic *apic, u8 vector);

/* Software-enabled (SVR bit 8). KVM: kvm_apic_sw_enabled(). */
bool apic_sw_enabled(const struct kvm_lapic *apic);

int apic_find_deliverable(const struct kvm_lapic *apic);

/*
 * The highest IRR vector whose priority class beats PPR, or -1. Asked
 * before every VM entry; an empty IRR, most entries, answers inline.
 * KVM: kvm_apic_has_interrupt().
 */
static inline int apic_has_interrupt(const struct kvm_lapic *apic)
{
	return apic->irr_pending ? apic_find_deliverable(apic) : -1;
}

/* That vector is being injected: IRR -> ISR, PPR follows. KVM: kvm_apic_ack_interrupt(). */
void apic_ack_interrupt(struct kvm_lapic *apic, u8 vector);

/* The TSC at which the timer fires next, or LAPIC_NO_DEADLINE: every entry asks. */
static inline u64 lapic_next_deadline(const struct kvm_lapic *apic)
{
	return apic->expires ? apic->expires : LAPIC_NO_DEADLINE;
}

/* lapic_timer_poll() found it due: fire it. */
bool lapic_timer_expire(struct kvm_lapic *apic, u64 now);

/* Fire the timer if due at now (its LVT vector into IRR unless masked); true if it fired. KVM: apic_timer_expired(). */
static inline bool lapic_timer_poll(struct kvm_lapic *apic, u64 now)
{
	/* Asked before every entry: an unarmed or future timer answers here. */
	if (!apic->expires || now < apic->expires)
		return false;
	return lapic_timer_expire(apic, now);
}

#endif
