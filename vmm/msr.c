/* vmm/msr.c - RDMSR/WRMSR exits: the MSRs of faultline's virtual platform (x2APIC included), #GP for the rest. KVM: kvm_get_msr_common()/kvm_set_msr_common() in arch/x86/kvm/x86.c. */
#include "exit.h"
#include "console.h"
#include "msr.h"
#include "cpuid.h"
#include "../include/apicdef.h"
#include "async_pf.h"
#include "portio.h"
#include "vmx_ops.h"

#define DENIED_MSRS_PRINTED	8	/* then only counted: a loop must not flood the console */

/* Long mode is the guest's contract: only SCE and NX are its to change. */
#define EFER_GUEST_WRITABLE	(EFER_SCE | EFER_NX)

static bool efer_get(struct vcpu *vcpu, u64 *value)
{
	(void)vcpu;
	*value = vmcs_read(GUEST_IA32_EFER);
	return true;
}

static bool efer_set(struct vcpu *vcpu, u64 value)
{
	u64 old = vmcs_read(GUEST_IA32_EFER);

	(void)vcpu;
	if ((value ^ old) & ~EFER_GUEST_WRITABLE)
		return false;
	vmcs_write(GUEST_IA32_EFER, value);
	return true;
}

/* RDTSC does not exit; RDMSR of the TSC reads the same clock. */
static bool tsc_get(struct vcpu *vcpu, u64 *value)
{
	(void)vcpu;
	*value = rdtsc();
	return true;
}

/*
 * Read before the kernel has an IDT (Linux's verify_cpu on Intel family
 * 6), so a #GP here would be a triple fault. KVM's value: fast strings
 * on, no branch-trace or PEBS store. Writes may only leave it as it is.
 */
#define MISC_ENABLE_VALUE	(MSR_IA32_MISC_ENABLE_FAST_STRING | \
				 MSR_IA32_MISC_ENABLE_BTS_UNAVAIL | \
				 MSR_IA32_MISC_ENABLE_PEBS_UNAVAIL)

static bool misc_enable_get(struct vcpu *vcpu, u64 *value)
{
	(void)vcpu;
	*value = MISC_ENABLE_VALUE;
	return true;
}

static bool misc_enable_set(struct vcpu *vcpu, u64 value)
{
	(void)vcpu;
	return value == MISC_ENABLE_VALUE;
}

/*
 * The local APIC is at the architectural address, enabled and already in
 * x2APIC mode (lapic.c), on the boot processor: Linux then stays in
 * x2APIC mode and never looks for the xAPIC MMIO page. Leaving x2APIC
 * mode is not offered (xAPIC MMIO is not emulated): any change is #GP.
 */
#define APIC_BASE_VALUE		(APIC_DEFAULT_PHYS_BASE | \
				 MSR_IA32_APICBASE_ENABLE | \
				 MSR_IA32_APICBASE_EXTD | MSR_IA32_APICBASE_BSP)

static bool apic_base_get(struct vcpu *vcpu, u64 *value)
{
	(void)vcpu;
	*value = APIC_BASE_VALUE;
	return true;
}

static bool apic_base_set(struct vcpu *vcpu, u64 value)
{
	(void)vcpu;
	return value == APIC_BASE_VALUE;
}

/*
 * Linux writes 0, runs CPUID and reads the revision back (microcode
 * loader); KVM's default revision, writes ignored as KVM does for the
 * guest.
 */
#define UCODE_REV_VALUE		0x100000000ull

static bool ucode_rev_get(struct vcpu *vcpu, u64 *value)
{
	(void)vcpu;
	*value = UCODE_REV_VALUE;
	return true;
}

static bool ucode_rev_set(struct vcpu *vcpu, u64 value)
{
	(void)vcpu;
	(void)value;
	return true;
}

/*
 * The SYSENTER MSRs live in the VMCS guest area, switched at entry and
 * exit. ESP and EIP must hold canonical addresses there, or VM entry
 * fails (26.3.1.1): a non-canonical write is #GP, as on Intel CPUs
 * (KVM: __kvm_set_msr()).
 */
#define DEFINE_VMCS_MSR(name, field, address)				\
static bool name##_get(struct vcpu *vcpu, u64 *value)			\
{									\
	(void)vcpu;							\
	*value = vmcs_read(field);					\
	return true;							\
}									\
static bool name##_set(struct vcpu *vcpu, u64 value)			\
{									\
	(void)vcpu;							\
	if (address && !is_canonical_address(value))			\
		return false;						\
	vmcs_write(field, value);					\
	return true;							\
}
DEFINE_VMCS_MSR(sysenter_cs, GUEST_SYSENTER_CS, false)
DEFINE_VMCS_MSR(sysenter_esp, GUEST_SYSENTER_ESP, true)
DEFINE_VMCS_MSR(sysenter_eip, GUEST_SYSENTER_EIP, true)

/* A PAT entry: UC, WC, WT, WP, WB, UC-; 2 and 3 are reserved. KVM: kvm_pat_valid(). */
#define PAT_ENTRIES		8
#define PAT_TYPE_RESERVED(t)	((t) == 2 || (t) == 3 || (t) > 7)

static bool pat_valid(u64 value)
{
	for (unsigned i = 0; i < PAT_ENTRIES; i++)
		if (PAT_TYPE_RESERVED((value >> (8 * i)) & 0xff))
			return false;
	return true;
}

