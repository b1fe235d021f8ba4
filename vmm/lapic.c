/* vmm/lapic.c - the guest's local APIC in x2APIC mode: the register file, priorities, IRR/ISR and EOI, LVTs, self-IPIs (the timer is vmm/lapic_timer.c). KVM: arch/x86/kvm/lapic.c. Pure C: host tests compile it. */
#include "lapic.h"
#include "lapic_timer.h"
#include "../include/apicdef.h"
#include "../include/x86.h"

_Static_assert(APIC_REGS == APIC_REG_SPAN >> APIC_REG_SHIFT, "register file size");

/*
 * One vCPU, APIC ID 0. The LVTs are timer, thermal, performance, LINT0,
 * LINT1, error: six entries (no CMCI, no MCE), as KVM without MCG_CMCI_P.
 */
#define LAPIC_ID		0
#define APIC_NR_LVT		6
#define LAPIC_VERSION_VALUE	(APIC_VERSION | \
				 ((APIC_NR_LVT - 1) << APIC_LVR_MAXLVT_SHIFT))
#define SPIV_RESET		0xffu		/* vector 0xff, disabled */
#define SPIV_WRITABLE		(APIC_SPIV_VECTOR | APIC_SPIV_APIC_ENABLED | \
				 APIC_SPIV_FOCUS_DISABLED)
#define TPR_WRITABLE		0xffu
#define CR8_MASK		0xfull
#define CR8_SHIFT		4		/* CR8 = TPR[7:4] */

/* The writable bits of each LVT (SDM Figure 10-8). KVM: apic_lvt_mask[]. */
#define LVT_MASK		(APIC_LVT_MASKED | APIC_SEND_PENDING | \
				 APIC_VECTOR_MASK)
#define LINT_MASK		(LVT_MASK | APIC_MODE_MASK | \
				 APIC_INPUT_POLARITY | APIC_LVT_REMOTE_IRR | \
				 APIC_LVT_LEVEL_TRIGGER)
static const struct {
	u32 reg;
	u32 writable;
} lvts[APIC_NR_LVT] = {
	{ APIC_LVTT, LVT_MASK | APIC_LVT_TIMER_MASK },
	{ APIC_LVTTHMR, LVT_MASK | APIC_MODE_MASK },
	{ APIC_LVTPC, LVT_MASK | APIC_MODE_MASK },
	{ APIC_LVT0, LINT_MASK },
	{ APIC_LVT1, LINT_MASK },
	{ APIC_LVTERR, LVT_MASK },
};

/* The highest vector set in the IRR/ISR/TMR at reg, or -1. KVM: find_highest_vector(). */
static int find_highest_vector(const struct kvm_lapic *apic, u32 reg)
{
	for (int i = 256 / APIC_VECTORS_PER_REG - 1; i >= 0; i--) {
		u32 word = lapic_get_reg(apic, reg + (u32)i * 0x10);

		if (word)
			return i * APIC_VECTORS_PER_REG + 31 -
			       __builtin_clz(word);
	}
	return -1;
}

static u32 *vector_word(struct kvm_lapic *apic, u32 reg, u8 vector)
{
	return &apic->regs[(reg >> APIC_REG_SHIFT) +
			   vector / APIC_VECTORS_PER_REG];
}

static u32 vector_bit(u8 vector)
{
	return 1u << (vector % APIC_VECTORS_PER_REG);
}

/*
 * PPR: the higher of TPR and the class of the highest in-service vector
 * (SDM 10.8.3.1). KVM: __apic_update_ppr().
 */
static void apic_update_ppr(struct kvm_lapic *apic)
{
	u32 tpr = lapic_get_reg(apic, APIC_TASKPRI);
	int isr = find_highest_vector(apic, APIC_ISR);
	u32 isrv = isr < 0 ? 0 : (u32)isr;
	u32 ppr = (tpr & APIC_PRIORITY_CLASS) >= (isrv & APIC_PRIORITY_CLASS) ?
		  tpr & TPR_WRITABLE : isrv & APIC_PRIORITY_CLASS;

	lapic_set_reg(apic, APIC_PROCPRI, ppr);
}

bool apic_sw_enabled(const struct kvm_lapic *apic)
{
	return lapic_get_reg(apic, APIC_SPIV) & APIC_SPIV_APIC_ENABLED;
}

/* An error the APIC detected: latched for the next ESR write, and the error LVT raised. */
static void apic_error(struct kvm_lapic *apic, u32 esr_bit)
{
	u32 lvterr = lapic_get_reg(apic, APIC_LVTERR);

	apic->esr_pending |= esr_bit;
	if (!(lvterr & APIC_LVT_MASKED) &&
	    (lvterr & APIC_VECTOR_MASK) >= APIC_FIRST_VALID_VECTOR) {
		*vector_word(apic, APIC_IRR, (u8)lvterr) |= vector_bit((u8)lvterr);
		apic->irr_pending = true;
	}
}

