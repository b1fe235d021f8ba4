/* tests/unit/test_lapic.c - host tests for vmm/lapic.c and vmm/lapic_timer.c: x2APIC registers, priorities, EOI and ISR, self-IPIs, the timer in its three modes. unit-sources: vmm/lapic_timer.c */
#include <criterion/criterion.h>
#include "../../vmm/lapic.h"
#include "../../include/apicdef.h"
#include "../../include/x86.h"

#define MSR(reg)	(APIC_BASE_MSR + ((reg) >> APIC_REG_SHIFT))
#define SPURIOUS	0xff
#define T0		1000000ull	/* a TSC value to start from */

static struct kvm_lapic apic;

static u64 rd(u32 reg)
{
	u64 v = 0xdeadbeef;

	cr_assert(x2apic_msr_read(&apic, MSR(reg), T0, &v),
		  "read of %#x refused", reg);
	return v;
}

static void wr(u32 reg, u64 v)
{
	cr_assert(x2apic_msr_write(&apic, MSR(reg), v, T0),
		  "write of %#x refused", reg);
}

/* A reset APIC that Linux has software-enabled, as setup_local_APIC() does. */
static void enabled_apic(void)
{
	lapic_reset(&apic);
	wr(APIC_SPIV, APIC_SPIV_APIC_ENABLED | SPURIOUS);
}

/* Inject what the APIC offers, as interrupt.c does at VM entry. */
static int deliver(void)
{
	int v = apic_has_interrupt(&apic);

	if (v >= 0)
		apic_ack_interrupt(&apic, (u8)v);
	return v;
}

/* Does reset give ID 0, version 0x14 with 6 LVTs, LDR 1, a disabled SVR and masked LVTs? */
Test(lapic, reset_state_as_sdm)
{
	lapic_reset(&apic);
	cr_assert_eq(rd(APIC_ID), 0);
	cr_assert_eq(rd(APIC_LVR), 0x50014);
	cr_assert_eq(rd(APIC_LDR), 1);
	cr_assert_eq(rd(APIC_SPIV), 0xff);
	cr_assert_eq(rd(APIC_LVTT), APIC_LVT_MASKED);
	cr_assert_eq(rd(APIC_LVTERR), APIC_LVT_MASKED);
	cr_assert_eq(rd(APIC_TASKPRI), 0);
	cr_assert(!apic_sw_enabled(&apic));
}

/* Are registers x2APIC mode lacks, and wrong-direction accesses, refused (#GP)? */
Test(lapic, missing_and_wrong_direction_refused)
{
	u64 v;

	lapic_reset(&apic);
	cr_assert(!x2apic_msr_read(&apic, MSR(APIC_EOI), T0, &v));
	cr_assert(!x2apic_msr_read(&apic, MSR(APIC_SELF_IPI), T0, &v));
	cr_assert(!x2apic_msr_read(&apic, MSR(APIC_DFR), T0, &v));
	cr_assert(!x2apic_msr_read(&apic, MSR(APIC_ICR2), T0, &v));
	cr_assert(!x2apic_msr_read(&apic, MSR(APIC_LVTCMCI), T0, &v));
	cr_assert(!x2apic_msr_write(&apic, MSR(APIC_ID), 1, T0));
	cr_assert(!x2apic_msr_write(&apic, MSR(APIC_LDR), 1, T0));
	cr_assert(!x2apic_msr_write(&apic, MSR(APIC_PROCPRI), 0, T0));
	cr_assert(!x2apic_msr_write(&apic, MSR(APIC_IRR), 0, T0));
	cr_assert(!x2apic_msr_write(&apic, MSR(APIC_TMCCT), 0, T0));
	cr_assert(!x2apic_msr_write(&apic, MSR(APIC_EOI), 1, T0));
	cr_assert(!x2apic_msr_write(&apic, MSR(APIC_ESR), 1, T0));
	cr_assert(!x2apic_msr_write(&apic, MSR(APIC_TASKPRI), 1ull << 32, T0));
	cr_assert(!x2apic_msr_write(&apic, MSR(APIC_ICR), 1ull << 20, T0));
	cr_assert(!x2apic_msr_write(&apic, 0x7ff, 0, T0));
}

/* Does a software-disabled APIC drop interrupts and keep LVTs masked? */
Test(lapic, sw_disabled_drops_and_masks)
{
	lapic_reset(&apic);
	cr_assert(!apic_set_irq(&apic, 0x40));
	cr_assert_eq(apic_has_interrupt(&apic), -1);
	wr(APIC_LVTT, 0xec);
	cr_assert_eq(rd(APIC_LVTT), APIC_LVT_MASKED | 0xec);

	enabled_apic();
	wr(APIC_LVTT, 0xec);
	cr_assert_eq(rd(APIC_LVTT), 0xec);
	wr(APIC_SPIV, SPURIOUS);	/* disabling masks them all again */
	cr_assert(rd(APIC_LVTT) & APIC_LVT_MASKED);
}

