/* vmm/vmx_controls.h - VMX capabilities and the control words derived from them. KVM: struct vmcs_config, setup_vmcs_config(). */
#ifndef FAULTLINE_VMX_CONTROLS_H
#define FAULTLINE_VMX_CONTROLS_H

#include "../include/types.h"

/* The capability MSRs faultline reads, by name (appendix A). */
struct vmx_capability {
	u64 basic;
	u64 pinbased;		/* TRUE_ variant when basic says it exists */
	u64 procbased;
	u64 procbased2;
	u64 exit;
	u64 entry;
	u64 misc;
	u64 cr0_fixed0, cr0_fixed1;
	u64 cr4_fixed0, cr4_fixed1;
	u64 ept_vpid_cap;
};

/* The control words faultline runs with. */
struct vmcs_config {
	u32 revision_id;
	u32 pin_based_exec_ctrl;
	u32 cpu_based_exec_ctrl;
	u32 cpu_based_2nd_exec_ctrl;
	u32 vmexit_ctrl;
	u32 vmentry_ctrl;
	unsigned preemption_timer_rate;	/* timer ticks every 2^rate TSC ticks */
};

/*
 * Fit a wanted control word to what a capability MSR allows. KVM:
 * adjust_vmx_controls(). The MSR's low word holds the allowed 0-settings,
 * its high word the allowed 1-settings:
 *
 *   low bit  high bit   the control is
 *      0        1       flexible: 1 if required or optional
 *      0        0       fixed 0: a required bit here is missing
 *      1        1       fixed 1: set whether asked or not
 *
 * Returns 0, or -1 with *missing = the required bits the CPU forbids.
 */
int adjust_vmx_controls(u32 required, u32 optional, u64 cap_msr,
			u32 *result, u32 *missing);

/*
 * Which control word failed, and its missing bits, for the one-line
 * error; NULL word on success. KVM: setup_vmcs_config().
 */
struct vmcs_config_error {
	const char *word;
	u32 missing;
};
struct vmcs_config_error setup_vmcs_config(const struct vmx_capability *cap,
					   struct vmcs_config *conf);

/*
 * The INVEPT type that drops the translations of faultline's one EPTP:
 * single-context where IA32_VMX_EPT_VPID_CAP offers it (bit 25), else
 * all-context (bit 26), which drops every EPTP's; 0 with neither or
 * without INVEPT (bit 20). KVM: ept_sync_context().
 */
u64 vmx_invept_type(u64 ept_vpid_cap);
/* The same for INVVPID and one VPID (bits 41, 42; 32). KVM: vpid_sync_context(). */
u64 vmx_invvpid_type(u64 ept_vpid_cap);

/* Name of the required control bit, e.g. "enable EPT", for errors. */
const char *vmx_control_bit_name(const char *word, unsigned bit);

/* A CR value the CPU accepts in VMX operation: FIXED0 bits set, bits outside FIXED1 clear (A.7, A.8). */
static inline u64 vmx_fixed_cr(u64 value, u64 fixed0, u64 fixed1)
{
	return (value | fixed0) & fixed1;
}

#endif
