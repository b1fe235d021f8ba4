/* tests/unit/test_cpuid.c - host tests for vmm/cpuid.c: the guest's CPUID is an allow-list, consistent with the VMX controls. */
#include <criterion/criterion.h>
#include "../../vmm/cpuid.h"
#include "../../include/kvm_para.h"
#include "../../include/vmx.h"

#define TSC_HZ	2999942900ull

/* A host that claims every feature bit in every leaf: what survives is the allow-list. */
static void host_all_ones(u32 leaf, u32 subleaf, struct cpuid_regs *r)
{
	(void)subleaf;
	r->eax = r->ebx = r->ecx = r->edx = ~0u;
	if (leaf == CPUID_LEAF_EXT_MAX)
		r->eax = 0x80000008;
}

static void setup(u32 secondary, u32 exit, u32 entry, u32 kvm_features)
{
	struct guest_cpuid_config c = {
		.host_cpuid = host_all_ones,
		.secondary_exec_ctrl = secondary,
		.vmexit_ctrl = exit,
		.vmentry_ctrl = entry,
		.tsc_hz = TSC_HZ,
		.kvm_features = kvm_features,
	};

	guest_cpuid_setup(&c);
}

static void setup_default(void)
{
	setup(SECONDARY_EXEC_ENABLE_EPT, 0, 0, 0);
}

/* Is every feature the virtual platform lacks hidden, whatever the host has? */
Test(guest_cpuid, host_features_outside_allow_list_hidden)
{
	static const u64 hidden[] = {
		X86_FEATURE_VMX, X86_FEATURE_SMX, X86_FEATURE_MWAIT,
		X86_FEATURE_XSAVE, X86_FEATURE_OSXSAVE, X86_FEATURE_AVX,
		X86_FEATURE_FMA, X86_FEATURE_F16C, X86_FEATURE_AVX2,
		X86_FEATURE_MCE, X86_FEATURE_MCA, X86_FEATURE_MTRR,
		X86_FEATURE_DS, X86_FEATURE_PDCM, X86_FEATURE_DTES64,
		X86_FEATURE_ACPI, X86_FEATURE_HT, X86_FEATURE_TSC_ADJUST,
		X86_FEATURE_LA57, X86_FEATURE_RDRAND, X86_FEATURE_RDSEED,
		X86_FEATURE_RTM, X86_FEATURE_HLE, X86_FEATURE_PKU,
		X86_FEATURE_XSAVES,
	};

	setup_default();
	for (size_t i = 0; i < ARRAY_SIZE(hidden); i++)
		cr_assert(!guest_cpuid_has(hidden[i]),
			  "feature %#llx shown", (unsigned long long)hidden[i]);
}

/* Are the virtual APIC's features shown even on a host without them? */
Test(guest_cpuid, platform_features_shown_on_bare_host)
{
	static const u64 shown[] = {
		X86_FEATURE_APIC, X86_FEATURE_X2APIC,
		X86_FEATURE_TSC_DEADLINE_TIMER, X86_FEATURE_HYPERVISOR,
		X86_FEATURE_ARAT,
	};
	struct guest_cpuid_config c = {
		.host_cpuid = host_all_ones,
		.tsc_hz = TSC_HZ,
	};
	struct cpuid_regs r;

	guest_cpuid_setup(&c);
	for (size_t i = 0; i < ARRAY_SIZE(shown); i++)
		cr_assert(guest_cpuid_has(shown[i]));
	/* ... and leaf 1 says: one logical processor, APIC ID 0. */
	guest_cpuid(CPUID_LEAF_FEATURES, 0, &r);
	cr_assert_eq(r.ebx >> CPUID_1_EBX_APIC_ID_SHIFT, 0);
	cr_assert_eq((r.ebx >> CPUID_1_EBX_LOGICAL_SHIFT) & 0xff, 1);
}

