/* vmm/async_pf.h - the host side of KVM's async page fault protocol: PV MSRs, "page not present", "page ready". KVM: the apf parts of arch/x86/kvm/x86.c. */
#ifndef FAULTLINE_VMM_ASYNC_PF_H
#define FAULTLINE_VMM_ASYNC_PF_H

#include "async_pf_queue.h"
#include "msr.h"
#include "../include/kvm_para.h"

void async_pf_setup_vcpu(struct vcpu *vcpu, bool offered);

/* KVM: kvm_pv_async_pf_enabled(): ENABLED and DELIVERY_AS_INT both set. */
static inline bool async_pf_enabled(const struct vcpu *vcpu)
{
	u64 mask = KVM_ASYNC_PF_ENABLED | KVM_ASYNC_PF_DELIVERY_AS_INT;

	return (vcpu->apf.msr_en_val & mask) == mask;
}

/*
 * Can the guest take "page not present" now? KVM: kvm_can_do_async_pf()
 * and kvm_can_deliver_async_pf(). No: enabled off, CPL 0 without
 * SEND_ALWAYS, IF = 0 or an interrupt shadow, an event already being
 * delivered, the previous "not present" not yet consumed, or no room.
 */
bool can_deliver_async_pf(struct vcpu *vcpu);

/*
 * The guest faulted on gfn, which is in flight: give it a token, write
 * the reason, inject #PF with CR2 = token. KVM: kvm_arch_setup_async_pf()
 * + kvm_arch_async_page_not_present(). False if that failed (fall back).
 * may_join: the page was in flight before this fault (MM_FAULT_JOINED),
 * so another task may wait on it already.
 */
bool setup_async_pf(struct vcpu *vcpu, gpa_t gpa, bool may_join);

/*
 * Take every swap I/O finished by now and deliver "page ready" for what
 * arrived. Called from one place, process_due_work(), before every VM
 * entry and while the vCPU waits. KVM: kvm_check_async_pf_completion().
 */
void async_pf_complete_due(struct vcpu *vcpu, u64 now);
static inline void kvm_check_async_pf_completion(struct vcpu *vcpu, u64 now)
{
	/* Before every entry: nothing due and nothing asked is the rule. */
	if (vcpu->apf.ready_requested ||
	    now >= swap_next_deadline(vcpu->mm->swap))
		async_pf_complete_due(vcpu, now);
}

/*
 * Something changed that may let a waiting "page ready" through (the
 * guest's ACK, its APIC software-enabled): the next
 * kvm_check_async_pf_completion() tries. KVM: KVM_REQ_APF_READY.
 */
static inline void async_pf_request_ready(struct vcpu *vcpu)
{
	vcpu->apf.ready_requested = true;
}

/* Something the guest waits for and faultline could deliver once time passes. */
bool async_pf_work_pending(const struct vcpu *vcpu);

const struct emulated_msr *pv_msr_find(u32 msr);

#endif
