/* guest-pv/lib/apic.h - the guest's local APIC, x2APIC mode: enable it, end each interrupt with an EOI. Linux: arch/x86/include/asm/apic.h (apic_eoi), arch/x86/kernel/apic/x2apic_phys.c. */
#ifndef GUEST_APIC_H
#define GUEST_APIC_H

#include "../../include/apicdef.h"
#include "../../include/x86.h"
#include "processor.h"

#define SPURIOUS_APIC_VECTOR	0xff	/* Linux's */

static inline u32 x2apic_msr(u32 reg)
{
	return APIC_BASE_MSR + (reg >> APIC_REG_SHIFT);
}

/*
 * The APIC comes out of reset software-disabled, and a disabled APIC
 * drops every interrupt: enable it before anything may interrupt. Linux:
 * setup_local_APIC().
 */
static inline void apic_setup(void)
{
	wrmsrl(x2apic_msr(APIC_TASKPRI), 0);
	wrmsrl(x2apic_msr(APIC_SPIV),
	       APIC_SPIV_APIC_ENABLED | SPURIOUS_APIC_VECTOR);
}

/*
 * End of interrupt: the in-service vector is retired, so interrupts of
 * its priority class and below can come again. A handler that may switch
 * tasks sends it first, as Linux's sysvec handlers do, or the vector
 * would stay in service while another task runs. Linux: apic_eoi().
 */
static inline void apic_eoi(void)
{
	wrmsrl(x2apic_msr(APIC_EOI), 0);
}

#endif
