/* vmm/ept_violation.c - EPT violation and misconfiguration exits: the hypervisor's page fault, and the choice between waiting and an async PF. KVM: handle_ept_violation() in arch/x86/kvm/vmx/vmx.c, kvm_mmu_page_fault() and kvm_faultin_pfn() in arch/x86/kvm/mmu/mmu.c. */
#include "exit.h"
#include "async_pf.h"
#include "guest_memory.h"
#include "portio.h"
#include "vmm.h"
#include "vmx_ops.h"
#include "../include/trace.h"

static const char *access_name(const struct mmu_fault *fault)
{
	if (fault->error_code & PFERR_WRITE_MASK)
		return "write";
	if (fault->error_code & PFERR_FETCH_MASK)
		return "instruction fetch";
	return "read";
}

/*
 * True: the fault finishes later; the guest got "page not present" and
 * runs another task. False: the caller waits for the page now. KVM: the
 * async branch of kvm_faultin_pfn() (try_async_pf() before 5.19).
 */
static bool try_async_pf(struct vcpu *vcpu, const struct mmu_fault *fault)
{
	if (!async_pf_enabled(vcpu))
		return false;	/* async_pf=off, or the guest never enabled it */
	trace(TRACE_kvm_try_async_get_page, fault->gpa, fault->gfn, 0, 0);
	/* CPL 0 without SEND_ALWAYS, IF=0, an event being delivered... */
	if (can_deliver_async_pf(vcpu) &&
	    setup_async_pf(vcpu, fault->gpa, fault->kind == MM_FAULT_JOINED))
		return true;
	vcpu->apf.sync_fallback++;
	return false;
}

/*
 * faultline's cycles on the fault so far: the VM exit to now, less its
 * waits and less the trace's own recording (0 at trace=off), so a traced
 * run's figure means what an untraced run's does.
 */
static u64 fault_cycles(const struct mmu_fault *fault)
{
	return rdtsc() - fault->exit_tsc - fault->waited -
	       trace_self_cycles_since_entry();
}

/*
 * The fault is done, for faultline: its cycles are the VM exit to now
 * (any wait for the device comes after). The trace record's TSC is when
 * the vCPU may go on; its cycles field is faultline's own work only.
 */
static inline void fault_done(struct vcpu *vcpu, struct mmu_fault *fault,
		       enum fault_kind kind)
{
	fault->cycles = fault_cycles(fault);
	fault_latency_fault(&vcpu->fault_lat, fault);
	trace(TRACE_mm_fault_done, fault->gfn, kind, fault->cycles, 0);
}

/*
 * The page is on its way (or a frame is, after a write-back). A swap-in
 * the guest can wait for asynchronously becomes "page not present";
 * anything else holds the vCPU here until the device completes: the
 * synchronous baseline, whose cost the summary reports as
 * vcpu_wait_cycles.
 */
static enum exit_result page_fault_retry(struct vcpu *vcpu,
					 struct mmu_fault *fault)
{
	bool swapin = fault->kind == MM_FAULT_SWAPIN ||
		      fault->kind == MM_FAULT_JOINED;

	if (swapin && try_async_pf(vcpu, fault)) {
		fault_done(vcpu, fault, fault->kind == MM_FAULT_JOINED ?
			   FAULT_KIND_JOINED : FAULT_KIND_SWAPIN_ASYNC);
		return EXIT_RESUME;
	}
	/* The record's TSC is after the wait: account now, trace later. */
	fault->cycles = fault_cycles(fault);
	fault_latency_fault(&vcpu->fault_lat, fault);
	if (swapin)
		wait_for_page(vcpu, fault->gpa);
	else
		wait_for_frame(vcpu);
	trace(TRACE_mm_fault_done, fault->gfn, FAULT_KIND_SWAPIN_SYNC,
	      fault->cycles, 0);
	return EXIT_RESUME;	/* the access retries; it faults again if need be */
}

