/* tests/unit/test_kvm_abi.c - include/kvm_para.h and guest_abi.h's error values against Linux's own <asm/kvm_para.h> and <linux/kvm_para.h> (Debian's linux-libc-dev): every number, flag, offset and size, checked at compile time. Linux: tools/testing/selftests/kvm/x86_64/kvm_pv_test.c checks the same ABI from a guest. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stddef.h>
#include <string.h>

/*
 * Both headers define the same names, so they meet in this file by turns:
 * faultline's first, its struct renamed and each value captured as the
 * enum constant fl_<NAME>; then its macros are undefined and Linux's
 * headers come in under the real names. Every name below is compared.
 */
#define KVM_ABI_VALUES(X)				\
	X(KVM_CPUID_SIGNATURE)				\
	X(KVM_CPUID_FEATURES)				\
	X(KVM_FEATURE_ASYNC_PF)				\
	X(KVM_FEATURE_ASYNC_PF_VMEXIT)			\
	X(KVM_FEATURE_ASYNC_PF_INT)			\
	X(MSR_KVM_ASYNC_PF_EN)				\
	X(MSR_KVM_ASYNC_PF_INT)				\
	X(MSR_KVM_ASYNC_PF_ACK)				\
	X(KVM_ASYNC_PF_ENABLED)				\
	X(KVM_ASYNC_PF_SEND_ALWAYS)			\
	X(KVM_ASYNC_PF_DELIVERY_AS_PF_VMEXIT)		\
	X(KVM_ASYNC_PF_DELIVERY_AS_INT)			\
	X(KVM_ASYNC_PF_VEC_MASK)			\
	X(KVM_PV_REASON_PAGE_NOT_PRESENT)		\
	X(KVM_PV_REASON_PAGE_READY)

#define kvm_vcpu_pv_apf_data fl_kvm_vcpu_pv_apf_data
#include "../../include/kvm_para.h"
#include "../../include/guest_abi.h"
#undef kvm_vcpu_pv_apf_data

/* Enum constants: unlike const objects, C can compare them at compile time. */
#define CAPTURE(name) fl_##name = (name),
enum fl_kvm_abi_values { KVM_ABI_VALUES(CAPTURE) };
static const char fl_signature[] = KVM_SIGNATURE;

/* The same names, one #undef each, so Linux's definitions stand alone. */
#undef KVM_CPUID_SIGNATURE
#undef KVM_SIGNATURE
#undef KVM_CPUID_FEATURES
#undef KVM_FEATURE_ASYNC_PF
#undef KVM_FEATURE_ASYNC_PF_VMEXIT
#undef KVM_FEATURE_ASYNC_PF_INT
#undef MSR_KVM_ASYNC_PF_EN
#undef MSR_KVM_ASYNC_PF_INT
#undef MSR_KVM_ASYNC_PF_ACK
#undef KVM_ASYNC_PF_ENABLED
#undef KVM_ASYNC_PF_SEND_ALWAYS
#undef KVM_ASYNC_PF_DELIVERY_AS_PF_VMEXIT
#undef KVM_ASYNC_PF_DELIVERY_AS_INT
#undef KVM_ASYNC_PF_VEC_MASK
#undef KVM_PV_REASON_PAGE_NOT_PRESENT
#undef KVM_PV_REASON_PAGE_READY

/*
 * The uapi header spells the vector mask GENMASK(7, 0) but does not define
 * GENMASK (the kernel's <linux/bits.h> does): supply the kernel's meaning.
 */
#ifndef GENMASK
#define GENMASK(h, l)	(((~0UL) - (1UL << (l)) + 1) & (~0UL >> (63 - (h))))
#endif
#include <linux/kvm_para.h>	/* KVM_E*, then <asm/kvm_para.h> */

/* ---- compile time: any difference stops the build of the unit tests ---- */

