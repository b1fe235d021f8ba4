/* vmm/vmx_controls.c - derive faultline's VMX controls from capability MSRs. KVM: setup_vmcs_config()/adjust_vmx_controls() in arch/x86/kvm/vmx/vmx.c. Pure C: host tests compile it. */
#include "vmx_controls.h"
#include "../include/vmx.h"

int adjust_vmx_controls(u32 required, u32 optional, u64 cap_msr,
			u32 *result, u32 *missing)
{
	u32 must_be_one = (u32)cap_msr;		/* allowed-0 word */
	u32 may_be_one = (u32)(cap_msr >> 32);	/* allowed-1 word */
	u32 ctl = required | optional;

	ctl &= may_be_one;	/* bit == 0 in high word ==> must be zero */
	ctl |= must_be_one;	/* bit == 1 in low word  ==> must be one  */
	*missing = required & ~ctl;
	*result = ctl;
	return *missing ? -1 : 0;
}

/*
 * What faultline needs (min) and would like (opt) in each word, with the
 * reason for each decision. KVM splits its wishes the same way.
 */
static const u32 pin_min =
	/* Host interrupts exit, so a guest never steals one. */
	PIN_BASED_EXT_INTR_MASK |
	PIN_BASED_NMI_EXITING |
	/* The swap backend's completions and the PV tick: TSC-driven. */
	PIN_BASED_VMX_PREEMPTION_TIMER;

static const u32 cpu_min =
	/* HLT is where the guest waits for "page ready": faultline decides. */
	CPU_BASED_HLT_EXITING |
	/* No port reaches hardware: every IN/OUT exits (no I/O bitmap). */
	CPU_BASED_UNCOND_IO_EXITING |
	/* Without a bitmap every MSR exits; with one, a few go through. */
	CPU_BASED_USE_MSR_BITMAPS |
	CPU_BASED_MWAIT_EXITING |
	CPU_BASED_MONITOR_EXITING |
	/* RDPMC would read the host's counters: there is no virtual PMU. */
	CPU_BASED_RDPMC_EXITING |
	/* MOV CR8 would reach the real local APIC's TPR: emulate it. */
	CPU_BASED_CR8_LOAD_EXITING |
	CPU_BASED_CR8_STORE_EXITING |
	CPU_BASED_ACTIVATE_SECONDARY_CONTROLS;

static const u32 cpu2_min = SECONDARY_EXEC_ENABLE_EPT;
/*
 * Guests that run RDTSCP/INVPCID would #UD without these. VPID tags the
 * guest's TLB entries so VM entry and exit need not flush them: without
 * it every exit costs the guest its TLB (and under nested KVM, more).
 */
static const u32 cpu2_opt = SECONDARY_EXEC_ENABLE_RDTSCP |
			    SECONDARY_EXEC_ENABLE_INVPCID |
			    SECONDARY_EXEC_ENABLE_VPID;

static const u32 exit_min =
	/* The host runs in 64-bit mode. */
	VM_EXIT_HOST_ADDR_SPACE_SIZE |
	/* The vector comes in the exit information; no host IDT round trip. */
	VM_EXIT_ACK_INTR_ON_EXIT |
	VM_EXIT_SAVE_IA32_EFER | VM_EXIT_LOAD_IA32_EFER;

/* The guest's PAT lives in the VMCS (msr.c); without these, CPUID hides PAT. */
static const u32 exit_opt = VM_EXIT_SAVE_IA32_PAT | VM_EXIT_LOAD_IA32_PAT;
static const u32 entry_opt = VM_ENTRY_LOAD_IA32_PAT;

static const u32 entry_min =
	/* The guest starts, and stays, in long mode. */
	VM_ENTRY_IA32E_MODE |
	VM_ENTRY_LOAD_IA32_EFER;

struct vmcs_config_error setup_vmcs_config(const struct vmx_capability *cap,
					   struct vmcs_config *conf)
{
	struct vmcs_config_error err = { .word = NULL, .missing = 0 };

	conf->revision_id = (u32)(cap->basic & VMX_BASIC_REVISION_ID_MASK);
	conf->preemption_timer_rate =
		(unsigned)(cap->misc & VMX_MISC_PREEMPTION_TIMER_RATE_MASK);