bool apic_set_irq(struct kvm_lapic *apic, u8 vector)
{
	if (!apic_sw_enabled(apic))
		return false;
	if (vector < APIC_FIRST_VALID_VECTOR) {
		apic_error(apic, APIC_ESR_RECVILL);
		return false;
	}
	*vector_word(apic, APIC_IRR, vector) |= vector_bit(vector);
	apic->irr_pending = true;
	return true;
}

/* apic_has_interrupt() with something in IRR. */
int apic_find_deliverable(const struct kvm_lapic *apic)
{
	int irr;

	irr = find_highest_vector(apic, APIC_IRR);
	if (irr < 0 || ((u32)irr & APIC_PRIORITY_CLASS) <=
		       lapic_get_reg(apic, APIC_PROCPRI))
		return -1;
	return irr;
}

void apic_ack_interrupt(struct kvm_lapic *apic, u8 vector)
{
	*vector_word(apic, APIC_IRR, vector) &= ~vector_bit(vector);
	apic->irr_pending = find_highest_vector(apic, APIC_IRR) >= 0;
	*vector_word(apic, APIC_ISR, vector) |= vector_bit(vector);
	apic_update_ppr(apic);
}

/* EOI retires the highest in-service vector (SDM 10.8.5). KVM: apic_set_eoi(). */
static void apic_set_eoi(struct kvm_lapic *apic)
{
	int isr = find_highest_vector(apic, APIC_ISR);

	if (isr < 0)
		return;
	*vector_word(apic, APIC_ISR, (u8)isr) &= ~vector_bit((u8)isr);
	apic_update_ppr(apic);
}

void lapic_set_cr8(struct kvm_lapic *apic, u64 cr8)
{
	lapic_set_reg(apic, APIC_TASKPRI, (u32)((cr8 & CR8_MASK) << CR8_SHIFT));
	apic_update_ppr(apic);
}

u64 lapic_get_cr8(const struct kvm_lapic *apic)
{
	return (lapic_get_reg(apic, APIC_TASKPRI) >> CR8_SHIFT) & CR8_MASK;
}

/* --- register writes --- */

static void write_lvt(struct kvm_lapic *apic, unsigned i, u32 value)
{
	u32 old_mode = apic_timer_mode(apic);

	value &= lvts[i].writable;
	/* A software-disabled APIC keeps every LVT masked (SDM 10.4.7.2). */
	if (!apic_sw_enabled(apic))
		value |= APIC_LVT_MASKED;
	lapic_set_reg(apic, lvts[i].reg, value);
	/* A change of timer mode stops the timer. KVM: apic_update_lvtt(). */
	if (lvts[i].reg == APIC_LVTT && apic_timer_mode(apic) != old_mode) {
		cancel_apic_timer(apic);
		lapic_set_reg(apic, APIC_TMICT, 0);
	}
}

static void write_spiv(struct kvm_lapic *apic, u32 value)
{
	lapic_set_reg(apic, APIC_SPIV, value & SPIV_WRITABLE);
	if (apic_sw_enabled(apic))
		return;
	for (unsigned i = 0; i < APIC_NR_LVT; i++)
		lapic_set_reg(apic, lvts[i].reg,
			lapic_get_reg(apic, lvts[i].reg) | APIC_LVT_MASKED);
}

/*
 * One vCPU: "self", "all including self", and a destination naming this
 * APIC reach it; "all but self" reaches nobody. Only fixed delivery is
 * modelled; NMI, INIT, SIPI and the rest are counted and dropped.
 * KVM: kvm_apic_send_ipi() -> kvm_irq_delivery_to_apic().
 */
static bool icr_targets_self(const struct kvm_lapic *apic, u64 icr)
{
	u32 dest = (u32)(icr >> X2APIC_ICR_DEST_SHIFT);

	switch (icr & APIC_SHORT_MASK) {
	case APIC_DEST_SELF:
	case APIC_DEST_ALLINC:
		return true;
	case APIC_DEST_ALLBUT:
		return false;
	default:
		if (dest == X2APIC_BROADCAST)
			return true;
		if (icr & APIC_DEST_LOGICAL)	/* cluster 0, bit 0: LDR */
			return (dest & lapic_get_reg(apic, APIC_LDR)) != 0;
		return dest == lapic_get_reg(apic, APIC_ID);
	}
}

static void apic_send_ipi(struct kvm_lapic *apic, u64 icr)
{
	u8 vector = (u8)(icr & APIC_VECTOR_MASK);

	if ((icr & APIC_DM_MASK) != APIC_DM_FIXED) {
		apic->ipis_dropped++;
		return;
	}
	if (vector < APIC_FIRST_VALID_VECTOR) {
		apic_error(apic, APIC_ESR_SENDILL);
		if (icr_targets_self(apic, icr))
			apic_error(apic, APIC_ESR_RECVILL);
		return;
	}
	if (icr_targets_self(apic, icr))
		apic_set_irq(apic, vector);
}

