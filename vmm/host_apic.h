/* vmm/host_apic.h - the host's own local APIC: quiet it, and end an interrupt, in xAPIC or x2APIC mode. */
#ifndef FAULTLINE_HOST_APIC_H
#define FAULTLINE_HOST_APIC_H

#include "../include/types.h"

enum host_apic_mode {
	HOST_APIC_OFF,		/* disabled by the firmware: nothing to do */
	HOST_APIC_XAPIC,	/* registers in MMIO at IA32_APIC_BASE */
	HOST_APIC_X2APIC,	/* registers are MSRs 0x800 + offset / 16 */
};

/*
 * Read the mode the firmware left, and mask the LVT entries that could
 * interrupt faultline (timer, and thermal/performance/error where the
 * APIC has them). Returns the mode, for the boot line.
 */
enum host_apic_mode host_apic_init(void);

/* End-of-interrupt for a host interrupt acknowledged on VM exit. */
void host_apic_eoi(void);

/* An NMI to this CPU through its own ICR (demo_fault=host_nmi); false without an APIC. */
bool host_apic_self_nmi(void);

const char *host_apic_mode_name(enum host_apic_mode mode);

#endif
