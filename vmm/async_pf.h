/* vmm/async_pf.h - the host side of KVM's async page fault protocol: PV MSRs, "page not present", "page ready". KVM: the apf parts of arch/x86/kvm/x86.c. */
#ifndef FAULTLINE_VMM_ASYNC_PF_H
#define FAULTLINE_VMM_ASYNC_PF_H

#include "../mm/async_pf.h"
#include "msr.h"
#include "../include/kvm_para.h"

void async_pf_setup_vcpu(struct vcpu *vcpu, bool offered);

/* KVM: kvm_pv_async_pf_enabled(): ENABLED and DELIVERY_AS_INT both set. */
bool async_pf_enabled(const struct vcpu *vcpu);

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
 */
bool setup_async_pf(struct vcpu *vcpu, gpa_t gpa);

/* gfn was mapped: wake whoever waits for it. KVM: kvm_check_async_pf_completion(). */
void async_pf_page_mapped(struct vcpu *vcpu, gfn_t gfn);

/* Deliver the next "page ready" if the guest can take one now. */
void async_pf_deliver_ready(struct vcpu *vcpu);

/* Something the guest waits for and faultline could deliver once time passes. */
bool async_pf_work_pending(const struct vcpu *vcpu);

const struct emulated_msr *pv_msr_find(u32 msr);

#endif
