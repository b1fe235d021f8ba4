/* vmm/vmx_ops.h - the VMX instructions, each checked. KVM: arch/x86/kvm/vmx/vmx_ops.h. */
#ifndef FAULTLINE_VMX_OPS_H
#define FAULTLINE_VMX_OPS_H

#include "../include/vmx.h"

/*
 * A VMX instruction reports failure in RFLAGS (31.2): CF=1 is VMfailInvalid
 * (no current VMCS), ZF=1 is VMfailValid (the reason is in
 * VM_INSTRUCTION_ERROR). SETNA catches both. Every wrapper returns true on
 * success; vmcs_read/vmcs_write panic on failure because a VMCS access
 * that fails is faultline's bug, never the guest's.
 */
static inline bool vmxon(hpa_t region)
{
	u8 fail;

	__asm__ volatile("vmxon %1; setna %0"
			 : "=qm"(fail) : "m"(region) : "cc", "memory");
	return !fail;
}

static inline bool vmxoff(void)
{
	u8 fail;

	__asm__ volatile("vmxoff; setna %0" : "=qm"(fail) : : "cc", "memory");
	return !fail;
}

static inline bool vmclear(hpa_t vmcs)
{
	u8 fail;

	__asm__ volatile("vmclear %1; setna %0"
			 : "=qm"(fail) : "m"(vmcs) : "cc", "memory");
	return !fail;
}

static inline bool vmptrld(hpa_t vmcs)
{
	u8 fail;

	__asm__ volatile("vmptrld %1; setna %0"
			 : "=qm"(fail) : "m"(vmcs) : "cc", "memory");
	return !fail;
}

static inline bool vmread_checked(u64 field, u64 *value)
{
	u8 fail;

	__asm__ volatile("vmread %2, %0; setna %1"
			 : "=r"(*value), "=qm"(fail) : "r"(field) : "cc");
	return !fail;
}

static inline bool vmwrite_checked(u64 field, u64 value)
{
	u8 fail;

	__asm__ volatile("vmwrite %1, %2; setna %0"
			 : "=qm"(fail) : "rm"(value), "r"(field) : "cc");
	return !fail;
}

struct invept_desc {
	u64 eptp;
	u64 reserved;	/* must be zero */
};

static inline bool invept(u64 type, u64 eptp)
{
	struct invept_desc desc = { .eptp = eptp, .reserved = 0 };
	u8 fail;

	__asm__ volatile("invept %1, %2; setna %0"
			 : "=qm"(fail) : "m"(desc), "r"(type) : "cc", "memory");
	return !fail;
}

struct invvpid_desc {
	u64 vpid;	/* bits 15:0; the rest must be zero */
	u64 gva;	/* only for the individual-address type */
};

static inline bool invvpid(u64 type, u16 vpid)
{
	struct invvpid_desc desc = { .vpid = vpid, .gva = 0 };
	u8 fail;

	__asm__ volatile("invvpid %1, %2; setna %0"
			 : "=qm"(fail) : "m"(desc), "r"(type) : "cc", "memory");
	return !fail;
}

_Noreturn void vmcs_read_failed(enum vmcs_field field);
_Noreturn void vmcs_write_failed(enum vmcs_field field, u64 value);

/*
 * Inline: an exit takes half a dozen of these, and each was a call
 * around one instruction. The failure path stays out of line.
 */
static inline u64 vmcs_read(enum vmcs_field field)
{
	u64 value;

	if (__builtin_expect(!vmread_checked(field, &value), 0))
		vmcs_read_failed(field);
	return value;
}

static inline void vmcs_write(enum vmcs_field field, u64 value)
{
	if (__builtin_expect(!vmwrite_checked(field, value), 0))
		vmcs_write_failed(field, value);
}

#endif
