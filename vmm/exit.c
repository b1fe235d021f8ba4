/* vmm/exit.c - VM-exit dispatch, and the handlers too small for a file of their own. KVM: vmx_handle_exit() in arch/x86/kvm/vmx/vmx.c. */
#include "exit.h"
#include "console.h"
#include "cpuid.h"
#include "dump.h"
#include "host_apic.h"
#include "portio.h"
#include "vmx_names.h"
#include "vmx_ops.h"

/*
 * A host interrupt arrived while the guest ran. boot/ masked the PIC and
 * the LAPIC's LVT, so this is rare; "acknowledge interrupt on exit" has
 * taken it from the APIC, which still waits for its EOI (by MSR when the
 * host APIC is in x2APIC mode).
 */
static enum exit_result handle_external_interrupt(struct vcpu *vcpu)
{
	(void)vcpu;
	host_apic_eoi();
	return EXIT_RESUME;
}

/* The guest's view of the leaf (cpuid.c decides it). KVM: kvm_emulate_cpuid(). */
static enum exit_result handle_cpuid(struct vcpu *vcpu)
{
	struct cpuid_regs r;

	guest_cpuid((u32)vcpu->regs.rax, (u32)vcpu->regs.rcx, &r);
	vcpu->regs.rax = r.eax;
	vcpu->regs.rbx = r.ebx;
	vcpu->regs.rcx = r.ecx;
	vcpu->regs.rdx = r.edx;
	skip_emulated_instruction(vcpu);
	return EXIT_RESUME;
}

/* Only NMIs arrive here: the exception bitmap is empty. */
static enum exit_result handle_exception_nmi(struct vcpu *vcpu)
{
	u32 info = (u32)vmcs_read(VM_EXIT_INTR_INFO);

	if ((info & INTR_INFO_INTR_TYPE_MASK) == INTR_TYPE_NMI_INTR)
		return EXIT_RESUME;	/* the host has nothing to do on NMI */
	return vcpu_stop(vcpu, RUN_FAIL, "unexpected_exception",
			 "unexpected exception exit, interruption info %#x",
			 info);
}

static enum exit_result handle_triple_fault(struct vcpu *vcpu)
{
	return vcpu_stop(vcpu, RUN_FAIL, "triple_fault",
			 "the guest triple-faulted at RIP %#llx (an exception "
			 "it could not deliver, e.g. no IDT): its run ends, "
			 "the machine stays up",
			 (unsigned long long)vmcs_read(GUEST_RIP));
}

/*
 * Instructions faultline's guest does not have: every VMX instruction (no
 * nested VMX, as KVM with nested=0) and MONITOR/MWAIT (hidden from CPUID,
 * cpuid.c, so the guest never sleeps outside faultline's view of time).
 * They are #UD, as on a CPU without them. KVM: kvm_handle_invalid_op().
 */
static enum exit_result handle_invalid_op(struct vcpu *vcpu)
{
	inject_ud(vcpu);
	return EXIT_RESUME;
}

/*
 * INVD would drop the host's dirty cache lines along with the guest's:
 * it is a no-op, as in KVM (kvm_emulate_invd(): "treat an INVD
 * instruction as a NOP and just skip it").
 */
static enum exit_result handle_invd(struct vcpu *vcpu)
{
	skip_emulated_instruction(vcpu);
	return EXIT_RESUME;
}

/*
 * faultline offers no virtual PMU, so every counter index is invalid and
 * RDPMC gets #GP(0), as KVM's kvm_emulate_rdpmc() gives it without a vPMU.
 * (At CPL > 0 with CR4.PCE clear the CPU raised #GP before exiting.)
 */
static enum exit_result handle_rdpmc(struct vcpu *vcpu)
{
	inject_gp(vcpu);
	return EXIT_RESUME;
}

/*
 * IA-32e mode has no hardware task switching (SDM Vol. 3A 7.7): a CALL,
 * JMP or IRET to a task, or a task gate in the IDT, is #GP there. The
 * exit is unconditional (25.1.2), so a guest still in long mode gets the
 * #GP(0) here; an event whose delivery went through the task gate is not
 * re-delivered. KVM: handle_task_switch(), for the modes that have one.
 */
static enum exit_result handle_task_switch(struct vcpu *vcpu)
{
	vcpu->pending_intr_info = 0;
	inject_gp(vcpu);
	return EXIT_RESUME;
}

/*
 * An INIT signal reached the CPU (the guest has no APIC to send one: it
 * came from the platform). KVM would reset the vCPU and wait for a SIPI;
 * faultline's one vCPU has nobody to send it, so its run ends, named.
 */
static enum exit_result handle_init_signal(struct vcpu *vcpu)
{
	return vcpu_stop(vcpu, RUN_FAIL, "init_signal",
			 "an INIT signal arrived while the guest ran (RIP "
			 "%#llx): the vCPU would wait for a SIPI nobody sends; "
			 "its run ends, the machine stays up",
			 (unsigned long long)vmcs_read(GUEST_RIP));
}

/*
 * A deadline came: a swap completion or the PV tick. Completions and
 * ticks are handled before every entry (timer.c). The guest is stopped
 * here anyway, so top up the free frames (mm_reclaim_idle): its next
 * faults then find one without reclaiming inside the fault. What that
 * costs is this exit's, and is counted apart (reclaim_timer_cycles).
 */
enum exit_result handle_preemption_timer(struct vcpu *vcpu)
{
	u64 start = rdtsc();

	if (mm_reclaim_idle(vcpu->mm))
		vcpu->reclaim_timer_cycles += rdtsc() - start;
	return EXIT_RESUME;
}

