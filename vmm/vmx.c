/* vmm/vmx.c - turn VMX on: CPUID and IA32_FEATURE_CONTROL checks, capability MSRs, CR0/CR4 fixed bits, VMXON. KVM: vmx_hardware_enable(), cpu_has_vmx(). */
#include "vmx_hw.h"
#include "console.h"
#include "portio.h"
#include "vmm.h"
#include "vmx_ops.h"
#include "../include/x86.h"

bool vmx_on;

/* QEMU without KVM (TCG) and AMD CPUs end here: say what to do instead. */
void vmx_check_cpu(void)
{
	u32 a, b, c, d;

	cpuid_count(1, 0, &a, &b, &c, &d);
	if (!(c & CPUID_1_ECX_VMX))
		machine_cannot("this CPU has no VMX (CPUID.1:ECX.VMX[bit 5] = 0); "
			       "run faultline under Bochs (make run EMU=bochs) "
			       "or QEMU with KVM on an Intel host with nested "
			       "virtualization (make run EMU=kvm)");
}

/*
 * IA32_FEATURE_CONTROL gates VMXON (SDM 24.7). Firmware normally locks it;
 * OVMF under Bochs leaves it 0, and VMXON then raises #GP until it is
 * written with VMX-outside-SMX enabled and locked.
 */
static void enable_feature_control(void)
{
	u64 fc = rdmsr(MSR_IA32_FEAT_CTL);

	if (fc & FEAT_CTL_LOCKED) {
		if (!(fc & FEAT_CTL_VMX_ENABLED_OUTSIDE_SMX))
			machine_cannot("VMX is disabled by the firmware "
				       "(IA32_FEATURE_CONTROL = %#llx is locked "
				       "without VMX outside SMX); enable "
				       "virtualization in the firmware setup",
				       (unsigned long long)fc);
		return;
	}
	wrmsr(MSR_IA32_FEAT_CTL, fc | FEAT_CTL_LOCKED |
				 FEAT_CTL_VMX_ENABLED_OUTSIDE_SMX);
}

/*
 * IA32_VMX_PROCBASED_CTLS2 exists only if the secondary controls can be
 * turned on, and IA32_VMX_EPT_VPID_CAP only if EPT or VPID can (A.3.3,
 * A.10); 0 where absent.
 */
static void read_procbased2_and_ept_cap(u64 procbased, u64 *procbased2,
					u64 *ept_vpid_cap)
{
	*procbased2 = (procbased >> 32) & CPU_BASED_ACTIVATE_SECONDARY_CONTROLS ?
		      rdmsr(MSR_IA32_VMX_PROCBASED_CTLS2) : 0;
	*ept_vpid_cap = (*procbased2 >> 32) & (SECONDARY_EXEC_ENABLE_EPT |
					       SECONDARY_EXEC_ENABLE_VPID) ?
			rdmsr(MSR_IA32_VMX_EPT_VPID_CAP) : 0;
}

/*
 * Whether the CPU keeps EPT accessed/dirty flags (IA32_VMX_EPT_VPID_CAP
 * bit 21). Asked before VMXON, since the first EPT entry is written then:
 * the capability MSRs are readable whenever CPUID says VMX.
 */
enum ept_ad vmx_ept_ad_mode(void)
{
	u64 basic = rdmsr(MSR_IA32_VMX_BASIC), procbased2, ept_cap;

	read_procbased2_and_ept_cap(rdmsr(basic & VMX_BASIC_TRUE_CTLS ?
					  MSR_IA32_VMX_TRUE_PROCBASED_CTLS :
					  MSR_IA32_VMX_PROCBASED_CTLS),
				    &procbased2, &ept_cap);
	return ept_cap & VMX_EPT_AD_BIT ? EPT_AD_HW : EPT_AD_SW;
}

