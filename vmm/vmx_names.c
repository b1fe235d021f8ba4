/* vmm/vmx_names.c - names for exit reasons and VM-instruction errors, so no failure is just a number. KVM: VMX_EXIT_REASONS in uapi/asm/vmx.h, vm_instruction_error_number in asm/vmx.h. */
#include "vmx_names.h"

static const char *const exit_reason_names[EXIT_REASON_MAX] = {
	[EXIT_REASON_EXCEPTION_NMI]	= "exception_nmi",
	[EXIT_REASON_EXTERNAL_INTERRUPT] = "external_interrupt",
	[EXIT_REASON_TRIPLE_FAULT]	= "triple_fault",
	[EXIT_REASON_INIT_SIGNAL]	= "init_signal",
	[EXIT_REASON_SIPI_SIGNAL]	= "sipi_signal",
	[EXIT_REASON_INTERRUPT_WINDOW]	= "interrupt_window",
	[EXIT_REASON_NMI_WINDOW]	= "nmi_window",
	[EXIT_REASON_TASK_SWITCH]	= "task_switch",
	[EXIT_REASON_CPUID]		= "cpuid",
	[EXIT_REASON_GETSEC]		= "getsec",
	[EXIT_REASON_HLT]		= "hlt",
	[EXIT_REASON_INVD]		= "invd",
	[EXIT_REASON_INVLPG]		= "invlpg",
	[EXIT_REASON_RDPMC]		= "rdpmc",
	[EXIT_REASON_RDTSC]		= "rdtsc",
	[EXIT_REASON_RSM]		= "rsm",
	[EXIT_REASON_VMCALL]		= "vmcall",
	[EXIT_REASON_VMCLEAR]		= "vmclear",
	[EXIT_REASON_VMLAUNCH]		= "vmlaunch",
	[EXIT_REASON_VMPTRLD]		= "vmptrld",
	[EXIT_REASON_VMPTRST]		= "vmptrst",
	[EXIT_REASON_VMREAD]		= "vmread",
	[EXIT_REASON_VMRESUME]		= "vmresume",
	[EXIT_REASON_VMWRITE]		= "vmwrite",
	[EXIT_REASON_VMOFF]		= "vmxoff",
	[EXIT_REASON_VMON]		= "vmxon",
	[EXIT_REASON_CR_ACCESS]		= "cr_access",
	[EXIT_REASON_DR_ACCESS]		= "dr_access",
	[EXIT_REASON_IO_INSTRUCTION]	= "io",
	[EXIT_REASON_MSR_READ]		= "msr_read",
	[EXIT_REASON_MSR_WRITE]		= "msr_write",
	[EXIT_REASON_INVALID_STATE]	= "invalid_guest_state",
	[EXIT_REASON_MSR_LOAD_FAIL]	= "msr_load_fail",
	[EXIT_REASON_MWAIT_INSTRUCTION]	= "mwait",
	[EXIT_REASON_MONITOR_TRAP_FLAG]	= "monitor_trap_flag",
	[EXIT_REASON_MONITOR_INSTRUCTION] = "monitor",
	[EXIT_REASON_PAUSE_INSTRUCTION]	= "pause",
	[EXIT_REASON_MCE_DURING_VMENTRY] = "mce_during_vmentry",
	[EXIT_REASON_TPR_BELOW_THRESHOLD] = "tpr_below_threshold",
	[EXIT_REASON_APIC_ACCESS]	= "apic_access",
	[EXIT_REASON_EOI_INDUCED]	= "eoi_induced",
	[EXIT_REASON_GDTR_IDTR]		= "gdtr_idtr",
	[EXIT_REASON_LDTR_TR]		= "ldtr_tr",
	[EXIT_REASON_EPT_VIOLATION]	= "ept_violation",
	[EXIT_REASON_EPT_MISCONFIG]	= "ept_misconfig",
	[EXIT_REASON_INVEPT]		= "invept",
	[EXIT_REASON_RDTSCP]		= "rdtscp",
	[EXIT_REASON_PREEMPTION_TIMER]	= "preemption_timer",
	[EXIT_REASON_INVVPID]		= "invvpid",
	[EXIT_REASON_WBINVD]		= "wbinvd",
	[EXIT_REASON_XSETBV]		= "xsetbv",
	[EXIT_REASON_APIC_WRITE]	= "apic_write",
	[EXIT_REASON_RDRAND]		= "rdrand",
	[EXIT_REASON_INVPCID]		= "invpcid",
	[EXIT_REASON_VMFUNC]		= "vmfunc",
	[EXIT_REASON_ENCLS]		= "encls",
	[EXIT_REASON_RDSEED]		= "rdseed",
	[EXIT_REASON_PML_FULL]		= "pml_full",
	[EXIT_REASON_XSAVES]		= "xsaves",
	[EXIT_REASON_XRSTORS]		= "xrstors",
};

