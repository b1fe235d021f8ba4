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

static u64 vmcs_peek(enum vmcs_field field)
{
	u64 v;

	return vmread_checked(field, &v) ? v : ~0ull;	/* all ones: unreadable */
}

/* One segment register: selector, base, limit, access rights (25.4.1). */
static void dump_segment(const char *name, enum vmcs_field selector)
{
	/* The limit, AR and base fields are 0x4000, 0x4014, 0x6006 past the selector's ES..TR numbering. */
	unsigned index = (selector - GUEST_ES_SELECTOR) / 2;

	printk("  %-4s sel=%#06llx base=%#018llx limit=%#010llx ar=%#07llx\n",
	       name, (unsigned long long)vmcs_peek(selector),
	       (unsigned long long)vmcs_peek(GUEST_ES_BASE + 2 * index),
	       (unsigned long long)vmcs_peek(GUEST_ES_LIMIT + 2 * index),
	       (unsigned long long)vmcs_peek(GUEST_ES_AR_BYTES + 2 * index));
}

/*
 * The guest's last state, as KVM's dump_vmcs() and QEMU's "info
 * registers" print it: what a guest author needs after a triple fault.
 * CR0 and CR4 as the guest sees them (read shadow) and as the CPU ran them.
 */
void dump_guest_registers(const struct vcpu *vcpu)
{
	const struct guest_regs *r = &vcpu->regs;
	static const struct { const char *name; enum vmcs_field f; } segs[] = {
		{ "cs", GUEST_CS_SELECTOR }, { "ss", GUEST_SS_SELECTOR },
		{ "ds", GUEST_DS_SELECTOR }, { "es", GUEST_ES_SELECTOR },
		{ "fs", GUEST_FS_SELECTOR }, { "gs", GUEST_GS_SELECTOR },
		{ "ldtr", GUEST_LDTR_SELECTOR }, { "tr", GUEST_TR_SELECTOR },
	};

#define R(x) ((unsigned long long)(x))
	printk("faultline: guest registers:\n");
	printk("  rax=%#018llx rbx=%#018llx rcx=%#018llx rdx=%#018llx\n",
	       R(r->rax), R(r->rbx), R(r->rcx), R(r->rdx));
	printk("  rsi=%#018llx rdi=%#018llx rbp=%#018llx rsp=%#018llx\n",
	       R(r->rsi), R(r->rdi), R(r->rbp), R(vmcs_peek(GUEST_RSP)));
	printk("  r8 =%#018llx r9 =%#018llx r10=%#018llx r11=%#018llx\n",
	       R(r->r8), R(r->r9), R(r->r10), R(r->r11));
	printk("  r12=%#018llx r13=%#018llx r14=%#018llx r15=%#018llx\n",
	       R(r->r12), R(r->r13), R(r->r14), R(r->r15));
	printk("  rip=%#018llx rflags=%#010llx\n",
	       R(vmcs_peek(GUEST_RIP)), R(vmcs_peek(GUEST_RFLAGS)));
	printk("  cr0=%#010llx (cpu %#010llx) cr2=%#018llx cr3=%#018llx\n",
	       R(vmcs_peek(CR0_READ_SHADOW)), R(vmcs_peek(GUEST_CR0)),
	       R(r->cr2), R(vmcs_peek(GUEST_CR3)));
	printk("  cr4=%#010llx (cpu %#010llx) efer=%#llx xcr0=%#llx\n",
	       R(vmcs_peek(CR4_READ_SHADOW)), R(vmcs_peek(GUEST_CR4)),
	       R(vmcs_peek(GUEST_IA32_EFER)), R(vcpu->cr.xcr0));
	for (size_t i = 0; i < ARRAY_SIZE(segs); i++)
		dump_segment(segs[i].name, segs[i].f);
	printk("  gdtr base=%#018llx limit=%#06llx  idtr base=%#018llx "
	       "limit=%#06llx\n", R(vmcs_peek(GUEST_GDTR_BASE)),
	       R(vmcs_peek(GUEST_GDTR_LIMIT)), R(vmcs_peek(GUEST_IDTR_BASE)),
	       R(vmcs_peek(GUEST_IDTR_LIMIT)));
	printk("  interruptibility=%#llx activity=%llu\n",
	       R(vmcs_peek(GUEST_INTERRUPTIBILITY_INFO)),
	       R(vmcs_peek(GUEST_ACTIVITY_STATE)));
#undef R
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
	case ENTRY_FAIL_DEFAULT: return "no further detail";
	case ENTRY_FAIL_PDPTE: return "failure loading PDPTEs";
	case ENTRY_FAIL_NMI: return "NMI injection blocked";
	case ENTRY_FAIL_VMCS_LINK_PTR: return "invalid VMCS link pointer";
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

	/* A GDT selector with RPL 0: TI and RPL clear, 27.2.3. */
	if (tr == 0 || (tr & (SEGMENT_TI_MASK | SEGMENT_RPL_MASK)))
		printk("faultline:   invalid host TR selector (%#llx): "
		       "needs a TSS in the GDT and LTR\n",
		       (unsigned long long)tr);
	if (cs == 0 || (cs & (SEGMENT_TI_MASK | SEGMENT_RPL_MASK)))
		printk("faultline:   invalid host CS selector (%#llx)\n",
		       (unsigned long long)cs);
	if (!is_canonical_address(rip))
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
