/* vmm/msr.c - RDMSR/WRMSR exits: the few MSRs faultline emulates, #GP for the rest. KVM: kvm_get_msr_common()/kvm_set_msr_common() in arch/x86/kvm/x86.c. */
#include "exit.h"
#include "console.h"
#include "msr.h"
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

static const struct emulated_msr emulated_msrs[] = {
	{ MSR_EFER, "EFER", efer_get, efer_set },
	{ MSR_IA32_TSC, "TSC", tsc_get, NULL },
};

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

	if (!m || !m->get || !m->get(vcpu, &value))
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

	if (!m || !m->set || !m->set(vcpu, value))
		return deny(vcpu, "write", msr);
	skip_emulated_instruction(vcpu);
	return EXIT_RESUME;
}
