/* guest-pv/kvm.h - the guest side of KVM's async page faults. Linux: arch/x86/include/asm/kvm_para.h (kvm_handle_async_pf), arch/x86/kernel/kvm.c. */
#ifndef GUEST_KVM_H
#define GUEST_KVM_H

#include "lib/idt.h"

/*
 * Turn async PF on if CPUID offers it (KVM_FEATURE_ASYNC_PF and
 * KVM_FEATURE_ASYNC_PF_INT): "page ready" on HYPERVISOR_CALLBACK_VECTOR,
 * the apf area in the bss. Returns whether it is on. Linux:
 * kvm_guest_cpu_init().
 */
bool kvm_guest_cpu_init(void);

/* MSR_KVM_ASYNC_PF_EN = 0. Linux: kvm_pv_disable_apf(). */
void kvm_pv_disable_apf(void);

/*
 * From the #PF handler, before anything else: true if this #PF was the
 * host's "page not present" for token (CR2), now waited out; false if it
 * is a genuine fault for the guest to handle. Linux: kvm_handle_async_pf().
 */
bool kvm_handle_async_pf(struct pt_regs *regs, u32 token);

/*
 * Park the current task until "page ready" for token; the idle task, which
 * cannot park, halts instead. Linux: kvm_async_pf_task_wait_schedule().
 */
void async_pf_task_wait(u32 token);

struct kvm_apf_stats {
	u64 not_present;	/* "page not present" #PFs taken */
	u64 ready;		/* "page ready" interrupts taken */
	u64 unexpected;		/* apf flags with neither meaning */
};
extern struct kvm_apf_stats kvm_apf_stats;

#endif