	if (adjust_vmx_controls(pin_min, 0, cap->pinbased,
				&conf->pin_based_exec_ctrl, &err.missing))
		err.word = "pin-based";
	else if (adjust_vmx_controls(cpu_min, 0, cap->procbased,
				     &conf->cpu_based_exec_ctrl, &err.missing))
		err.word = "primary processor-based";
	else if (adjust_vmx_controls(cpu2_min, cpu2_opt, cap->procbased2,
				     &conf->cpu_based_2nd_exec_ctrl,
				     &err.missing))
		err.word = "secondary processor-based";
	else if (adjust_vmx_controls(exit_min, exit_opt, cap->exit,
				     &conf->vmexit_ctrl, &err.missing))
		err.word = "VM-exit";
	else if (adjust_vmx_controls(entry_min, entry_opt, cap->entry,
				     &conf->vmentry_ctrl, &err.missing))
		err.word = "VM-entry";
	/*
	 * VPID only with an INVVPID that can flush a whole VPID: without it
	 * a stale guest translation could never be dropped. KVM:
	 * vmx_hardware_setup() (enable_vpid = 0 without invvpid single or
	 * global).
	 */
	if (!vmx_invvpid_type(cap->ept_vpid_cap))
		conf->cpu_based_2nd_exec_ctrl &= ~SECONDARY_EXEC_ENABLE_VPID;
	return err;
}

u64 vmx_invept_type(u64 ept_vpid_cap)
{
	if (!(ept_vpid_cap & VMX_EPT_INVEPT_BIT))
		return 0;
	if (ept_vpid_cap & VMX_EPT_EXTENT_CONTEXT_BIT)
		return VMX_EPT_EXTENT_CONTEXT;
	return ept_vpid_cap & VMX_EPT_EXTENT_GLOBAL_BIT ?
	       VMX_EPT_EXTENT_GLOBAL : 0;
}

u64 vmx_invvpid_type(u64 ept_vpid_cap)
{
	if (!(ept_vpid_cap & VMX_VPID_INVVPID_BIT))
		return 0;
	if (ept_vpid_cap & VMX_VPID_EXTENT_SINGLE_CONTEXT_BIT)
		return VMX_VPID_EXTENT_SINGLE_CONTEXT;
	return ept_vpid_cap & VMX_VPID_EXTENT_ALL_CONTEXT_BIT ?
	       VMX_VPID_EXTENT_ALL_CONTEXT : 0;
}

struct control_bit_name {
	const char *word;
	unsigned bit;
	const char *name;
};

static const struct control_bit_name required_names[] = {
	{ "pin-based", 0, "external-interrupt exiting" },
	{ "pin-based", 3, "NMI exiting" },
	{ "pin-based", 6, "VMX-preemption timer" },
	{ "primary processor-based", 7, "HLT exiting" },
	{ "primary processor-based", 10, "MWAIT exiting" },
	{ "primary processor-based", 11, "RDPMC exiting" },
	{ "primary processor-based", 19, "CR8-load exiting" },
	{ "primary processor-based", 20, "CR8-store exiting" },
	{ "primary processor-based", 24, "unconditional I/O exiting" },
	{ "primary processor-based", 28, "use MSR bitmaps" },
	{ "primary processor-based", 29, "MONITOR exiting" },
	{ "primary processor-based", 31, "activate secondary controls" },
	{ "secondary processor-based", 1, "enable EPT" },
	{ "VM-exit", 9, "host address-space size" },
	{ "VM-exit", 15, "acknowledge interrupt on exit" },
	{ "VM-exit", 20, "save IA32_EFER" },
	{ "VM-exit", 21, "load IA32_EFER" },
	{ "VM-entry", 9, "IA-32e mode guest" },
	{ "VM-entry", 15, "load IA32_EFER" },
};

const char *vmx_control_bit_name(const char *word, unsigned bit)
{
	for (size_t i = 0; i < ARRAY_SIZE(required_names); i++) {
		const char *a = required_names[i].word, *b = word;

		while (*a && *a == *b) {
			a++;
			b++;
		}
		if (!*a && !*b && required_names[i].bit == bit)
			return required_names[i].name;
	}
	return "unnamed control";
}
