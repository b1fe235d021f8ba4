/* boot/tsc_freq.h - the arithmetic of TSC calibration: frequencies from CPUID leaves and from the ACPI PM timer, and the choice between them. Pure C: host tests compile it. */
#ifndef FAULTLINE_TSC_FREQ_H
#define FAULTLINE_TSC_FREQ_H

#include "../include/types.h"

#define ACPI_PM_TIMER_HZ	3579545ull	/* ACPI spec 4.8.2.1: 3.579545 MHz */
#define ACPI_PM_TIMER_MASK_24	0xffffffull	/* without FADT TMR_VAL_EXT */
#define ACPI_PM_TIMER_MASK_32	0xffffffffull

/* Where tsc_hz came from, best first; the summary's tsc_source=. */
enum tsc_source {
	TSC_SOURCE_KVM,		/* CPUID 0x40000010 EAX: the hypervisor's TSC kHz */
	TSC_SOURCE_CPUID_15,	/* CPUID 0x15: crystal Hz x EBX / EAX */
	TSC_SOURCE_CPUID_16,	/* CPUID 0x16 EAX: base MHz (nominal) */
	TSC_SOURCE_PMTIMER,	/* measured against the ACPI PM timer */
	TSC_SOURCE_STALL,	/* measured across the firmware's Stall() */
};

const char *tsc_source_name(enum tsc_source s);

struct tsc_calibration {
	u64 hz;
	enum tsc_source source;
	/*
	 * How far apart the measurements were (max - min, ppm of hz); for
	 * an enumerated frequency, how far the measurement was from it.
	 */
	u32 spread_ppm;
};

/* This run's, from boot/tsc.c, for the summary. */
extern struct tsc_calibration tsc_calibration;

/* 0 when the leaf does not enumerate a frequency (a zero field). */
u64 tsc_hz_from_cpuid_15(u32 eax_denominator, u32 ebx_numerator,
			 u32 ecx_crystal_hz);
u64 tsc_hz_from_cpuid_16(u32 eax_base_mhz);
u64 tsc_hz_from_kvm(u32 eax_tsc_khz);

/* PM timer ticks from t0 to t1 on a counter of mask's width (it wraps). */
u64 pm_timer_elapsed(u32 t0, u32 t1, u64 mask);
/* TSC Hz from tsc_ticks that took pm_ticks of the PM timer; 0 if pm_ticks is 0. */
u64 tsc_hz_from_pm_timer(u64 tsc_ticks, u64 pm_ticks);

/*
 * n measurements (sorted in place): the median, and the spread
 * (max - min) in parts per million of it.
 */
u64 tsc_samples_median(u64 *hz, unsigned n, u32 *spread_ppm);

/* |a - b| in ppm of b (b > 0); saturates at 0xffffffff. */
u32 tsc_ppm_apart(u64 a, u64 b);

/*
 * Whether an enumerated frequency can be believed, given a measurement
 * (0: none): it must agree within TSC_ENUM_TOLERANCE_PPM. An emulator may
 * enumerate the modelled chip's frequency while its TSC runs at another
 * rate (Bochs: one tick per instruction, ips per second).
 */
#define TSC_ENUM_TOLERANCE_PPM	20000	/* 2%: CPUID 0x16 is only nominal */
bool tsc_enumerated_believable(u64 enumerated_hz, u64 measured_hz);

#endif
