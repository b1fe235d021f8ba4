/* boot/tsc_freq.c - the arithmetic of TSC calibration. Linux: arch/x86/kernel/tsc.c (native_calibrate_tsc, pit_hpet_ptimer_calibrate_cpu), drivers/clocksource/acpi_pm.c. */
#include "tsc_freq.h"

#define PPM		1000000ull
#define HZ_PER_KHZ	1000ull
#define HZ_PER_MHZ	1000000ull

const char *tsc_source_name(enum tsc_source s)
{
	static const char *const names[] = {
		[TSC_SOURCE_KVM] = "kvm",
		[TSC_SOURCE_CPUID_15] = "cpuid_15",
		[TSC_SOURCE_CPUID_16] = "cpuid_16",
		[TSC_SOURCE_PMTIMER] = "pmtimer",
		[TSC_SOURCE_STALL] = "stall",
	};

	return names[s];
}

/* SDM Vol. 2A, CPUID leaf 15H: TSC = crystal x EBX / EAX. */
u64 tsc_hz_from_cpuid_15(u32 eax_denominator, u32 ebx_numerator,
			 u32 ecx_crystal_hz)
{
	if (!eax_denominator || !ebx_numerator || !ecx_crystal_hz)
		return 0;
	return (u64)ecx_crystal_hz * ebx_numerator / eax_denominator;
}

u64 tsc_hz_from_cpuid_16(u32 eax_base_mhz)
{
	return (u64)(eax_base_mhz & 0xffff) * HZ_PER_MHZ;	/* bits 15:0 */
}

u64 tsc_hz_from_kvm(u32 eax_tsc_khz)
{
	return (u64)eax_tsc_khz * HZ_PER_KHZ;
}

u64 pm_timer_elapsed(u32 t0, u32 t1, u64 mask)
{
	return ((u64)t1 - t0) & mask;
}

u64 tsc_hz_from_pm_timer(u64 tsc_ticks, u64 pm_ticks)
{
	if (!pm_ticks)
		return 0;
	/* tsc_ticks < 2^40 for any calibration window: no overflow. */
	return (tsc_ticks * ACPI_PM_TIMER_HZ + pm_ticks / 2) / pm_ticks;
}

u64 tsc_samples_median(u64 *hz, unsigned n, u32 *spread_ppm)
{
	u64 median;

	for (unsigned i = 1; i < n; i++)	/* insertion sort: n is tiny */
		for (unsigned j = i; j > 0 && hz[j - 1] > hz[j]; j--) {
			u64 t = hz[j];

			hz[j] = hz[j - 1];
			hz[j - 1] = t;
		}
	if (!n) {
		*spread_ppm = 0;
		return 0;
	}
	median = n % 2 ? hz[n / 2] : (hz[n / 2 - 1] + hz[n / 2]) / 2;
	*spread_ppm = median ? (u32)MIN((hz[n - 1] - hz[0]) * PPM / median,
					0xffffffffull) : 0;
	return median;
}

u32 tsc_ppm_apart(u64 a, u64 b)
{
	u64 d = a > b ? a - b : b - a;

	if (!b)
		return 0xffffffffu;
	return (u32)MIN(d * PPM / b, 0xffffffffull);
}

bool tsc_enumerated_believable(u64 enumerated_hz, u64 measured_hz)
{
	if (!enumerated_hz)
		return false;
	return !measured_hz ||
	       tsc_ppm_apart(enumerated_hz, measured_hz) <= TSC_ENUM_TOLERANCE_PPM;
}