/* The guest's PAT is in the VMCS when CPUID shows PAT (vmcs.c, cpuid.c). */
static bool pat_get(struct vcpu *vcpu, u64 *value)
{
	(void)vcpu;
	if (!guest_cpuid_has(X86_FEATURE_PAT))
		return false;
	*value = vmcs_read(GUEST_IA32_PAT);
	return true;
}

static bool pat_set(struct vcpu *vcpu, u64 value)
{
	(void)vcpu;
	if (!guest_cpuid_has(X86_FEATURE_PAT) || !pat_valid(value))
		return false;
	vmcs_write(GUEST_IA32_PAT, value);
	return true;
}

/* IA32_TSC_DEADLINE arms the APIC timer in TSC-deadline mode (lapic.c). */
static bool tsc_deadline_get(struct vcpu *vcpu, u64 *value)
{
	*value = lapic_get_tscdeadline_msr(&vcpu->apic);
	return true;
}

static bool tsc_deadline_set(struct vcpu *vcpu, u64 value)
{
	lapic_set_tscdeadline_msr(&vcpu->apic, value);
	return true;
}

static const struct emulated_msr emulated_msrs[] = {
	{ MSR_EFER, "EFER", efer_get, efer_set },
	{ MSR_IA32_TSC, "TSC", tsc_get, NULL },
	{ MSR_IA32_MISC_ENABLE, "MISC_ENABLE", misc_enable_get,
	  misc_enable_set },
	{ MSR_IA32_APICBASE, "APIC_BASE", apic_base_get, apic_base_set },
	{ MSR_IA32_UCODE_REV, "UCODE_REV", ucode_rev_get, ucode_rev_set },
	{ MSR_IA32_SYSENTER_CS, "SYSENTER_CS", sysenter_cs_get,
	  sysenter_cs_set },
	{ MSR_IA32_SYSENTER_ESP, "SYSENTER_ESP", sysenter_esp_get,
	  sysenter_esp_set },
	{ MSR_IA32_SYSENTER_EIP, "SYSENTER_EIP", sysenter_eip_get,
	  sysenter_eip_set },
	{ MSR_IA32_CR_PAT, "PAT", pat_get, pat_set },
	{ MSR_IA32_TSC_DEADLINE, "TSC_DEADLINE", tsc_deadline_get,
	  tsc_deadline_set },
};

static bool is_x2apic_msr(u32 msr)
{
	return msr >= APIC_BASE_MSR && msr <= APIC_BASE_MSR_LAST;
}

/*
 * The x2APIC registers, at the TSC of this exit. Enabling the APIC (SVR)
 * may let a "page ready" through that waited for it (async_pf.c).
 */
static bool x2apic_get(struct vcpu *vcpu, u32 msr, u64 *value)
{
	return x2apic_msr_read(&vcpu->apic, msr, vcpu->exit_tsc, value);
}

static bool x2apic_set(struct vcpu *vcpu, u32 msr, u64 value)
{
	if (!x2apic_msr_write(&vcpu->apic, msr, value, vcpu->exit_tsc))
		return false;
	if (msr == APIC_BASE_MSR + (APIC_SPIV >> APIC_REG_SHIFT))
		async_pf_request_ready(vcpu);
	return true;
}

static const struct emulated_msr *find_msr(u32 msr)
{
	const struct emulated_msr *pv = pv_msr_find(msr);

	if (pv)
		return pv;
	for (size_t i = 0; i < ARRAY_SIZE(emulated_msrs); i++)
		if (emulated_msrs[i].index == msr)
			return &emulated_msrs[i];
	return NULL;
}

static enum exit_result deny(struct vcpu *vcpu, const char *op, u32 msr)
{
	if (vcpu->msr_denied++ < DENIED_MSRS_PRINTED)
		printk("faultline: guest %s of MSR %#x at RIP %#llx: "
		       "not emulated, injecting #GP\n", op, msr,
		       (unsigned long long)vmcs_read(GUEST_RIP));
	inject_gp(vcpu);
	return EXIT_RESUME;
}

enum exit_result handle_rdmsr(struct vcpu *vcpu)
{
	u32 msr = (u32)vcpu->regs.rcx;
	const struct emulated_msr *m = find_msr(msr);
	u64 value;

	if (is_x2apic_msr(msr) ? !x2apic_get(vcpu, msr, &value) :
	    (!m || !m->get || !m->get(vcpu, &value)))
		return deny(vcpu, "read", msr);
	vcpu->regs.rax = (u32)value;
	vcpu->regs.rdx = value >> 32;
	skip_emulated_instruction(vcpu);
	return EXIT_RESUME;
}

enum exit_result handle_wrmsr(struct vcpu *vcpu)
{
	u32 msr = (u32)vcpu->regs.rcx;
	u64 value = (vcpu->regs.rdx << 32) | (u32)vcpu->regs.rax;
	const struct emulated_msr *m = find_msr(msr);

	if (is_x2apic_msr(msr) ? !x2apic_set(vcpu, msr, value) :
	    (!m || !m->set || !m->set(vcpu, value)))
		return deny(vcpu, "write", msr);
	skip_emulated_instruction(vcpu);
	return EXIT_RESUME;
}