/* Are the allowed host features passed through? */
Test(guest_cpuid, allowed_host_features_shown)
{
	static const u64 shown[] = {
		X86_FEATURE_FPU, X86_FEATURE_TSC, X86_FEATURE_PAE,
		X86_FEATURE_PGE, X86_FEATURE_XMM2, X86_FEATURE_FXSR,
		X86_FEATURE_SEP, X86_FEATURE_CX16, X86_FEATURE_POPCNT,
		X86_FEATURE_SMEP, X86_FEATURE_SMAP, X86_FEATURE_FSGSBASE,
		X86_FEATURE_ERMS, X86_FEATURE_LM, X86_FEATURE_NX,
		X86_FEATURE_SYSCALL, X86_FEATURE_CONSTANT_TSC,
	};

	setup_default();
	for (size_t i = 0; i < ARRAY_SIZE(shown); i++)
		cr_assert(guest_cpuid_has(shown[i]),
			  "feature %#llx hidden", (unsigned long long)shown[i]);
}

/* Are RDTSCP, RDPID and INVPCID shown only when VMX lets the guest run them? */
Test(guest_cpuid, instructions_follow_secondary_controls)
{
	setup_default();
	cr_assert(!guest_cpuid_has(X86_FEATURE_RDTSCP));
	cr_assert(!guest_cpuid_has(X86_FEATURE_RDPID));
	cr_assert(!guest_cpuid_has(X86_FEATURE_INVPCID));

	setup(SECONDARY_EXEC_ENABLE_EPT | SECONDARY_EXEC_ENABLE_RDTSCP, 0, 0, 0);
	cr_assert(guest_cpuid_has(X86_FEATURE_RDTSCP));
	cr_assert(guest_cpuid_has(X86_FEATURE_RDPID));
	cr_assert(!guest_cpuid_has(X86_FEATURE_INVPCID));

	setup(SECONDARY_EXEC_ENABLE_INVPCID, 0, 0, 0);
	cr_assert(guest_cpuid_has(X86_FEATURE_INVPCID));
	cr_assert(!guest_cpuid_has(X86_FEATURE_RDTSCP));
}

/* Is PAT shown only when the VMCS switches the PAT MSR both ways? */
Test(guest_cpuid, pat_needs_all_three_controls)
{
	u32 exit = VM_EXIT_SAVE_IA32_PAT | VM_EXIT_LOAD_IA32_PAT;

	setup(0, exit, VM_ENTRY_LOAD_IA32_PAT, 0);
	cr_assert(guest_cpuid_has(X86_FEATURE_PAT));
	setup(0, VM_EXIT_LOAD_IA32_PAT, VM_ENTRY_LOAD_IA32_PAT, 0);
	cr_assert(!guest_cpuid_has(X86_FEATURE_PAT));
	setup(0, exit, 0, 0);
	cr_assert(!guest_cpuid_has(X86_FEATURE_PAT));
}

/* Do leaves 0x15 and 0x16 give the TSC rate, so Linux need not calibrate? */
Test(guest_cpuid, tsc_leaves_give_frequency)
{
	struct cpuid_regs r;

	setup_default();
	guest_cpuid(CPUID_LEAF_VENDOR, 0, &r);
	cr_assert_geq(r.eax, CPUID_LEAF_FREQ);
	guest_cpuid(CPUID_LEAF_TSC, 0, &r);
	cr_assert_eq(r.eax, 1);
	cr_assert_eq(r.ebx, 1);
	cr_assert_eq(r.ecx, (u32)TSC_HZ);
	guest_cpuid(CPUID_LEAF_FREQ, 0, &r);
	cr_assert_eq(r.eax, 2999);
}

