/* guest-pv/lib/kvm_features.c - detect KVM's PV interface through its CPUID leaves. Linux: arch/x86/kernel/kvm.c (kvm_cpuid_base, kvm_arch_para_features). */
#include "kvm_features.h"
#include "processor.h"
#include "../../include/lib.h"

#define KVM_SIGNATURE_LEN	12	/* EBX, ECX, EDX */

/*
 * The highest hypervisor leaf, or 0 if this is not KVM's interface. Linux:
 * kvm_cpuid_base().
 */
static u32 kvm_cpuid_max_leaf(void)
{
	u32 eax, sig[3];

	cpuid(KVM_CPUID_SIGNATURE, &eax, &sig[0], &sig[1], &sig[2]);
	if (memcmp(sig, KVM_SIGNATURE, KVM_SIGNATURE_LEN))
		return 0;
	return eax;
}

bool kvm_para_available(void)
{
	return kvm_cpuid_max_leaf() != 0;
}

u32 kvm_arch_para_features(void)
{
	u32 eax, ebx, ecx, edx;

	if (kvm_cpuid_max_leaf() < KVM_CPUID_FEATURES)
		return 0;
	cpuid(KVM_CPUID_FEATURES, &eax, &ebx, &ecx, &edx);
	return eax;
}

bool kvm_para_has_feature(unsigned feature)
{
	return kvm_arch_para_features() & (1u << feature);
}
