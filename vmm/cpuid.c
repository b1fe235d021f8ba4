/* vmm/cpuid.c - the guest's CPUID: an allow-list of host bits, the virtual platform's own bits, KVM's paravirtual leaves. KVM: __do_cpuid_func() in arch/x86/kvm/cpuid.c. Pure C: host tests compile it. */
#include "cpuid.h"
#include "../include/kvm_para.h"
#include "../include/vmx.h"

/*
 * Hypervisor leaves, KVM's layout (Documentation/virt/kvm/x86/cpuid.rst):
 * 0x40000000 gives the signature "KVMKVMKVM\0\0\0" in EBX, ECX, EDX and
 * the highest hypervisor leaf in EAX; 0x40000001 EAX holds the features.
 */
#define KVM_CPUID_SIGNATURE_EBX	0x4b4d564b	/* "KVMK" */
#define KVM_CPUID_SIGNATURE_ECX	0x564b4d56	/* "VMKV" */
#define KVM_CPUID_SIGNATURE_EDX	0x0000004d	/* "M\0\0\0" */

#define HZ_PER_MHZ		1000000
#define ADDR_SIZES_MASK		0xffffu	/* 0x80000008 EAX 15:0: physical, linear bits */

/* The bit of a feature inside its register. */
#define F(feature)		((u32)BIT(X86_FEATURE_BIT(feature)))

/*
 * Host bits the guest may see, per leaf. Everything not listed is hidden:
 * a new host feature stays invisible until someone decides it is safe.
 * Hidden on purpose, with what showing it would take:
 *   VMX, SMX           no nested virtualization;
 *   MONITOR/MWAIT      the guest would sleep outside faultline's view of
 *                      time (they are #UD, exit.c);
 *   XSAVE, AVX, FMA, F16C, AVX2, PKU (XSAVE-managed state): XSETBV and
 *                      leaf 0xd would have to be emulated;
 *   MCE, MCA, MTRR, DS, PDCM, DTES64, DSCPL, ACPI, EST, TM2, PMU (leaf 0xa):
 *                      each has MSRs faultline does not emulate;
 *   TSC_ADJUST         its MSR is not emulated;
 *   RDRAND, RDSEED     a run must replay byte for byte (docs/design.md,
 *                      "Time and determinism");
 *   LA57               5-level paging: Linux would switch paging depth,
 *                      which needs paging off (unrestricted guest);
 *   HLE, RTM, MPX, SGX, leaf 7 EDX (speculation controls and their MSRs).
 */
static const u32 leaf1_ecx_allowed =
	F(X86_FEATURE_XMM3) | F(X86_FEATURE_PCLMULQDQ) | F(X86_FEATURE_SSSE3) |
	F(X86_FEATURE_CX16) | F(X86_FEATURE_PCID) | F(X86_FEATURE_XMM4_1) |
	F(X86_FEATURE_XMM4_2) | F(X86_FEATURE_MOVBE) | F(X86_FEATURE_POPCNT) |
	F(X86_FEATURE_AES);

static const u32 leaf1_edx_allowed =
	F(X86_FEATURE_FPU) | F(X86_FEATURE_VME) | F(X86_FEATURE_DE) |
	F(X86_FEATURE_PSE) | F(X86_FEATURE_TSC) | F(X86_FEATURE_MSR) |
	F(X86_FEATURE_PAE) | F(X86_FEATURE_CX8) | F(X86_FEATURE_SEP) |
	F(X86_FEATURE_PGE) | F(X86_FEATURE_CMOV) | F(X86_FEATURE_PSE36) |
	F(X86_FEATURE_CLFLUSH) | F(X86_FEATURE_MMX) | F(X86_FEATURE_FXSR) |
	F(X86_FEATURE_XMM) | F(X86_FEATURE_XMM2) | F(X86_FEATURE_SELFSNOOP);

/*
 * Bits the virtual platform has whatever the host has: the local APIC is
 * faultline's x2APIC (lapic.c), already in x2APIC mode, with the
 * TSC-deadline timer; and the guest is told it runs on a hypervisor.
 */
static const u32 leaf1_ecx_virtual =
	F(X86_FEATURE_X2APIC) | F(X86_FEATURE_TSC_DEADLINE_TIMER) |
	F(X86_FEATURE_HYPERVISOR);
static const u32 leaf1_edx_virtual = F(X86_FEATURE_APIC);