/*
 * No free frame, write-backs in flight: wait for one and take the fault
 * again in this exit, as KVM's direct reclaim ends in a mapped page,
 * rather than enter the guest only to fault on the same access. The
 * wait (and the reclaim done in it, reclaim_wait_cycles) is not the
 * fault's own work: fault->waited takes it out of its cycles. At most
 * FRAME_WAITS_MAX waits, then the guest retries the access, as before.
 */
#define FRAME_WAITS_MAX	64

static enum ret_pf page_fault_with_frame(struct vcpu *vcpu,
					 struct mmu_fault *fault)
{
	enum ret_pf r = mmu_page_fault(vcpu->mm, fault);

	for (int n = 0; n < FRAME_WAITS_MAX && r == RET_PF_RETRY &&
	     fault->kind == MM_FAULT_NOFRAME; n++) {
		u64 start = rdtsc(), self = trace_self_cycles(), now;

		wait_for_frame(vcpu);
		now = rdtsc();
		/* The wait's own records are the trace's, counted there. */
		fault->waited += now - start - (trace_self_cycles() - self);
		r = mmu_fault_again(vcpu->mm, fault, now);
	}
	return r;
}

/*
 * The guest touched a GPA that EPT does not map, or maps without the right
 * permission. SDM 29.3.3.2, qualification in Table 28-7. The fault is one
 * value, struct mmu_fault, from here to the map and back. KVM:
 * handle_ept_violation() -> kvm_mmu_page_fault().
 */
enum exit_result handle_ept_violation(struct vcpu *vcpu)
{
	u64 qual = vcpu->exit_qualification;
	u64 error_code = 0;
	struct mmu_fault fault;

	/* Is it a read fault? A write? An instruction fetch? */
	if (qual & EPT_VIOLATION_ACC_WRITE)
		error_code |= PFERR_WRITE_MASK;
	if (qual & EPT_VIOLATION_ACC_INSTR)
		error_code |= PFERR_FETCH_MASK;
	/* Is the entry present (any of R/W/X), so not a first touch? */
	if (qual & EPT_VIOLATION_RWX_MASK)
		error_code |= PFERR_PRESENT_MASK;
	fault = mmu_fault_init(vcpu->exit_gpa, error_code,
			       vcpu->exit_tsc);
	trace(TRACE_kvm_page_fault, fault.gpa, error_code, qual,
	      fault.exit_tsc);

	switch (page_fault_with_frame(vcpu, &fault)) {
	case RET_PF_FIXED:
		fault_done(vcpu, &fault, fault.kind == MM_FAULT_FAST ?
					 FAULT_KIND_FAST : FAULT_KIND_ZERO);
		return EXIT_RESUME;
	case RET_PF_SPURIOUS:
		fault_done(vcpu, &fault, FAULT_KIND_SPURIOUS);
		return EXIT_RESUME;
	case RET_PF_RETRY:
		return page_fault_retry(vcpu, &fault);
	case RET_PF_OUTSIDE:
		return vcpu_stop(vcpu, RUN_FAIL, "outside_gpa",
				 "the guest touched GPA %#llx (%s at RIP "
				 "%#llx), outside its memory [0, %#llx): its "
				 "run ends", (unsigned long long)fault.gpa,
				 access_name(&fault),
				 (unsigned long long)vmcs_read(GUEST_RIP),
				 (unsigned long long)vcpu->mm->guest_mem);
	case RET_PF_NOMEM:
		break;
	}
	return vcpu_stop(vcpu, RUN_FAIL, "out_of_frames",
			 "no frame left for GPA %#llx and nothing to evict "
			 "(frames=%llu): its run ends",
			 (unsigned long long)fault.gpa,
			 (unsigned long long)vcpu->mm->frames->nr_frames);
}

/*
 * An EPT entry faultline wrote is malformed (29.3.3.1): never the guest's
 * doing, so this is faultline's bug.
 */
enum exit_result handle_ept_misconfig(struct vcpu *vcpu)
{
	panic("EPT misconfiguration at GPA %#llx: faultline wrote a bad "
	      "EPT entry", (unsigned long long)vcpu->exit_gpa);
}