/* The TRUE_ MSRs report which default-1 controls may be 0 (A.2). */
static void read_vmx_capability(struct vmx_capability *cap)
{
	bool true_ctls;

	cap->basic = rdmsr(MSR_IA32_VMX_BASIC);
	true_ctls = cap->basic & VMX_BASIC_TRUE_CTLS;
	cap->pinbased = rdmsr(true_ctls ? MSR_IA32_VMX_TRUE_PINBASED_CTLS
					: MSR_IA32_VMX_PINBASED_CTLS);
	cap->procbased = rdmsr(true_ctls ? MSR_IA32_VMX_TRUE_PROCBASED_CTLS
					 : MSR_IA32_VMX_PROCBASED_CTLS);
	cap->exit = rdmsr(true_ctls ? MSR_IA32_VMX_TRUE_EXIT_CTLS
				    : MSR_IA32_VMX_EXIT_CTLS);
	cap->entry = rdmsr(true_ctls ? MSR_IA32_VMX_TRUE_ENTRY_CTLS
				     : MSR_IA32_VMX_ENTRY_CTLS);
	cap->misc = rdmsr(MSR_IA32_VMX_MISC);
	cap->cr0_fixed0 = rdmsr(MSR_IA32_VMX_CR0_FIXED0);
	cap->cr0_fixed1 = rdmsr(MSR_IA32_VMX_CR0_FIXED1);
	cap->cr4_fixed0 = rdmsr(MSR_IA32_VMX_CR4_FIXED0);
	cap->cr4_fixed1 = rdmsr(MSR_IA32_VMX_CR4_FIXED1);
	read_procbased2_and_ept_cap(cap->procbased, &cap->procbased2,
				    &cap->ept_vpid_cap);
}

/*
 * faultline's EPT: 4-level walk, WB tables, and an INVEPT that can drop
 * this EPTP's translations: single-context, else all-context (A.10, bits
 * 25 and 26; KVM's ept_sync_context() falls back the same way). Without
 * either a right taken away could never be made to stick (ept/ept.h).
 * EPT accessed/dirty flags are not needed: without them faultline keeps
 * the bits itself (EPT_AD_SW), chosen before the first EPT entry by
 * vmx_ept_ad_mode().
 */