static const u32 leaf7_ebx_allowed =
	F(X86_FEATURE_FSGSBASE) | F(X86_FEATURE_BMI1) |
	F(X86_FEATURE_FDP_EXCPTN_ONLY) | F(X86_FEATURE_SMEP) |
	F(X86_FEATURE_BMI2) | F(X86_FEATURE_ERMS) |
	F(X86_FEATURE_ZERO_FCS_FDS) | F(X86_FEATURE_ADX) |
	F(X86_FEATURE_SMAP) | F(X86_FEATURE_CLFLUSHOPT) |
	F(X86_FEATURE_CLWB) | F(X86_FEATURE_SHA_NI);

static const u32 leaf7_ecx_allowed = F(X86_FEATURE_UMIP);

static const u32 ext1_ecx_allowed =
	F(X86_FEATURE_LAHF_LM) | F(X86_FEATURE_ABM) |
	F(X86_FEATURE_3DNOWPREFETCH);

static const u32 ext1_edx_allowed =
	F(X86_FEATURE_SYSCALL) | F(X86_FEATURE_NX) | F(X86_FEATURE_GBPAGES) |
	F(X86_FEATURE_LM);

static struct guest_cpuid_config cfg;

u32 guest_kvm_features(bool async_pf)
{
	return async_pf ? BIT(KVM_FEATURE_ASYNC_PF) |
			  BIT(KVM_FEATURE_ASYNC_PF_INT) : 0;
}

void guest_cpuid_setup(const struct guest_cpuid_config *config)
{
	cfg = *config;
}

static bool secondary_enabled(u32 ctrl)
{
	return (cfg.secondary_exec_ctrl & ctrl) == ctrl;
}

/*
 * Instructions that VMX turns into #UD unless a secondary control allows
 * them (SDM 26.3 / 25.3): shown only with the control on, as KVM's
 * vmx_vcpu_after_set_cpuid() does. PAT needs its MSR switched at entry
 * and exit by the VMCS, or the guest's value would be the host's.
 */
static bool pat_switched(void)
{
	return (cfg.vmexit_ctrl & VM_EXIT_SAVE_IA32_PAT) &&
	       (cfg.vmexit_ctrl & VM_EXIT_LOAD_IA32_PAT) &&
	       (cfg.vmentry_ctrl & VM_ENTRY_LOAD_IA32_PAT);
}

static void leaf1(struct cpuid_regs *r)
{
	u32 edx = leaf1_edx_allowed;

	if (pat_switched())
		edx |= F(X86_FEATURE_PAT);
	r->ebx = (r->ebx & CPUID_1_EBX_BRAND_CLFLUSH_MASK) |
		 (1u << CPUID_1_EBX_LOGICAL_SHIFT) |	/* one vCPU ... */
		 (0u << CPUID_1_EBX_APIC_ID_SHIFT);	/* ... APIC ID 0 */
	r->ecx = (r->ecx & leaf1_ecx_allowed) | leaf1_ecx_virtual;
	r->edx = (r->edx & edx) | leaf1_edx_virtual;
}

static void leaf7(u32 subleaf, struct cpuid_regs *r)
{
	u32 ebx = leaf7_ebx_allowed, ecx = leaf7_ecx_allowed;

	if (subleaf != 0) {
		*r = (struct cpuid_regs){ 0 };
		return;
	}
	if (secondary_enabled(SECONDARY_EXEC_ENABLE_INVPCID))
		ebx |= F(X86_FEATURE_INVPCID);
	/* RDPID reads TSC_AUX: #UD without "enable RDTSCP" (26.3). */
	if (secondary_enabled(SECONDARY_EXEC_ENABLE_RDTSCP))
		ecx |= F(X86_FEATURE_RDPID);
	r->eax = 0;		/* no subleaf above 0 */
	r->ebx &= ebx;
	r->ecx &= ecx;
	r->edx = 0;
}

static void ext_leaf1(struct cpuid_regs *r)
{
	u32 edx = ext1_edx_allowed;

	if (secondary_enabled(SECONDARY_EXEC_ENABLE_RDTSCP))
		edx |= F(X86_FEATURE_RDTSCP);
	r->eax = 0;
	r->ebx = 0;
	r->ecx &= ext1_ecx_allowed;
	r->edx &= edx;
}

/*
 * TSC = crystal * EBX / EAX. With the crystal at the TSC's own rate
 * (EBX = EAX = 1) Linux knows its TSC frequency from here and never
 * calibrates it against the PIT (tsc.c, native_calibrate_tsc), and its
 * APIC timer period too (the crystal's, which lapic.c counts at). A TSC
 * above 4.29 GHz does not fit ECX: the crystal is then the TSC / EBX for
 * the smallest EBX that fits.
 */