void lapic_reset(struct kvm_lapic *apic)
{
	*apic = (struct kvm_lapic){ 0 };
	lapic_set_reg(apic, APIC_ID, LAPIC_ID);
	lapic_set_reg(apic, APIC_LVR, LAPIC_VERSION_VALUE);
	/* x2APIC logical ID: cluster (ID >> 4) in 31:16, bit (ID & 15). */
	lapic_set_reg(apic, APIC_LDR,
		      ((LAPIC_ID >> 4) << 16) | (1u << (LAPIC_ID & 0xf)));
	lapic_set_reg(apic, APIC_SPIV, SPIV_RESET);
	for (unsigned i = 0; i < APIC_NR_LVT; i++)
		lapic_set_reg(apic, lvts[i].reg, APIC_LVT_MASKED);
	update_divide_count(apic);
}

static int lvt_index(u32 reg)
{
	for (unsigned i = 0; i < APIC_NR_LVT; i++)
		if (lvts[i].reg == reg)
			return (int)i;
	return -1;
}

static bool in_vector_regs(u32 reg)
{
	return reg >= APIC_ISR && reg < APIC_ESR;	/* ISR, TMR, IRR */
}

bool x2apic_msr_read(struct kvm_lapic *apic, u32 msr, u64 now, u64 *value)
{
	u32 reg = (msr - APIC_BASE_MSR) << APIC_REG_SHIFT;

	if (msr < APIC_BASE_MSR || msr > APIC_BASE_MSR_LAST)
		return false;
	switch (reg) {
	case APIC_ICR:
		*value = ((u64)lapic_get_reg(apic, APIC_ICR2) <<
			  X2APIC_ICR_DEST_SHIFT) |
			 lapic_get_reg(apic, APIC_ICR);
		return true;
	case APIC_TMCCT:
		*value = apic_get_tmcct(apic, now);
		return true;
	case APIC_ID: case APIC_LVR: case APIC_TASKPRI: case APIC_PROCPRI:
	case APIC_LDR: case APIC_SPIV: case APIC_ESR: case APIC_TMICT:
	case APIC_TDCR:
		*value = lapic_get_reg(apic, reg);
		return true;
	default:
		if (!in_vector_regs(reg) && lvt_index(reg) < 0)
			return false;	/* EOI, SELF_IPI, or no register */
		*value = lapic_get_reg(apic, reg);
		return true;
	}
}

bool x2apic_msr_write(struct kvm_lapic *apic, u32 msr, u64 value, u64 now)
{
	u32 reg = (msr - APIC_BASE_MSR) << APIC_REG_SHIFT, v = (u32)value;
	int lvt;

	if (msr < APIC_BASE_MSR || msr > APIC_BASE_MSR_LAST)
		return false;
	if (reg == APIC_ICR) {
		if (value & X2APIC_ICR_RESERVED_BITS)
			return false;
		lapic_set_reg(apic, APIC_ICR, v);
		lapic_set_reg(apic, APIC_ICR2,
			      (u32)(value >> X2APIC_ICR_DEST_SHIFT));
		apic_send_ipi(apic, value);
		return true;
	}
	if (value >> 32)	/* bits 63:32 are reserved elsewhere */
		return false;
	switch (reg) {
	case APIC_TASKPRI:
		lapic_set_reg(apic, APIC_TASKPRI, v & TPR_WRITABLE);
		apic_update_ppr(apic);
		return true;
	case APIC_EOI:
		if (v)		/* x2APIC: a non-zero EOI write is #GP */
			return false;
		apic_set_eoi(apic);
		return true;
	case APIC_SPIV:
		write_spiv(apic, v);
		return true;
	case APIC_ESR:
		if (v)		/* x2APIC: a non-zero ESR write is #GP */
			return false;
		lapic_set_reg(apic, APIC_ESR, apic->esr_pending);
		apic->esr_pending = 0;
		return true;
	case APIC_TMICT:
		if (apic_timer_mode(apic) == APIC_LVT_TIMER_TSCDEADLINE)
			return true;	/* ignored in this mode */
		lapic_set_reg(apic, APIC_TMICT, v);
		start_apic_timer(apic, now);
		return true;
	case APIC_TDCR:
		lapic_set_reg(apic, APIC_TDCR, v & APIC_TDCR_MASK);
		update_divide_count(apic);
		return true;
	case APIC_SELF_IPI:
		apic_send_ipi(apic, APIC_DEST_SELF | (v & APIC_VECTOR_MASK));
		return true;
	default:
		lvt = lvt_index(reg);
		if (lvt < 0)
			return false;	/* read-only, or no register */
		write_lvt(apic, (unsigned)lvt, v);
		return true;
	}
}