static void check_ept_capability(u64 ept_cap)
{
	static const struct { u64 bit; const char *what; } needed[] = {
		{ VMX_EPT_PAGE_WALK_4_BIT, "4-level EPT page walk" },
		{ VMX_EPTP_WB_BIT, "write-back EPT paging structures" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(needed); i++)
		if (!(ept_cap & needed[i].bit))
			machine_cannot("this CPU's VMX lacks %s "
				       "(IA32_VMX_EPT_VPID_CAP = %#llx)",
				       needed[i].what,
				       (unsigned long long)ept_cap);
	if (!vmx_invept_type(ept_cap))
		machine_cannot("this CPU's VMX lacks an INVEPT that can drop "
			       "an EPTP's translations (single-context or "
			       "all-context; IA32_VMX_EPT_VPID_CAP = %#llx)",
			       (unsigned long long)ept_cap);
}

void vmx_hardware_enable(struct vmx_capability *cap, struct vmcs_config *conf,
			 u8 *vmxon_region)
{
	struct vmcs_config_error err;

	enable_feature_control();
	read_vmx_capability(cap);

	if (((cap->basic >> VMX_BASIC_MEM_TYPE_SHIFT) &
	     VMX_BASIC_MEM_TYPE_MASK) != VMX_BASIC_MEM_TYPE_WB)
		machine_cannot("this CPU wants the VMCS in non-write-back "
			       "memory (IA32_VMX_BASIC = %#llx)",
			       (unsigned long long)cap->basic);
	err = setup_vmcs_config(cap, conf);
	if (err.word) {
		unsigned bit = (unsigned)__builtin_ctz(err.missing);

		machine_cannot("this CPU's VMX lacks a required %s control: "
			       "bit %u (%s)", err.word, bit,
			       vmx_control_bit_name(err.word, bit));
	}
	check_ept_capability(cap->ept_vpid_cap);

	/*
	 * Long mode cannot drop CR4.LA57, so a VMX that forbids it in VMX
	 * operation cannot run under this firmware's 5-level paging: say so
	 * rather than take the #GP of the CR4 write below.
	 */
	if ((read_cr4() & X86_CR4_LA57) && !(cap->cr4_fixed1 & X86_CR4_LA57))
		machine_cannot("the firmware runs 5-level paging (CR4.LA57), "
			       "which this CPU's VMX does not allow "
			       "(IA32_VMX_CR4_FIXED1 = %#llx)",
			       (unsigned long long)cap->cr4_fixed1);
	/* 24.8: CR0 and CR4 must respect the fixed bits before VMXON. */
	write_cr0(vmx_fixed_cr(read_cr0(), cap->cr0_fixed0, cap->cr0_fixed1));
	write_cr4(vmx_fixed_cr(read_cr4() | X86_CR4_VMXE, cap->cr4_fixed0,
			       cap->cr4_fixed1));

	*(u32 *)vmxon_region = conf->revision_id;
	if (!vmxon((hpa_t)(uintptr_t)vmxon_region))
		machine_cannot("VMXON failed (CR0 = %#llx, CR4 = %#llx, "
			       "IA32_FEATURE_CONTROL = %#llx)",
			       (unsigned long long)read_cr0(),
			       (unsigned long long)read_cr4(),
			       (unsigned long long)rdmsr(MSR_IA32_FEAT_CTL));
	vmx_on = true;
}

void vmcs_read_failed(enum vmcs_field field)
{
	panic("VMREAD of VMCS field %#x failed", field);
}

void vmcs_write_failed(enum vmcs_field field, u64 value)
{
	panic("VMWRITE of %#llx to VMCS field %#x failed",
	      (unsigned long long)value, field);
}

static u64 ept_vpid_cap;	/* IA32_VMX_EPT_VPID_CAP: INVEPT and INVVPID types */
static u64 invept_type;		/* of it, once: vmx_invept() runs per flush */
static bool vpid_on;

/*
 * Drop every translation tagged with faultline's VPID: the guest's own
 * TLB. Needed whenever faultline changes what the guest's linear
 * addresses mean without the guest doing it itself (an emulated MOV to
 * CR0/CR4 that changes paging): with VPID, VM entry no longer flushes.
 * Single-context where offered, else all-context (setup_vmcs_config()
 * turns VPID off when neither is). KVM: vpid_sync_context().
 */
void vpid_sync_context(void)
{
	u64 type = vmx_invvpid_type(ept_vpid_cap);

	if (!vpid_on)
		return;		/* VPID 0: every entry and exit flushes */
	if (!invvpid(type, FAULTLINE_VPID))
		panic("INVVPID %s failed for VPID %u",
		      type == VMX_VPID_EXTENT_SINGLE_CONTEXT ? "single-context"
							     : "all-context",
		      FAULTLINE_VPID);
}

/*
 * Before the first VM entry: nothing cached under this EPTP or VPID may
 * survive from before faultline (an earlier VMX user of the same EP4TA
 * or VPID: firmware, a kexec'd kernel). KVM flushes at hardware_enable()
 * (ept_sync_global()) for the same reason; faultline needs only its own
 * context: the EPT flush is requested here and done by the run loop
 * right before the first entry, like every other (ept/ept.h), and
 * vpid_sync_context() drops the VPID's.
 */
void vmx_flush_before_first_entry(const struct vmx_capability *cap,
				  const struct vmcs_config *conf,
				  struct ept *ept)
{
	ept_vpid_cap = cap->ept_vpid_cap;
	invept_type = vmx_invept_type(ept_vpid_cap);
	vpid_on = conf->cpu_based_2nd_exec_ctrl & SECONDARY_EXEC_ENABLE_VPID;
	ept_request_flush(ept);
	vpid_sync_context();
}

/*
 * ept->invept, called by ept_flush_if_requested() right before a VM
 * entry: drop cached GPA translations after EPT entries lost rights, A
 * or D, or their mapping (29.4.3.3). Single-context is enough every
 * time: it invalidates the guest-physical and combined mappings of this
 * EPTP for every VPID (31.3, INVEPT), and this EPTP is the only one
 * faultline uses. Where only all-context is offered, that (every EPTP)
 * does the same and more; check_ept_capability() refused a CPU with
 * neither. KVM: ept_sync_context().
 */
void vmx_invept(struct ept *ept)
{
	u64 type = invept_type;

	if (!vmx_on)
		return;		/* before VMXON nothing is cached */
	if (!invept(type, ept_eptp(ept)))
		panic("INVEPT %s failed for EPTP %#llx",
		      type == VMX_EPT_EXTENT_CONTEXT ? "single-context"
						     : "all-context",
		      (unsigned long long)ept_eptp(ept));
}