/* Is the highest vector delivered first, and ISR/PPR set on delivery? */
Test(lapic, highest_vector_first_isr_and_ppr)
{
	enabled_apic();
	apic_set_irq(&apic, 0x31);
	apic_set_irq(&apic, 0xf3);
	apic_set_irq(&apic, 0xec);
	cr_assert_eq(rd(APIC_IRR + 0x70), 1u << (0xf3 - 0xe0) | 1u << (0xec - 0xe0));
	cr_assert_eq(deliver(), 0xf3);
	cr_assert_eq(rd(APIC_ISR + 0x70), 1u << (0xf3 - 0xe0));
	cr_assert_eq(rd(APIC_PROCPRI), 0xf0);
	/* 0xec is in a lower class than the one in service: it waits. */
	cr_assert_eq(apic_has_interrupt(&apic), -1);
	wr(APIC_EOI, 0);
	cr_assert_eq(rd(APIC_ISR + 0x70), 0);
	cr_assert_eq(rd(APIC_PROCPRI), 0);
	cr_assert_eq(deliver(), 0xec);
	wr(APIC_EOI, 0);
	cr_assert_eq(deliver(), 0x31);
	wr(APIC_EOI, 0);
	cr_assert_eq(deliver(), -1);
}

/* Does a higher class preempt one in service, and EOI retire the higher first? */
Test(lapic, nested_interrupts_eoi_highest_first)
{
	enabled_apic();
	apic_set_irq(&apic, 0x41);
	cr_assert_eq(deliver(), 0x41);
	apic_set_irq(&apic, 0x45);	/* same class: waits */
	cr_assert_eq(apic_has_interrupt(&apic), -1);
	apic_set_irq(&apic, 0x80);	/* higher class: preempts */
	cr_assert_eq(deliver(), 0x80);
	cr_assert_eq(rd(APIC_PROCPRI), 0x80);
	wr(APIC_EOI, 0);		/* retires 0x80, not 0x41 */
	cr_assert_eq(rd(APIC_ISR + 0x20), 1u << 1);
	cr_assert_eq(rd(APIC_PROCPRI), 0x40);
	wr(APIC_EOI, 0);
	cr_assert_eq(deliver(), 0x45);
}

/* Does TPR hold back vectors at or below its class, and CR8 mirror TPR[7:4]? */
Test(lapic, tpr_blocks_lower_classes)
{
	enabled_apic();
	wr(APIC_TASKPRI, 0x50);
	cr_assert_eq(rd(APIC_PROCPRI), 0x50);
	apic_set_irq(&apic, 0x5f);
	cr_assert_eq(apic_has_interrupt(&apic), -1);
	apic_set_irq(&apic, 0x60);
	cr_assert_eq(apic_has_interrupt(&apic), 0x60);
	cr_assert_eq(lapic_get_cr8(&apic), 5);
	lapic_set_cr8(&apic, 0);
	cr_assert_eq(rd(APIC_TASKPRI), 0);
	cr_assert_eq(deliver(), 0x60);
	wr(APIC_EOI, 0);
	cr_assert_eq(deliver(), 0x5f);
}

/* Do SELF_IPI and ICR to self (shorthand, own ID, broadcast) raise the vector, and "all but self" not? */
Test(lapic, self_ipi_paths)
{
	enabled_apic();
	wr(APIC_SELF_IPI, 0x51);
	cr_assert_eq(deliver(), 0x51);
	wr(APIC_EOI, 0);
	wr(APIC_ICR, APIC_DEST_SELF | 0x52);
	cr_assert_eq(deliver(), 0x52);
	wr(APIC_EOI, 0);
	wr(APIC_ICR, (0ull << X2APIC_ICR_DEST_SHIFT) | 0x53);	/* physical ID 0 */
	cr_assert_eq(deliver(), 0x53);
	wr(APIC_EOI, 0);
	wr(APIC_ICR, ((u64)X2APIC_BROADCAST << X2APIC_ICR_DEST_SHIFT) | 0x54);
	cr_assert_eq(deliver(), 0x54);
	wr(APIC_EOI, 0);
	wr(APIC_ICR, APIC_DEST_ALLBUT | 0x55);
	wr(APIC_ICR, (5ull << X2APIC_ICR_DEST_SHIFT) | 0x56);	/* another CPU */
	cr_assert_eq(deliver(), -1);
	cr_assert_eq(rd(APIC_ICR), (5ull << X2APIC_ICR_DEST_SHIFT) | 0x56);
	wr(APIC_ICR, APIC_DEST_SELF | 0x400 | 2);	/* NMI: not modelled */
	cr_assert_eq(apic.ipis_dropped, 1);
}

/* Is an illegal vector refused and latched in ESR at the next ESR write? */
Test(lapic, illegal_vector_sets_esr)
{
	enabled_apic();
	wr(APIC_SELF_IPI, 5);
	cr_assert_eq(deliver(), -1);
	cr_assert_eq(rd(APIC_ESR), 0);		/* not latched yet */
	wr(APIC_ESR, 0);
	cr_assert_eq(rd(APIC_ESR), APIC_ESR_SENDILL | APIC_ESR_RECVILL);
	wr(APIC_ESR, 0);
	cr_assert_eq(rd(APIC_ESR), 0);
}

