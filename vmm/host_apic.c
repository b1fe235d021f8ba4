/* vmm/host_apic.c - the host's local APIC as faultline leaves it: LVT entries masked, EOI for what still arrives; xAPIC (MMIO) or x2APIC (MSRs). Linux: arch/x86/kernel/apic/apic.c (clear_local_APIC), x2apic_phys.c. */
#include "host_apic.h"
#include "portio.h"
#include "../include/x86.h"

/*
 * Register offsets in the xAPIC page (SDM Vol. 3A Table 11-1). In x2APIC
 * mode the same register is MSR 0x800 + offset / 16 (Table 11-6), and an
 * MMIO access reaches nothing: firmware that hands over in x2APIC mode
 * would never see its timer masked nor its EOI otherwise. Bochs runs
 * OVMF in xAPIC mode, so the x2APIC path follows the SDM unexercised by
 * the default boot tests.
 */
#define APIC_ID			0x20	/* xAPIC: bits 31:24; x2APIC: all 32 */
#define APIC_XAPIC_ID_SHIFT	24
#define APIC_LVR		0x30	/* version: bits 23:16 max LVT entry */
#define APIC_ICR		0x300	/* x2APIC: one 64-bit MSR, dest in 63:32 */
#define APIC_ICR2		0x310	/* xAPIC: destination in bits 31:24 */
#define APIC_DM_NMI		0x400	/* delivery mode NMI, bits 10:8 = 100b */
#define APIC_ICR_BUSY		BIT(12)	/* xAPIC delivery status */
#define APIC_ICR_SPINS		100000
#define APIC_EOI		0xb0
#define APIC_LVTT		0x320	/* timer */
#define APIC_LVTTHMR		0x330	/* thermal sensor, max LVT >= 5 */
#define APIC_LVTPC		0x340	/* performance counters, max LVT >= 4 */
#define APIC_LVTERR		0x370
#define APIC_LVT_MASKED		BIT(16)
#define APIC_MAXLVT_SHIFT	16
#define APIC_MAXLVT_MASK	0xff
#define APIC_MAXLVT_PC		4
#define APIC_MAXLVT_THMR	5
#define APIC_X2APIC_MSR_BASE	0x800
#define APIC_X2APIC_MSR_SHIFT	4	/* offset / 16 */
#define MSR_IA32_APICBASE_ENABLE BIT(11)
#define MSR_IA32_APICBASE_X2APIC BIT(10)

static enum host_apic_mode mode;
static u64 xapic_base;

static u32 apic_read(u32 reg)
{
	if (mode == HOST_APIC_X2APIC)
		return (u32)rdmsr(APIC_X2APIC_MSR_BASE +
				  (reg >> APIC_X2APIC_MSR_SHIFT));
	return *(volatile u32 *)(uintptr_t)(xapic_base + reg);
}

static void apic_write(u32 reg, u32 value)
{
	if (mode == HOST_APIC_X2APIC)
		wrmsr(APIC_X2APIC_MSR_BASE + (reg >> APIC_X2APIC_MSR_SHIFT),
		      value);
	else
		*(volatile u32 *)(uintptr_t)(xapic_base + reg) = value;
}

static void mask_lvt(u32 reg)
{
	apic_write(reg, apic_read(reg) | APIC_LVT_MASKED);
}

enum host_apic_mode host_apic_init(void)
{
	u64 base = rdmsr(MSR_IA32_APICBASE);
	u32 maxlvt;

	if (!(base & MSR_IA32_APICBASE_ENABLE)) {
		mode = HOST_APIC_OFF;
		return mode;
	}
	mode = base & MSR_IA32_APICBASE_X2APIC ? HOST_APIC_X2APIC
					       : HOST_APIC_XAPIC;
	xapic_base = base & MSR_IA32_APICBASE_BASE;
	/*
	 * Only entries the APIC has: in x2APIC mode a missing register's
	 * MSR raises #GP. LINT0/LINT1 stay as the firmware set them (the
	 * 8259 behind LINT0 is masked; LINT1 is the NMI line, and an NMI
	 * in VMX root is counted, boot/isr.asm).
	 */
	maxlvt = (apic_read(APIC_LVR) >> APIC_MAXLVT_SHIFT) & APIC_MAXLVT_MASK;
	mask_lvt(APIC_LVTT);
	mask_lvt(APIC_LVTERR);
	if (maxlvt >= APIC_MAXLVT_PC)
		mask_lvt(APIC_LVTPC);
	if (maxlvt >= APIC_MAXLVT_THMR)
		mask_lvt(APIC_LVTTHMR);
	return mode;
}

/* The x2APIC EOI MSR takes only 0 (a non-zero write is #GP); xAPIC ignores the value. */
void host_apic_eoi(void)
{
	if (mode != HOST_APIC_OFF)
		apic_write(APIC_EOI, 0);
}

/*
 * Send this CPU an NMI, as a watchdog or another CPU could: physical
 * destination = its own APIC ID (the "self" shorthand is not valid with
 * NMI delivery, SDM Vol. 3A 11.6.1). Used by demo_fault=host_nmi to show
 * that an NMI in VMX root is survived. Returns false without an APIC.
 */
bool host_apic_self_nmi(void)
{
	if (mode == HOST_APIC_OFF)
		return false;
	if (mode == HOST_APIC_X2APIC) {
		u64 id = rdmsr(APIC_X2APIC_MSR_BASE +
			       (APIC_ID >> APIC_X2APIC_MSR_SHIFT));

		wrmsr(APIC_X2APIC_MSR_BASE + (APIC_ICR >> APIC_X2APIC_MSR_SHIFT),
		      id << 32 | APIC_DM_NMI);
		return true;
	}
	apic_write(APIC_ICR2, apic_read(APIC_ID) >> APIC_XAPIC_ID_SHIFT <<
			      APIC_XAPIC_ID_SHIFT);
	apic_write(APIC_ICR, APIC_DM_NMI);
	for (int spins = 0; spins < APIC_ICR_SPINS; spins++)
		if (!(apic_read(APIC_ICR) & APIC_ICR_BUSY))
			break;
	return true;
}

const char *host_apic_mode_name(enum host_apic_mode m)
{
	static const char *const names[] = {
		[HOST_APIC_OFF] = "off",
		[HOST_APIC_XAPIC] = "xAPIC",
		[HOST_APIC_X2APIC] = "x2APIC",
	};

	return names[m];
}
