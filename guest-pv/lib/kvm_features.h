/* guest-pv/lib/kvm_features.h - is this KVM's PV interface, and which features does it offer (CPUID 0x40000000/0x40000001). Linux: arch/x86/include/asm/kvm_para.h (kvm_para_available, kvm_para_has_feature). */
#ifndef GUEST_KVM_FEATURES_H
#define GUEST_KVM_FEATURES_H

#include "../../include/kvm_para.h"

/* CPUID 0x40000000 says "KVMKVMKVM\0\0\0". Linux: kvm_para_available(). */
bool kvm_para_available(void);

/*
 * CPUID 0x40000001 EAX, or 0 without KVM's leaves. Linux:
 * kvm_arch_para_features().
 */
u32 kvm_arch_para_features(void);

/* Linux: kvm_para_has_feature(KVM_FEATURE_*). */
bool kvm_para_has_feature(unsigned feature);

#endif