/* Does a TSC too fast for ECX get a crystal ratio that keeps crystal * EBX / EAX the TSC? */
Test(guest_cpuid, fast_tsc_uses_ratio)
{
	struct guest_cpuid_config c = {
		.host_cpuid = host_all_ones,
		.tsc_hz = 5000000000ull,
	};
	struct cpuid_regs r;

	guest_cpuid_setup(&c);
	guest_cpuid(CPUID_LEAF_TSC, 0, &r);
	cr_assert_eq(r.eax, 1);
	cr_assert_eq(r.ebx, 2);
	cr_assert_eq((u64)r.ecx * r.ebx / r.eax, 5000000000ull);
	guest_cpuid(CPUID_LEAF_FREQ, 0, &r);
	cr_assert_eq(r.eax, 5000);
}

/* Are the PMU, XSAVE, MWAIT and topology leaves all zero? */
Test(guest_cpuid, hidden_leaves_are_zero)
{
	static const u32 leaves[] = {
		CPUID_LEAF_MWAIT, CPUID_LEAF_PMU, CPUID_LEAF_TOPOLOGY,
		CPUID_LEAF_XSTATE, 0x17, 0x40000002, 0x80000009,
	};
	struct cpuid_regs r;

	setup_default();
	for (size_t i = 0; i < ARRAY_SIZE(leaves); i++) {
		guest_cpuid(leaves[i], 0, &r);
		cr_assert(!r.eax && !r.ebx && !r.ecx && !r.edx,
			  "leaf %#x not zero", leaves[i]);
	}
	guest_cpuid(CPUID_LEAF_XSTATE, 1, &r);
	cr_assert_eq(r.eax, 0);
	guest_cpuid(CPUID_LEAF_EXT_FEATURES, 1, &r);
	cr_assert_eq(r.ebx, 0);
}

/* Do the KVM leaves give the signature and exactly the offered features? */
Test(guest_cpuid, kvm_leaves_show_only_offered_features)
{
	u32 apf = BIT(KVM_FEATURE_ASYNC_PF) | BIT(KVM_FEATURE_ASYNC_PF_INT);
	struct cpuid_regs r;
	char sig[13] = { 0 };

	setup(0, 0, 0, apf);
	guest_cpuid(KVM_CPUID_SIGNATURE, 0, &r);
	memcpy(sig, &r.ebx, 4);
	memcpy(sig + 4, &r.ecx, 4);
	memcpy(sig + 8, &r.edx, 4);
	cr_assert_eq(memcmp(sig, KVM_SIGNATURE, 12), 0);
	cr_assert_eq(r.eax, KVM_CPUID_FEATURES);
	guest_cpuid(KVM_CPUID_FEATURES, 0, &r);
	cr_assert_eq(r.eax, apf);
	cr_assert_eq(r.edx, 0);

	setup(0, 0, 0, 0);
	guest_cpuid(KVM_CPUID_FEATURES, 0, &r);
	cr_assert_eq(r.eax, 0);
}

/* Does faultline offer exactly async PF with "page ready" as an interrupt, and nothing with async_pf=off? */
Test(guest_cpuid, kvm_features_only_what_is_implemented)
{
	struct cpuid_regs r;

	cr_assert_eq(guest_kvm_features(true),
		     BIT(KVM_FEATURE_ASYNC_PF) | BIT(KVM_FEATURE_ASYNC_PF_INT));
	cr_assert_eq(guest_kvm_features(false), 0);
	setup(0, 0, 0, guest_kvm_features(true));
	guest_cpuid(KVM_CPUID_FEATURES, 0, &r);
	cr_assert_eq(r.eax, BIT(4) | BIT(14),
		     "only bits 4 (ASYNC_PF) and 14 (ASYNC_PF_INT): %#x", r.eax);
}

/* Does the cache leaf describe one core with one thread? */
Test(guest_cpuid, cache_leaf_single_thread)
{
	struct cpuid_regs r;

	setup_default();
	guest_cpuid(CPUID_LEAF_CACHE_PARAMS, 0, &r);
	cr_assert_eq(r.eax & CPUID_4_EAX_SHARING_MASK, 0);
}