#define ASSERT_SAME(name) \
	_Static_assert((unsigned long long)fl_##name == \
		       (unsigned long long)(name), #name " differs from Linux's");
KVM_ABI_VALUES(ASSERT_SAME)

_Static_assert(sizeof(fl_signature) == sizeof(KVM_SIGNATURE),
	       "KVM_SIGNATURE length differs from Linux's");

#define ASSERT_FIELD(f)							\
	_Static_assert(offsetof(struct fl_kvm_vcpu_pv_apf_data, f) ==	\
		       offsetof(struct kvm_vcpu_pv_apf_data, f),	\
		       "kvm_vcpu_pv_apf_data." #f " offset differs");	\
	_Static_assert(sizeof(((struct fl_kvm_vcpu_pv_apf_data *)0)->f) == \
		       sizeof(((struct kvm_vcpu_pv_apf_data *)0)->f),	\
		       "kvm_vcpu_pv_apf_data." #f " size differs");
ASSERT_FIELD(flags)
ASSERT_FIELD(token)
ASSERT_FIELD(pad)
ASSERT_FIELD(enabled)
_Static_assert(sizeof(struct fl_kvm_vcpu_pv_apf_data) ==
	       sizeof(struct kvm_vcpu_pv_apf_data),
	       "sizeof(struct kvm_vcpu_pv_apf_data) differs");
_Static_assert(_Alignof(struct fl_kvm_vcpu_pv_apf_data) ==
	       _Alignof(struct kvm_vcpu_pv_apf_data),
	       "alignment of struct kvm_vcpu_pv_apf_data differs");

/* The async-PF flags live in the low bits the 64-byte alignment frees. */
_Static_assert((KVM_ASYNC_PF_ENABLED | KVM_ASYNC_PF_SEND_ALWAYS |
		KVM_ASYNC_PF_DELIVERY_AS_PF_VMEXIT |
		KVM_ASYNC_PF_DELIVERY_AS_INT) < KVM_ASYNC_PF_DATA_ALIGN,
	       "an async-PF flag overlaps the apf area's address");

/* Hypercall results (include/guest_abi.h) are KVM's (linux/kvm_para.h). */
_Static_assert(FL_ENOSYS == KVM_ENOSYS, "FL_ENOSYS differs from KVM_ENOSYS");
_Static_assert(FL_EFAULT == KVM_EFAULT, "FL_EFAULT differs from KVM_EFAULT");
_Static_assert(FL_EINVAL == KVM_EINVAL, "FL_EINVAL differs from KVM_EINVAL");
_Static_assert(FL_E2BIG == KVM_E2BIG, "FL_E2BIG differs from KVM_E2BIG");

/* ---- run time: the same facts, named one by one in the test log ---- */

struct abi_pair {
	const char *name;
	unsigned long long faultline, linux;
};

#define PAIR(name) { #name, (unsigned long long)fl_##name, \
		     (unsigned long long)(name) },
static const struct abi_pair abi_pairs[] = { KVM_ABI_VALUES(PAIR) };

Test(kvm_abi, every_value_matches_linux)
{
	for (size_t i = 0; i < sizeof(abi_pairs) / sizeof(abi_pairs[0]); i++)
		cr_expect_eq(abi_pairs[i].faultline, abi_pairs[i].linux,
			     "%s: faultline %#llx, Linux %#llx",
			     abi_pairs[i].name, abi_pairs[i].faultline,
			     abi_pairs[i].linux);
}

/*
 * sizeof can only compare lengths; the bytes, NULs included, are compared here.
 */
Test(kvm_abi, signature_bytes_match_linux)
{
	cr_assert_eq(memcmp(fl_signature, KVM_SIGNATURE, sizeof(fl_signature)),
		     0, "KVM_SIGNATURE bytes differ from Linux's");
	cr_assert_eq(sizeof(fl_signature) - 1, 12,
		     "the signature fills EBX, ECX and EDX: 12 bytes");
}
