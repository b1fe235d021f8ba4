/* include/kvm_para.h - KVM's paravirtual ABI as faultline and its guest use it: CPUID leaves, async-PF MSRs and flags, the apf data area. Linux: arch/x86/include/uapi/asm/kvm_para.h (tests/unit/test_kvm_abi.c checks every value here against it). */
#ifndef FAULTLINE_KVM_PARA_H
#define FAULTLINE_KVM_PARA_H

#include "types.h"

/*
 * CPUID 0x40000000: EAX = the highest hypervisor leaf, EBX:ECX:EDX = the
 * signature "KVMKVMKVM\0\0\0". CPUID 0x40000001: EAX = feature bits.
 */
#define KVM_CPUID_SIGNATURE		0x40000000
#define KVM_SIGNATURE			"KVMKVMKVM\0\0\0"
#define KVM_CPUID_FEATURES		0x40000001

/* KVM_CPUID_FEATURES EAX: bit numbers */
#define KVM_FEATURE_ASYNC_PF		4	/* MSR_KVM_ASYNC_PF_EN */
#define KVM_FEATURE_ASYNC_PF_VMEXIT	10	/* DELIVERY_AS_PF_VMEXIT: nested */
#define KVM_FEATURE_ASYNC_PF_INT	14	/* "page ready" as an interrupt */

/* KVM's MSR range is 0x4b564d00-0x4b564dff ("KVM" in ASCII). */
#define MSR_KVM_ASYNC_PF_EN		0x4b564d02
#define MSR_KVM_ASYNC_PF_INT		0x4b564d06
#define MSR_KVM_ASYNC_PF_ACK		0x4b564d07

/* MSR_KVM_ASYNC_PF_EN: the apf area's GPA (64-byte aligned) | these flags */
#define KVM_ASYNC_PF_ENABLED			(1 << 0)
#define KVM_ASYNC_PF_SEND_ALWAYS		(1 << 1)	/* also at CPL 0 */
#define KVM_ASYNC_PF_DELIVERY_AS_PF_VMEXIT	(1 << 2)
#define KVM_ASYNC_PF_DELIVERY_AS_INT		(1 << 3)	/* required */

/* The apf area's alignment: the low 6 bits of the MSR hold the flags. */
#define KVM_ASYNC_PF_DATA_ALIGN		64

/* MSR_KVM_ASYNC_PF_INT: bits 7:0 are the "page ready" vector */
#define KVM_ASYNC_PF_VEC_MASK		0xffull

/*
 * MSR_KVM_ASYNC_PF_ACK: bit 0 set says "page ready" was consumed. Linux
 * has no name for it (the guest writes 1, KVM tests data & 0x1).
 */
#define KVM_ASYNC_PF_ACK		(1 << 0)

/* kvm_vcpu_pv_apf_data.flags */
#define KVM_PV_REASON_PAGE_NOT_PRESENT	1
#define KVM_PV_REASON_PAGE_READY	2

/*
 * The apf area, in guest memory at the GPA given to MSR_KVM_ASYNC_PF_EN.
 * The host writes flags (then injects #PF with CR2 = token) and token
 * (then raises the "page ready" vector); the guest reads and clears them.
 * `enabled` is the guest's own note that it turned the area on (Linux's
 * kvm_guest_cpu_init() sets it; the host never reads it).
 */
struct kvm_vcpu_pv_apf_data {
	/* Used for 'page not present' events delivered via #PF */
	u32 flags;

	/* Used for 'page ready' events delivered via interrupt notification */
	u32 token;

	u8 pad[56];
	u32 enabled;
};

#endif