static void leaf_tsc(struct cpuid_regs *r)
{
	u32 ratio = CPUID_15_RATIO_ONE;

	while (cfg.tsc_hz / ratio > 0xffffffffull)
		ratio++;
	r->eax = CPUID_15_RATIO_ONE;
	r->ebx = ratio;
	r->ecx = (u32)(cfg.tsc_hz / ratio);
}

void guest_cpuid(u32 leaf, u32 subleaf, struct cpuid_regs *r)
{
	*r = (struct cpuid_regs){ 0 };

	switch (leaf) {
	case CPUID_LEAF_VENDOR:
		cfg.host_cpuid(leaf, 0, r);	/* the vendor string */
		r->eax = GUEST_CPUID_MAX_BASIC;
		break;
	case CPUID_LEAF_FEATURES:
		cfg.host_cpuid(leaf, 0, r);
		leaf1(r);
		break;
	case CPUID_LEAF_CACHE_DESC:
		cfg.host_cpuid(leaf, 0, r);
		break;
	case CPUID_LEAF_CACHE_PARAMS:
		cfg.host_cpuid(leaf, subleaf, r);
		r->eax &= ~CPUID_4_EAX_SHARING_MASK;	/* one core, one thread */
		break;
	case CPUID_LEAF_THERM_POWER:
		/* KVM shows ARAT alone: the virtual APIC timer never stops. */
		r->eax = F(X86_FEATURE_ARAT);
		break;
	case CPUID_LEAF_EXT_FEATURES:
		cfg.host_cpuid(leaf, subleaf, r);
		leaf7(subleaf, r);
		break;
	case CPUID_LEAF_TSC:
		leaf_tsc(r);
		break;
	case CPUID_LEAF_FREQ:
		r->eax = (u32)(cfg.tsc_hz / HZ_PER_MHZ);	/* base MHz */
		r->ebx = r->eax;				/* max MHz */
		break;
	case KVM_CPUID_SIGNATURE:
		r->eax = KVM_CPUID_FEATURES;
		r->ebx = KVM_CPUID_SIGNATURE_EBX;
		r->ecx = KVM_CPUID_SIGNATURE_ECX;
		r->edx = KVM_CPUID_SIGNATURE_EDX;
		break;
	case KVM_CPUID_FEATURES:
		r->eax = cfg.kvm_features;
		break;
	case CPUID_LEAF_EXT_MAX:
		cfg.host_cpuid(leaf, 0, r);
		r->eax = MIN(r->eax, (u32)GUEST_CPUID_MAX_EXT);
		r->ebx = r->ecx = r->edx = 0;
		break;
	case CPUID_LEAF_EXT_FEATURES_1:
		cfg.host_cpuid(leaf, 0, r);
		ext_leaf1(r);
		break;
	case CPUID_LEAF_BRAND_FIRST ... CPUID_LEAF_BRAND_LAST:
	case CPUID_LEAF_L2_CACHE:
		cfg.host_cpuid(leaf, 0, r);
		break;
	case CPUID_LEAF_APM:
		cfg.host_cpuid(leaf, 0, r);
		*r = (struct cpuid_regs){ .edx = r->edx &
					  F(X86_FEATURE_CONSTANT_TSC) };
		break;
	case CPUID_LEAF_ADDR_SIZES:
		cfg.host_cpuid(leaf, 0, r);
		*r = (struct cpuid_regs){ .eax = r->eax & ADDR_SIZES_MASK };
		break;
	default:
		/*
		 * Hidden leaves (MWAIT 5, PMU 0xa, topology 0xb, XSAVE 0xd,
		 * ...) and leaves past the maxima: all zero. Zero EBX in 0xb
		 * tells Linux there is no extended topology.
		 */
		break;
	}
}

bool guest_cpuid_has(u64 feature)
{
	struct cpuid_regs r;
	u32 regs[4];

	guest_cpuid(X86_FEATURE_LEAF(feature), X86_FEATURE_SUBLEAF(feature), &r);
	regs[CPUID_EAX] = r.eax;
	regs[CPUID_EBX] = r.ebx;
	regs[CPUID_ECX] = r.ecx;
	regs[CPUID_EDX] = r.edx;
	return regs[X86_FEATURE_REG(feature) & 3] &
	       BIT(X86_FEATURE_BIT(feature));
}