/* A handler returns EXIT_RESUME to re-enter the guest, EXIT_STOP to stop. */
static exit_handler_t *const exit_handlers[EXIT_REASON_MAX] = {
	[EXIT_REASON_EXCEPTION_NMI]	 = handle_exception_nmi,
	[EXIT_REASON_EXTERNAL_INTERRUPT] = handle_external_interrupt,
	[EXIT_REASON_TRIPLE_FAULT]	 = handle_triple_fault,
	[EXIT_REASON_INTERRUPT_WINDOW]	 = handle_interrupt_window,
	[EXIT_REASON_CPUID]		 = handle_cpuid,
	[EXIT_REASON_HLT]		 = handle_hlt,
	[EXIT_REASON_VMCALL]		 = handle_vmcall,
	[EXIT_REASON_VMCLEAR]		 = handle_invalid_op,
	[EXIT_REASON_VMLAUNCH]		 = handle_invalid_op,
	[EXIT_REASON_VMPTRLD]		 = handle_invalid_op,
	[EXIT_REASON_VMPTRST]		 = handle_invalid_op,
	[EXIT_REASON_VMREAD]		 = handle_invalid_op,
	[EXIT_REASON_VMRESUME]		 = handle_invalid_op,
	[EXIT_REASON_VMWRITE]		 = handle_invalid_op,
	[EXIT_REASON_VMOFF]		 = handle_invalid_op,
	[EXIT_REASON_VMON]		 = handle_invalid_op,
	[EXIT_REASON_INVEPT]		 = handle_invalid_op,
	[EXIT_REASON_INVVPID]		 = handle_invalid_op,
	[EXIT_REASON_VMFUNC]		 = handle_invalid_op,
	[EXIT_REASON_MWAIT_INSTRUCTION]	 = handle_invalid_op,
	[EXIT_REASON_MONITOR_INSTRUCTION] = handle_invalid_op,
	[EXIT_REASON_CR_ACCESS]		 = handle_cr_access,
	[EXIT_REASON_IO_INSTRUCTION]	 = handle_io,
	[EXIT_REASON_MSR_READ]		 = handle_rdmsr,
	[EXIT_REASON_MSR_WRITE]		 = handle_wrmsr,
	[EXIT_REASON_EPT_VIOLATION]	 = handle_ept_violation,
	[EXIT_REASON_EPT_MISCONFIG]	 = handle_ept_misconfig,
	[EXIT_REASON_PREEMPTION_TIMER]	 = handle_preemption_timer,
	[EXIT_REASON_INIT_SIGNAL]	 = handle_init_signal,
	[EXIT_REASON_TASK_SWITCH]	 = handle_task_switch,
	[EXIT_REASON_GETSEC]		 = handle_invalid_op,
	[EXIT_REASON_INVD]		 = handle_invd,
	[EXIT_REASON_RDPMC]		 = handle_rdpmc,
	[EXIT_REASON_XSETBV]		 = handle_xsetbv,
};

/*
 * Every exit faultline's VMX controls allow has a handler above; the rest
 * (DR access, RDTSC, INVLPG, PAUSE, WBINVD, ... with their exiting
 * controls off, SIPI outside wait-for-SIPI) cannot happen. One that does
 * is faultline's or the CPU's bug, not the guest's doing.
 */
static enum exit_result report_unexpected_exit(struct vcpu *vcpu, u32 basic)
{
	dump_vmcs();
	return vcpu_stop(vcpu, RUN_FAIL, "unexpected_exit",
			 "unexpected VM exit %u (%s), qualification %#llx, "
			 "guest RIP %#llx: faultline's VMX controls rule this "
			 "exit out, so this is a bug in faultline or the CPU",
			 basic, exit_reason_name(basic),
			 (unsigned long long)vcpu->exit_qualification,
			 (unsigned long long)vmcs_read(GUEST_RIP));
}

static void record_exit(struct vcpu *vcpu)
{
	struct exit_record *r = &vcpu->ring[vcpu->ring_next % EXIT_RING_SIZE];

	r->tsc = vcpu->exit_tsc;
	r->reason = vcpu->exit_reason;
	r->qualification = vcpu->exit_qualification;
	r->gpa = vcpu->exit_gpa;
	r->rip = vmcs_read(GUEST_RIP);
	vcpu->ring_next++;
}

enum exit_result vmx_handle_exit(struct vcpu *vcpu)
{
	u32 basic = vcpu->exit_reason & EXIT_REASON_BASIC_MASK;
	enum exit_result ret;
	u64 cost;

	vcpu->exit_qualification = vmcs_read(EXIT_QUALIFICATION);
	vcpu->exit_gpa = basic == EXIT_REASON_EPT_VIOLATION ||
			 basic == EXIT_REASON_EPT_MISCONFIG ?
			 vmcs_read(GUEST_PHYSICAL_ADDRESS) : 0;
	record_exit(vcpu);
	vcpu->exits_total++;
	if (basic < EXIT_REASON_MAX)
		vcpu->exit_count[basic]++;
	else
		vcpu->exits_other++;

	if (vcpu->exit_reason & EXIT_REASON_FAILED_VMENTRY)
		return report_vmentry_failure(vcpu);	/* names the check */
	vcpu_complete_interrupts(vcpu);
	if (basic >= EXIT_REASON_MAX || !exit_handlers[basic])
		return report_unexpected_exit(vcpu, basic);
	vcpu->this_exit_wait = 0;
	ret = exit_handlers[basic](vcpu);
	/* Exit cost is measured once, here, from exit to the decision. */
	cost = rdtsc() - vcpu->exit_tsc;
	vcpu->exit_cycles += cost;
	vcpu->exit_reason_cycles[basic] += cost - vcpu->this_exit_wait;
	return ret;
}
