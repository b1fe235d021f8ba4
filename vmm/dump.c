/* vmm/dump.c - dump the VMCS and the recent-exit ring; name why VM entry failed. KVM: dump_vmcs(), vmx_handle_exit()'s failed-entry path. */
#include "dump.h"
#include "console.h"
#include "portio.h"
#include "vmm.h"
#include "vmx_names.h"
#include "vmx_ops.h"

struct named_field {
	enum vmcs_field field;
	const char *name;
};

#define F(x) { x, #x }
/* The fields the entry checks look at (27.2, 27.3), in that order. */
static const struct named_field dumped_fields[] = {
	F(PIN_BASED_VM_EXEC_CONTROL), F(CPU_BASED_VM_EXEC_CONTROL),
	F(SECONDARY_VM_EXEC_CONTROL), F(VM_EXIT_CONTROLS),
	F(VM_ENTRY_CONTROLS), F(VM_ENTRY_INTR_INFO_FIELD), F(EPT_POINTER),
	F(HOST_CR0), F(HOST_CR3), F(HOST_CR4), F(HOST_IA32_EFER),
	F(HOST_CS_SELECTOR), F(HOST_SS_SELECTOR), F(HOST_TR_SELECTOR),
	F(HOST_TR_BASE), F(HOST_GDTR_BASE), F(HOST_IDTR_BASE),
	F(HOST_RSP), F(HOST_RIP),
	F(GUEST_CR0), F(GUEST_CR3), F(GUEST_CR4), F(GUEST_IA32_EFER),
	F(GUEST_CS_SELECTOR), F(GUEST_CS_AR_BYTES), F(GUEST_SS_AR_BYTES),
	F(GUEST_TR_SELECTOR), F(GUEST_TR_AR_BYTES), F(GUEST_TR_BASE),
	F(GUEST_LDTR_AR_BYTES), F(GUEST_GDTR_BASE), F(GUEST_GDTR_LIMIT),
	F(GUEST_RIP), F(GUEST_RSP), F(GUEST_RFLAGS),
	F(GUEST_ACTIVITY_STATE), F(GUEST_INTERRUPTIBILITY_INFO),
	F(VMCS_LINK_POINTER),
};
#undef F

void dump_vmcs(void)
{
	printk("faultline: VMCS:\n");
	for (size_t i = 0; i < ARRAY_SIZE(dumped_fields); i++) {
		u64 v;

		if (vmread_checked(dumped_fields[i].field, &v))
			printk("  %-28s %#llx\n", dumped_fields[i].name,
			       (unsigned long long)v);
		else
			printk("  %-28s (unreadable)\n",
			       dumped_fields[i].name);
	}
}

void dump_exit_ring(const struct vcpu *vcpu)
{
	u64 n = MIN(vcpu->ring_next, (u64)EXIT_RING_SIZE);

	printk("faultline: the last %llu of %llu exits, oldest first:\n",
	       (unsigned long long)n, (unsigned long long)vcpu->ring_next);
	for (u64 i = vcpu->ring_next - n; i < vcpu->ring_next; i++) {
		const struct exit_record *r = &vcpu->ring[i % EXIT_RING_SIZE];

		printk("  tsc=%llu reason=%u(%s) qual=%#llx gpa=%#llx "
		       "rip=%#llx\n", (unsigned long long)r->tsc, r->reason,
		       exit_reason_name(r->reason & EXIT_REASON_BASIC_MASK),
		       (unsigned long long)r->qualification,
		       (unsigned long long)r->gpa,
		       (unsigned long long)r->rip);
	}
}

/* The exit qualification of a failed VM entry, as 27.8 lists it. */
static const char *entry_failure_detail(u64 qual)
{
	switch (qual) {
	case 0: return "no further detail";
	case 2: return "failure loading PDPTEs";
	case 3: return "NMI injection blocked";
	case 4: return "invalid VMCS link pointer";
	default: return "unknown";
	}
}

enum exit_result report_vmentry_failure(struct vcpu *vcpu)
{
	u32 basic = vcpu->exit_reason & EXIT_REASON_BASIC_MASK;

	printk("faultline: VM entry failed: exit reason %u (%s), "
	       "qualification %#llx (%s)\n", basic, exit_reason_name(basic),
	       (unsigned long long)vcpu->exit_qualification,
	       entry_failure_detail(vcpu->exit_qualification));
	dump_vmcs();
	return vcpu_stop(vcpu, RUN_FAIL, "vmentry_failed",
			 "VM entry failed on the guest state check (%s)",
			 exit_reason_name(basic));
}

/*
 * Error 8 only says "some host-state field": look at the ones that stop a
 * hypervisor on real firmware (27.2.3). OVMF's TR = 0 is the classic.
 */
static void diagnose_host_state(void)
{
	u64 tr = vmcs_read(HOST_TR_SELECTOR), cs = vmcs_read(HOST_CS_SELECTOR);
	u64 rip = vmcs_read(HOST_RIP);

	if (tr == 0 || (tr & 7))
		printk("faultline:   invalid host TR selector (%#llx): "
		       "needs a TSS in the GDT and LTR\n",
		       (unsigned long long)tr);
	if (cs == 0 || (cs & 7))
		printk("faultline:   invalid host CS selector (%#llx)\n",
		       (unsigned long long)cs);
	if ((u64)((s64)(rip << 16) >> 16) != rip)
		printk("faultline:   host RIP %#llx is not canonical\n",
		       (unsigned long long)rip);
	if (!(vmcs_read(HOST_CR4) & X86_CR4_VMXE))
		printk("faultline:   host CR4.VMXE is clear\n");
}

void report_vm_instruction_error(const char *instruction)
{
	u32 err = (u32)vmcs_read(VM_INSTRUCTION_ERROR);

	printk("faultline: %s failed: VM-instruction error %u, \"%s\"\n",
	       instruction, err, vm_instruction_error_name(err));
	if (err == VMXERR_ENTRY_INVALID_HOST_STATE_FIELD)
		diagnose_host_state();
	dump_vmcs();
}