/* Does the TSC-deadline timer fire at the deadline, not before, once, then disarm? */
Test(lapic, tsc_deadline_fires_once_at_deadline)
{
	enabled_apic();
	wr(APIC_LVTT, APIC_LVT_TIMER_TSCDEADLINE | 0xec);
	lapic_set_tscdeadline_msr(&apic, T0 + 500);
	cr_assert_eq(lapic_get_tscdeadline_msr(&apic), T0 + 500);
	cr_assert_eq(lapic_next_deadline(&apic), T0 + 500);
	cr_assert(!lapic_timer_poll(&apic, T0 + 499));
	cr_assert_eq(apic_has_interrupt(&apic), -1);
	cr_assert(lapic_timer_poll(&apic, T0 + 500));
	cr_assert_eq(deliver(), 0xec);
	cr_assert_eq(lapic_get_tscdeadline_msr(&apic), 0);
	cr_assert_eq(lapic_next_deadline(&apic), LAPIC_NO_DEADLINE);
	cr_assert(!lapic_timer_poll(&apic, T0 + 10000));
}

/* Is a deadline ignored outside deadline mode, zero a disarm, and a mode change a cancel? */
Test(lapic, tsc_deadline_mode_rules)
{
	enabled_apic();
	lapic_set_tscdeadline_msr(&apic, T0 + 5);	/* one-shot mode */
	cr_assert_eq(lapic_next_deadline(&apic), LAPIC_NO_DEADLINE);
	wr(APIC_LVTT, APIC_LVT_TIMER_TSCDEADLINE | 0xec);
	lapic_set_tscdeadline_msr(&apic, T0 + 5);
	lapic_set_tscdeadline_msr(&apic, 0);
	cr_assert_eq(lapic_next_deadline(&apic), LAPIC_NO_DEADLINE);
	lapic_set_tscdeadline_msr(&apic, T0 + 5);
	wr(APIC_LVTT, APIC_LVT_TIMER_ONESHOT | 0xec);
	cr_assert_eq(lapic_next_deadline(&apic), LAPIC_NO_DEADLINE);
}

/* Does a masked timer expire without raising its vector? */
Test(lapic, masked_timer_raises_nothing)
{
	enabled_apic();
	wr(APIC_LVTT, APIC_LVT_MASKED | APIC_LVT_TIMER_TSCDEADLINE | 0xec);
	lapic_set_tscdeadline_msr(&apic, T0);
	cr_assert(lapic_timer_poll(&apic, T0));
	cr_assert_eq(apic_has_interrupt(&apic), -1);
}

/* Does one-shot count TMICT x divisor TSC ticks, and TMCCT count down? */
Test(lapic, oneshot_counts_with_divisor)
{
	u64 count;

	enabled_apic();
	wr(APIC_TDCR, 0x3);		/* divide by 16 */
	wr(APIC_LVTT, APIC_LVT_TIMER_ONESHOT | 0xec);
	wr(APIC_TMICT, 100);		/* at T0: fires at T0 + 1600 */
	cr_assert_eq(lapic_next_deadline(&apic), T0 + 1600);
	cr_assert(x2apic_msr_read(&apic, MSR(APIC_TMCCT), T0 + 800, &count));
	cr_assert_eq(count, 50);
	cr_assert(!lapic_timer_poll(&apic, T0 + 1599));
	cr_assert(lapic_timer_poll(&apic, T0 + 1600));
	cr_assert_eq(deliver(), 0xec);
	cr_assert_eq(lapic_next_deadline(&apic), LAPIC_NO_DEADLINE);
	cr_assert_eq(rd(APIC_TMICT), 100);
}

/* Does periodic mode re-arm one period later, collapsing missed periods? */
Test(lapic, periodic_rearms)
{
	enabled_apic();
	wr(APIC_TDCR, 0xb);		/* divide by 1 */
	wr(APIC_LVTT, APIC_LVT_TIMER_PERIODIC | 0xec);
	wr(APIC_TMICT, 1000);
	cr_assert(lapic_timer_poll(&apic, T0 + 1000));
	cr_assert_eq(lapic_next_deadline(&apic), T0 + 2000);
	cr_assert(lapic_timer_poll(&apic, T0 + 4500));	/* three periods late */
	cr_assert_eq(lapic_next_deadline(&apic), T0 + 5000);
	cr_assert_eq(apic.timer_fired, 2);
	wr(APIC_TMICT, 0);		/* stops */
	cr_assert_eq(lapic_next_deadline(&apic), LAPIC_NO_DEADLINE);
}

/* Is the error LVT raised on an error when unmasked? */
Test(lapic, error_lvt_raised)
{
	enabled_apic();
	wr(APIC_LVTERR, 0xfe);
	wr(APIC_SELF_IPI, 1);
	cr_assert_eq(deliver(), 0xfe);
}
