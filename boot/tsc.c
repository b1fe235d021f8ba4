/* boot/tsc.c - find the TSC frequency: enumerated by CPUID (the hypervisor's leaf 0x40000010, 0x15, 0x16) where it agrees with a measurement, else measured against the ACPI PM timer with interrupts off, else across the firmware's Stall(). Linux: arch/x86/kernel/tsc.c (determine_cpu_tsc_frequencies), arch/x86/kernel/kvmclock.c. */
#include "tsc.h"
#include "acpi_pm.h"
#include "console.h"
#include "../vmm/portio.h"
#include "../include/lib.h"
#include "../include/x86.h"

#define CPUID_TSC_CRYSTAL	0x15
#define CPUID_FREQUENCY		0x16
#define CPUID_HYPERVISOR_BASE	0x40000000u
#define CPUID_HYPERVISOR_TSC	0x40000010u	/* EAX: TSC kHz (KVM/VMware) */
#define PM_SAMPLES		5
#define PM_WINDOW_TICKS		(ACPI_PM_TIMER_HZ / 200)	/* 5 ms each */
#define PM_STUCK_READS		1000000	/* a timer that never moves is none */
#define STALL_US		10000	/* 10 ms of firmware Stall() */
#define US_PER_S		1000000

struct tsc_calibration tsc_calibration;

