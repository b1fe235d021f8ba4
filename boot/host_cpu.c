/* boot/host_cpu.c - the host CPU: who it is, and the features faultline relies on, checked rather than assumed. Linux: arch/x86/kernel/cpu/common.c (identify_cpu), arch/x86/kernel/verify_cpu.S. */
#include "host_cpu.h"
#include "console.h"
#include "../vmm/portio.h"
#include "../vmm/vmm.h"
#include "../include/x86.h"

#define FAMILY_SHIFT		8	/* CPUID.1:EAX bits 11:8 */
#define MODEL_SHIFT		4	/* bits 7:4 */
#define EXT_MODEL_SHIFT		16	/* bits 19:16 */
#define EXT_FAMILY_SHIFT	20	/* bits 27:20 */
#define NIBBLE			0xf
#define BYTE			0xff
#define FAMILY_EXTENDED		0xf	/* family 15 adds the extended family */
#define FAMILY_6		6	/* and 6 too uses the extended model */
#define BRAND_LEN		48

static u32 ext_max_leaf;

static void print_identity(void)
{
	u32 a, b, c, d, family, model;
	u32 brand[BRAND_LEN / 4 + 1] = { 0 };

	cpuid_count(1, 0, &a, &b, &c, &d);
	family = (a >> FAMILY_SHIFT) & NIBBLE;
	model = (a >> MODEL_SHIFT) & NIBBLE;
	if (family == FAMILY_6 || family == FAMILY_EXTENDED)
		model |= ((a >> EXT_MODEL_SHIFT) & NIBBLE) << 4;
	if (family == FAMILY_EXTENDED)
		family += (a >> EXT_FAMILY_SHIFT) & BYTE;
	if (ext_max_leaf >= CPUID_BRAND_LAST)
		for (u32 leaf = CPUID_BRAND_FIRST; leaf <= CPUID_BRAND_LAST;
		     leaf++) {
			u32 *w = &brand[(leaf - CPUID_BRAND_FIRST) * 4];

			cpuid_count(leaf, 0, &w[0], &w[1], &w[2], &w[3]);
		}
	printk("faultline: CPU: %s (family %u, model %#x, stepping %u)%s\n",
	       brand[0] ? (const char *)brand : "no brand string", family,
	       model, a & NIBBLE,
	       c & CPUID_1_ECX_HYPERVISOR ? ", under a hypervisor" : "");
}

struct host_feature {
	u32 leaf;
	char reg;	/* 'c' ECX, 'd' EDX */
	u32 bit;
	const char *what;	/* what faultline needs it for */
};

/*
 * What faultline's own code and its VMCS assume. Each missing one is
 * named; the first is enough to stop, but all are listed so a user sees
 * the whole gap at once.
 */
static const struct host_feature required[] = {
	{ 1, 'd', CPUID_1_EDX_TSC,
	  "a time-stamp counter (CPUID.1:EDX.TSC): every figure is in TSC ticks" },
	{ 1, 'd', CPUID_1_EDX_MSR,
	  "RDMSR/WRMSR (CPUID.1:EDX.MSR): VMX is configured through MSRs" },
	{ CPUID_EXT_FEATURES, 'd', CPUID_80000001_EDX_LM,
	  "long mode (CPUID.80000001H:EDX.LM): the guest runs in 64-bit mode" },
	{ CPUID_EXT_FEATURES, 'd', CPUID_80000001_EDX_NX,
	  "no-execute pages (CPUID.80000001H:EDX.NX): the guest is entered "
	  "with EFER.NXE, which VM entry refuses without it" },
};

static bool has(const struct host_feature *f)
{
	u32 r[4];

	if (f->leaf >= CPUID_EXT_BASE && f->leaf > ext_max_leaf)
		return false;
	cpuid_count(f->leaf, 0, &r[0], &r[1], &r[2], &r[3]);
	return (f->reg == 'c' ? r[2] : r[3]) & f->bit;
}

void host_cpu_check(void)
{
	u32 a, b, c, d;
	unsigned missing = 0;

	cpuid_count(CPUID_EXT_BASE, 0, &ext_max_leaf, &b, &c, &d);
	if (ext_max_leaf < CPUID_EXT_BASE)
		ext_max_leaf = 0;	/* no extended leaves at all */
	print_identity();
	for (size_t i = 0; i < ARRAY_SIZE(required); i++)
		if (!has(&required[i])) {
			printk("faultline: this CPU lacks %s\n",
			       required[i].what);
			missing++;
		}
	if (missing)
		machine_cannot("this CPU lacks %u feature%s faultline needs "
			       "(listed above)", missing,
			       missing == 1 ? "" : "s");

	/* Wanted, not needed: say what the figures then mean. */
	if (ext_max_leaf >= CPUID_EXT_POWER) {
		cpuid_count(CPUID_EXT_POWER, 0, &a, &b, &c, &d);
		if (!(d & CPUID_80000007_EDX_INVARIANT_TSC))
			printk("faultline: note: no invariant TSC "
			       "(CPUID.80000007H:EDX bit 8): cycle figures "
			       "assume the TSC rate stays what it was "
			       "calibrated at\n");
	}
}

int host_paging_levels(void)
{
	if (!(read_cr4() & X86_CR4_LA57))
		return PAGING_LEVELS_4;
	printk("faultline: the firmware runs with 5-level paging (CR4.LA57): "
	       "faultline's identity map gets a PML5\n");
	return PAGING_LEVELS_5;
}
