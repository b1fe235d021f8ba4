/* guest-pv/kvm.c - KVM's async page faults, guest side: enable them, wait out "page not present", take "page ready". Linux: arch/x86/kernel/kvm.c (kvm_guest_cpu_init, __kvm_handle_async_pf, kvm_async_pf_task_wait_schedule, sysvec_kvm_asyncpf_interrupt). */
#include "kvm.h"
#include "apf_sleep.h"
#include "irq_vectors.h"
#include "sched.h"
#include "task_trace.h"
#include "lib/apic.h"
#include "lib/compiler.h"
#include "lib/hypercall.h"
#include "lib/kvm_features.h"
#include "lib/printk.h"
#include "lib/processor.h"

/* The host writes flags and token here (MSR_KVM_ASYNC_PF_EN holds its GPA). */
static struct kvm_vcpu_pv_apf_data apf_reason
	__attribute__((aligned(KVM_ASYNC_PF_DATA_ALIGN)));

struct kvm_apf_stats kvm_apf_stats;

static void sysvec_kvm_asyncpf_interrupt(struct pt_regs *regs);

/*
 * KVM_ASYNC_PF_SEND_ALWAYS: Linux no longer sets it, because a Linux guest
 * cannot schedule from arbitrary kernel code and panics on a kernel-mode
 * async #PF. guest-pv's tasks all run at CPL 0 and, whenever interrupts
 * are on, hold nothing a switch could break: that is where the host may
 * send "page not present" (KVM: kvm_can_deliver_async_pf() wants IF=1),
 * so without SEND_ALWAYS the host would never send one to them at all.
 */
bool kvm_guest_cpu_init(void)
{
	u64 pa;

	if (!kvm_para_available()) {
		printk("kvm: CPUID %#x has no KVM signature: async PF off\n",
		       KVM_CPUID_SIGNATURE);
		return false;
	}
	if (!kvm_para_has_feature(KVM_FEATURE_ASYNC_PF) ||
	    !kvm_para_has_feature(KVM_FEATURE_ASYNC_PF_INT)) {
		printk("kvm: CPUID %#x EAX %#x: no async PF by interrupt: "
		       "off\n", KVM_CPUID_FEATURES, kvm_arch_para_features());
		return false;
	}

	idt_set_handler(HYPERVISOR_CALLBACK_VECTOR,
			sysvec_kvm_asyncpf_interrupt);
	wrmsrl(MSR_KVM_ASYNC_PF_INT, HYPERVISOR_CALLBACK_VECTOR);
	pa = __pa(&apf_reason) | KVM_ASYNC_PF_ENABLED |
	     KVM_ASYNC_PF_DELIVERY_AS_INT | KVM_ASYNC_PF_SEND_ALWAYS;
	wrmsrl(MSR_KVM_ASYNC_PF_EN, pa);
	WRITE_ONCE(apf_reason.enabled, 1);
	printk("kvm: async PF on: apf area at GPA %#llx, page ready on "
	       "vector %#x, SEND_ALWAYS\n",
	       (unsigned long long)__pa(&apf_reason),
	       HYPERVISOR_CALLBACK_VECTOR);
	return true;
}

void kvm_pv_disable_apf(void)
{
	if (!READ_ONCE(apf_reason.enabled))
		return;
	wrmsrl(MSR_KVM_ASYNC_PF_EN, 0);
	WRITE_ONCE(apf_reason.enabled, 0);
}

/* Linux: kvm_read_and_reset_apf_flags(). */
static u32 kvm_read_and_reset_apf_flags(void)
{
	u32 flags = 0;

	if (READ_ONCE(apf_reason.enabled)) {
		flags = READ_ONCE(apf_reason.flags);
		WRITE_ONCE(apf_reason.flags, 0);
	}
	return flags;
}

bool kvm_handle_async_pf(struct pt_regs *regs, u32 token)
{
	u32 flags = kvm_read_and_reset_apf_flags();

	if (!flags)
		return false;
	/*
	 * If the host managed to inject an async #PF into an interrupt
	 * disabled region, the interrupted code may hold anything: the host
	 * side is broken, and going on would not end well.
	 */
	if (!(regs->flags & X86_EFLAGS_IF))
		panic("Host injected async #PF in interrupt disabled region "
		      "(RIP %#llx, token %#x)\n",
		      (unsigned long long)regs->ip, token);

	if (flags & KVM_PV_REASON_PAGE_NOT_PRESENT) {
		/* Page is swapped out by the host. */
		kvm_apf_stats.not_present++;
		async_pf_task_wait(token);
	} else {
		kvm_apf_stats.unexpected++;
		printk("kvm: unexpected async PF flags %#x (token %#x)\n",
		       flags, token);
	}
	return true;
}

void async_pf_task_wait(u32 token)
{
	struct kvm_task_sleep_node n;
	struct task *p = current;

	if (!kvm_async_pf_queue_task(token, &n, p))
		return;		/* "page ready" came first */

	p->apf_waits++;
	p->park_start = rdtsc();
	task_trace(FL_TRACE_TASK_PARK, p->id, token);
	for (;;) {
		if (is_idle_task(p)) {
			/*
			 * Nothing to switch to from idle: halt until the wake.
			 */
			if (!apf_node_queued(&n))
				break;
			native_safe_halt();
			local_irq_disable();
			continue;
		}
		p->state = TASK_UNINTERRUPTIBLE;
		if (!apf_node_queued(&n))
			break;
		schedule();
	}
	p->state = TASK_RUNNING;
	p->parked_cycles += rdtsc() - p->park_start;
	task_trace(FL_TRACE_TASK_WAKE, p->id, token);
}

/*
 * "Page ready": the token is in the apf area. EOI first (it came through
 * the local APIC), wake its task, clear the token, ACK so the host may
 * send the next one; then, if the woken task should run, switch on the
 * way out.
 */
static void sysvec_kvm_asyncpf_interrupt(struct pt_regs *regs)
{
	u32 token;

	apic_eoi();
	if (READ_ONCE(apf_reason.enabled)) {
		token = READ_ONCE(apf_reason.token);
		kvm_apf_stats.ready++;
		if (!async_pf_task_wake(token))
			panic("page ready for token %#x before its fault, with "
			      "all %u dummy nodes in use: the host has more "
			      "early wakes out than it may\n", token,
			      APF_DUMMY_NODES);
		WRITE_ONCE(apf_reason.token, 0);
		wrmsrl(MSR_KVM_ASYNC_PF_ACK, 1);
	}
	irqentry_exit_cond_resched(regs);
}