static inline u32 inl(u16 port)
{
	u32 v;

	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static u32 max_leaf(u32 base)
{
	u32 a, b, c, d;

	cpuid_count(base, 0, &a, &b, &c, &d);
	return a;
}

/* The best frequency CPUID enumerates, or 0. */
static u64 enumerated_hz(enum tsc_source *source)
{
	u32 a, b, c, d;
	u64 hz;

	cpuid_count(1, 0, &a, &b, &c, &d);
	if ((c & CPUID_1_ECX_HYPERVISOR) &&
	    max_leaf(CPUID_HYPERVISOR_BASE) >= CPUID_HYPERVISOR_TSC) {
		cpuid_count(CPUID_HYPERVISOR_TSC, 0, &a, &b, &c, &d);
		hz = tsc_hz_from_kvm(a);
		if (hz) {
			*source = TSC_SOURCE_KVM;
			return hz;
		}
	}
	if (max_leaf(0) >= CPUID_TSC_CRYSTAL) {
		cpuid_count(CPUID_TSC_CRYSTAL, 0, &a, &b, &c, &d);
		hz = tsc_hz_from_cpuid_15(a, b, c);
		if (hz) {
			*source = TSC_SOURCE_CPUID_15;
			return hz;
		}
	}
	if (max_leaf(0) >= CPUID_FREQUENCY) {
		cpuid_count(CPUID_FREQUENCY, 0, &a, &b, &c, &d);
		hz = tsc_hz_from_cpuid_16(a);
		if (hz) {
			*source = TSC_SOURCE_CPUID_16;
			return hz;
		}
	}
	return 0;
}

static const void *find_rsdp(EFI_SYSTEM_TABLE *systab)
{
	EFI_GUID acpi20 = ACPI_20_TABLE_GUID, acpi10 = ACPI_TABLE_GUID;
	const void *v1 = NULL;

	for (UINTN i = 0; i < systab->NumberOfTableEntries; i++) {
		EFI_CONFIGURATION_TABLE *t = &systab->ConfigurationTable[i];

		if (!memcmp(&t->VendorGuid, &acpi20, sizeof(acpi20)))
			return t->VendorTable;
		if (!memcmp(&t->VendorGuid, &acpi10, sizeof(acpi10)))
			v1 = t->VendorTable;
	}
	return v1;
}

/*
 * One window: wait for the PM timer to tick (so the window starts on an
 * edge), then count TSC ticks over PM_WINDOW_TICKS. Interrupts are off:
 * a firmware timer interrupt inside the window would stretch the TSC
 * side only. 0 if the timer does not move.
 */
static u64 pm_window(const struct acpi_pm_timer *pm)
{
	u32 start = inl(pm->port), now;
	u64 t0, t1;
	long spins = 0;

	while ((now = inl(pm->port)) == start)
		if (++spins > PM_STUCK_READS)
			return 0;
	t0 = rdtsc();
	start = now;
	do {
		now = inl(pm->port);
		t1 = rdtsc();
		if (++spins > PM_STUCK_READS * 100)
			return 0;
	} while (pm_timer_elapsed(start, now, pm->mask) < PM_WINDOW_TICKS);
	return tsc_hz_from_pm_timer(t1 - t0,
				    pm_timer_elapsed(start, now, pm->mask));
}

static u64 measure_pm(const struct acpi_pm_timer *pm, u32 *spread_ppm)
{
	u64 hz[PM_SAMPLES];
	u64 flags;

	__asm__ volatile("pushfq; pop %0; cli" : "=r"(flags) : : "memory");
	for (unsigned i = 0; i < PM_SAMPLES; i++) {
		hz[i] = pm_window(pm);
		if (!hz[i])
			break;
	}
	if (flags & X86_EFLAGS_IF)
		__asm__ volatile("sti" : : : "memory");
	for (unsigned i = 0; i < PM_SAMPLES; i++)
		if (!hz[i])
			return 0;
	return tsc_samples_median(hz, PM_SAMPLES, spread_ppm);
}

/* UEFI's Stall() counts real time where the TSC may not: in Bochs it spans exactly ips ticks per second. */
static u64 measure_stall(EFI_SYSTEM_TABLE *systab)
{
	u64 t0 = rdtsc();

	uefi_call_wrapper(systab->BootServices->Stall, 1, STALL_US);
	return (rdtsc() - t0) * (US_PER_S / STALL_US);
}

/*
 * The order, and why: an enumerated frequency is exact on hardware, but
 * an emulator may enumerate the modelled chip while its TSC runs at its
 * own rate (Bochs: ips ticks per emulated second), so it is believed only
 * within TSC_ENUM_TOLERANCE_PPM of a measurement: against the ACPI PM
 * timer where there is one, else across the firmware's Stall(). When they
 * disagree, the measurement wins and a line says so.
 */
struct tsc_calibration tsc_calibrate(EFI_SYSTEM_TABLE *systab)
{
	struct tsc_calibration cal = { 0, TSC_SOURCE_PMTIMER, 0 };
	struct acpi_pm_timer pm = acpi_find_pm_timer(find_rsdp(systab));
	enum tsc_source enum_source = TSC_SOURCE_STALL;
	u64 enumerated = enumerated_hz(&enum_source), measured = 0;

	if (pm.port)
		measured = measure_pm(&pm, &cal.spread_ppm);
	if (!measured) {
		cal.source = TSC_SOURCE_STALL;
		cal.spread_ppm = 0;
		measured = measure_stall(systab);
	}
	cal.hz = measured;
	if (tsc_enumerated_believable(enumerated, measured))
		cal = (struct tsc_calibration){
			enumerated, enum_source,
			tsc_ppm_apart(enumerated, measured) };
	else if (enumerated)
		printk("faultline: CPUID (%s) says the TSC runs at %llu Hz, "
		       "but measured it runs at %llu Hz: using the "
		       "measurement\n", tsc_source_name(enum_source),
		       (unsigned long long)enumerated,
		       (unsigned long long)measured);
	printk("faultline: TSC %llu Hz (tsc_source=%s, spread %u ppm)\n",
	       (unsigned long long)cal.hz, tsc_source_name(cal.source),
	       cal.spread_ppm);
	if (!pm.port)
		printk("faultline: no ACPI PM timer: %s\n", pm.why_none);
	else if (cal.source == TSC_SOURCE_STALL)
		printk("faultline: the ACPI PM timer at %#x does not count\n",
		       pm.port);
	return cal;
}
