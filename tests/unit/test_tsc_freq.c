/* tests/unit/test_tsc_freq.c - host tests for boot/tsc_freq.c: TSC Hz from CPUID leaves and the ACPI PM timer, the median and spread, when an enumerated frequency is believed. */
#include <criterion/criterion.h>
#include "../../boot/tsc_freq.h"

/* Does CPUID 0x15 give crystal x EBX / EAX, and 0 when a field is 0? */
Test(tsc_freq, cpuid_15_table)
{
	static const struct { u32 a, b, c; u64 want; } cases[] = {
		{ 2, 176, 24000000, 2112000000 },	/* Skylake client: 24 MHz crystal */
		{ 2, 200, 25000000, 2500000000ull },	/* Skylake server: 25 MHz */
		{ 0, 176, 24000000, 0 },
		{ 2, 0, 24000000, 0 },
		{ 2, 176, 0, 0 },		/* crystal not enumerated */
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		cr_assert_eq(tsc_hz_from_cpuid_15(cases[i].a, cases[i].b,
						  cases[i].c), cases[i].want,
			     "case %zu", i);
}

/* Are 0x16's MHz (bits 15:0 only) and KVM's kHz scaled to Hz? */
Test(tsc_freq, cpuid_16_and_kvm)
{
	cr_assert_eq(tsc_hz_from_cpuid_16(3400), 3400000000ull);
	cr_assert_eq(tsc_hz_from_cpuid_16(0xabcd0000 | 2000), 2000000000ull);
	cr_assert_eq(tsc_hz_from_cpuid_16(0), 0);
	cr_assert_eq(tsc_hz_from_kvm(2999998), 2999998000ull);
}

/* Does the PM timer's elapsed count survive a wrap of its 24- or 32-bit counter? */
Test(tsc_freq, pm_timer_wraps)
{
	cr_assert_eq(pm_timer_elapsed(100, 35895, ACPI_PM_TIMER_MASK_24),
		     35795);
	cr_assert_eq(pm_timer_elapsed(0xfffff0, 0x10, ACPI_PM_TIMER_MASK_24),
		     0x20);
	cr_assert_eq(pm_timer_elapsed(0xfffffff0u, 0x10,
				      ACPI_PM_TIMER_MASK_32), 0x20);
}

/* Does 10 ms of PM timer (35795.45 ticks) against 30 M TSC ticks give 3 GHz, rounded? */
Test(tsc_freq, hz_from_pm_timer)
{
	cr_assert_eq(tsc_hz_from_pm_timer(3000000000ull, ACPI_PM_TIMER_HZ),
		     3000000000ull);
	cr_assert_eq(tsc_hz_from_pm_timer(30000000, 35795), 3000037715ull);
	cr_assert_eq(tsc_hz_from_pm_timer(30000000, 0), 0);
}

/* Is the median the middle sample (mean of the middle two for even n), and the spread (max-min)/median in ppm? */
Test(tsc_freq, median_and_spread)
{
	u64 odd[] = { 3000300000ull, 2999700000ull, 3000000000ull };
	u64 even[] = { 10, 40, 20, 30 };
	u64 one[] = { 5 };
	u32 spread;

	cr_assert_eq(tsc_samples_median(odd, 3, &spread), 3000000000ull);
	cr_assert_eq(spread, 200);
	cr_assert_eq(tsc_samples_median(even, 4, &spread), 25);
	cr_assert_eq(spread, 1200000);
	cr_assert_eq(tsc_samples_median(one, 1, &spread), 5);
	cr_assert_eq(spread, 0);
	cr_assert_eq(tsc_samples_median(one, 0, &spread), 0);
}

/* Is an enumerated frequency believed within 2% of the measurement only, and alone when nothing was measured? */
Test(tsc_freq, enumerated_believable)
{
	cr_assert(tsc_enumerated_believable(2112000000, 2111900000));
	cr_assert(tsc_enumerated_believable(3000000000ull, 0));
	/* Bochs: a Skylake-X's nominal 0x16 vs a TSC at ips=3e9 ... */
	cr_assert_not(tsc_enumerated_believable(3600000000ull, 3000000000ull));
	cr_assert_not(tsc_enumerated_believable(0, 3000000000ull));
	cr_assert_eq(tsc_ppm_apart(101, 100), 10000);
	cr_assert_eq(tsc_ppm_apart(1, 0), 0xffffffffu);
}