const char *exit_reason_name(u32 basic_reason)
{
	if (basic_reason < EXIT_REASON_MAX && exit_reason_names[basic_reason])
		return exit_reason_names[basic_reason];
	return "unknown";
}

/* 31.4, Table 31-1, in the SDM's words. */
static const char *const vm_instruction_error_names[] = {
	[VMXERR_VMCALL_IN_VMX_ROOT_OPERATION] =
		"VMCALL executed in VMX root operation",
	[VMXERR_VMCLEAR_INVALID_ADDRESS] =
		"VMCLEAR with invalid physical address",
	[VMXERR_VMCLEAR_VMXON_POINTER] = "VMCLEAR with VMXON pointer",
	[VMXERR_VMLAUNCH_NONCLEAR_VMCS] = "VMLAUNCH with non-clear VMCS",
	[VMXERR_VMRESUME_NONLAUNCHED_VMCS] =
		"VMRESUME with non-launched VMCS",
	[VMXERR_VMRESUME_AFTER_VMXOFF] = "VMRESUME after VMXOFF",
	[VMXERR_ENTRY_INVALID_CONTROL_FIELD] =
		"VM entry with invalid control field(s)",
	[VMXERR_ENTRY_INVALID_HOST_STATE_FIELD] =
		"VM entry with invalid host-state field(s)",
	[VMXERR_VMPTRLD_INVALID_ADDRESS] =
		"VMPTRLD with invalid physical address",
	[VMXERR_VMPTRLD_VMXON_POINTER] = "VMPTRLD with VMXON pointer",
	[VMXERR_VMPTRLD_INCORRECT_VMCS_REVISION_ID] =
		"VMPTRLD with incorrect VMCS revision identifier",
	[VMXERR_UNSUPPORTED_VMCS_COMPONENT] =
		"VMREAD/VMWRITE from/to unsupported VMCS component",
	[VMXERR_VMWRITE_READ_ONLY_VMCS_COMPONENT] =
		"VMWRITE to read-only VMCS component",
	[VMXERR_VMXON_IN_VMX_ROOT_OPERATION] =
		"VMXON executed in VMX root operation",
	[VMXERR_ENTRY_INVALID_EXECUTIVE_VMCS_POINTER] =
		"VM entry with invalid executive-VMCS pointer",
	[VMXERR_ENTRY_NONLAUNCHED_EXECUTIVE_VMCS] =
		"VM entry with non-launched executive VMCS",
	[VMXERR_ENTRY_EXECUTIVE_VMCS_POINTER_NOT_VMXON_POINTER] =
		"VM entry with executive-VMCS pointer not VMXON pointer",
	[VMXERR_VMCALL_NONCLEAR_VMCS] = "VMCALL with non-clear VMCS",
	[VMXERR_VMCALL_INVALID_VM_EXIT_CONTROL_FIELDS] =
		"VMCALL with invalid VM-exit control fields",
	[VMXERR_VMCALL_INCORRECT_MSEG_REVISION_ID] =
		"VMCALL with incorrect MSEG revision identifier",
	[VMXERR_VMXOFF_UNDER_DUAL_MONITOR_TREATMENT_OF_SMIS_AND_SMM] =
		"VMXOFF under dual-monitor treatment of SMIs and SMM",
	[VMXERR_VMCALL_INVALID_SMM_MONITOR_FEATURES] =
		"VMCALL with invalid SMM-monitor features",
	[VMXERR_ENTRY_INVALID_VM_EXECUTION_CONTROL_FIELDS_IN_EXECUTIVE_VMCS] =
		"VM entry with invalid VM-execution control fields in executive VMCS",
	[VMXERR_ENTRY_EVENTS_BLOCKED_BY_MOV_SS] =
		"VM entry with events blocked by MOV SS",
	[VMXERR_INVALID_OPERAND_TO_INVEPT_INVVPID] =
		"invalid operand to INVEPT/INVVPID",
};

const char *vm_instruction_error_name(u32 error)
{
	if (error < ARRAY_SIZE(vm_instruction_error_names) &&
	    vm_instruction_error_names[error])
		return vm_instruction_error_names[error];
	return "unknown VM-instruction error";
}
