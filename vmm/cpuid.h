/* vmm/cpuid.h - CPUID as the guest sees it: an allow-list over the host's leaves, plus faultline's own. KVM: arch/x86/kvm/cpuid.h (guest_cpuid_has). */
#ifndef FAULTLINE_CPUID_H
#define FAULTLINE_CPUID_H

#include "../include/types.h"
#include "../include/cpufeatures.h"

struct cpuid_regs {
	u32 eax, ebx, ecx, edx;
};

/* The CPU's own CPUID; host tests pass a table instead. */
typedef void host_cpuid_fn(u32 leaf, u32 subleaf, struct cpuid_regs *out);

/*
 * What the guest's CPUID depends on besides the host: the VMX controls in
 * force (an instruction VMX would turn into #UD is not shown), the TSC
 * rate (leaves 0x15/0x16) and the KVM features faultline offers.
 */
struct guest_cpuid_config {
	host_cpuid_fn *host_cpuid;
	u32 secondary_exec_ctrl;	/* SECONDARY_EXEC_* */
	u32 vmexit_ctrl;		/* VM_EXIT_* */
	u32 vmentry_ctrl;		/* VM_ENTRY_* */
	u64 tsc_hz;
	u32 kvm_features;		/* KVM_CPUID_FEATURES EAX */
};

/* The highest leaves the guest sees. */
#define GUEST_CPUID_MAX_BASIC	CPUID_LEAF_FREQ
#define GUEST_CPUID_MAX_EXT	CPUID_LEAF_ADDR_SIZES

/*
 * KVM_CPUID_FEATURES EAX: of KVM's PV features only what faultline
 * implements, async PF with "page ready" as an interrupt (async_pf.c),
 * and only with async_pf=on. Linux's kvm.c turns on each feature whose
 * bit it sees, so a bit for anything else (kvmclock, steal time, PV EOI,
 * ...) would send it to an MSR faultline refuses. KVM: the
 * KVM_CPUID_FEATURES entry of __do_cpuid_func().
 */
u32 guest_kvm_features(bool async_pf);

/* Fix the guest's CPUID for the run (before the guest's first CPUID). */
void guest_cpuid_setup(const struct guest_cpuid_config *config);

/* The guest's view of one leaf. KVM: kvm_cpuid(). */
void guest_cpuid(u32 leaf, u32 subleaf, struct cpuid_regs *out);

/*
 * Does the guest's CPUID show this X86_FEATURE_*? Other checks ask this
 * rather than the host (e.g. which CR4 bits are reserved for the guest).
 * KVM: guest_cpuid_has().
 */
bool guest_cpuid_has(u64 feature);

#endif
