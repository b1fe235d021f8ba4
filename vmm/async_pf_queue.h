/* vmm/async_pf_queue.h - async page fault bookkeeping: tokens, the pages they wait for, the ready queue. KVM: virt/kvm/async_pf.c (struct kvm_async_pf), kvm_async_pf_hash in arch/x86/kvm/x86.c. */
#ifndef FAULTLINE_ASYNC_PF_QUEUE_H
#define FAULTLINE_ASYNC_PF_QUEUE_H

#include "../include/types.h"

/* As KVM's ASYNC_PF_PER_VCPU: faults in flight at once; past it, faults are synchronous. */
#define ASYNC_PF_PER_VCPU	64

/*
 * One outstanding "page not present": the guest parked a task on token
 * until gfn arrives. KVM: struct kvm_async_pf.
 */
struct async_pf {
	u64 token;
	gfn_t gfn;
	enum {
		APF_FREE,
		APF_WAITING,	/* "page not present" sent, page in flight */
		APF_READY,	/* page mapped; "page ready" not yet sent */
	} state;
	u64 ready_seq;		/* FIFO order among READY entries */
};

struct async_pf_queue {
	struct async_pf work[ASYNC_PF_PER_VCPU];
	u32 vcpu_id;
	u64 next_id;		/* KVM: vcpu->arch.apf.id */
	u64 next_ready_seq;
	unsigned nr_waiting, nr_ready;
};

void async_pf_init(struct async_pf_queue *q, u32 vcpu_id);

/* Room for another outstanding fault? False: handle this one synchronously. */
static inline bool async_pf_can_queue(const struct async_pf_queue *q)
{
	return q->nr_waiting + q->nr_ready < ASYNC_PF_PER_VCPU;
}

/*
 * Record that the guest will wait for gfn and return the token to give
 * it, KVM's (id++ << 12) | vcpu_id in 32 bits, never one still live.
 * 0 if full.
 * KVM: kvm_setup_async_pf().
 */
u64 async_pf_queue_fault(struct async_pf_queue *q, gfn_t gfn);

/* Is a fault on gfn already outstanding (so this one joins it)? KVM: kvm_find_async_pf_gfn(). */
bool async_pf_gfn_in_flight(const struct async_pf_queue *q, gfn_t gfn);

/* gfn is mapped now: every token waiting for it becomes ready. Returns how many. */
unsigned async_pf_page_arrived(struct async_pf_queue *q, gfn_t gfn);

/*
 * The oldest ready entry, to deliver as "page ready", or NULL. It stays
 * queued until async_pf_delivered(): the guest may not be able to take it
 * yet. KVM: the head of vcpu->async_pf.done.
 */
const struct async_pf *async_pf_next_ready(const struct async_pf_queue *q);
void async_pf_delivered(struct async_pf_queue *q, u64 token);

/*
 * What the vCPU looks like at a swapped-page fault, gathered by the vmm
 * (vmm/async_pf.c) so the decision itself is plain C and host-tested.
 */
struct apf_delivery_state {
	bool enabled;		/* MSR_KVM_ASYNC_PF_EN: ENABLED | DELIVERY_AS_INT */
	bool send_always;	/* KVM_ASYNC_PF_SEND_ALWAYS */
	unsigned cpl;
	bool interrupts_on;	/* RFLAGS.IF */
	bool irq_shadow;	/* STI or MOV SS blocking */
	bool event_pending;	/* an event is being (re)injected at this entry */
	u32 apf_flags;		/* kvm_vcpu_pv_apf_data.flags as the guest left it */
};

/* Why a fault must be handled synchronously; APF_DELIVER_OK if it need not. */
enum apf_delivery {
	APF_DELIVER_OK,
	APF_DELIVER_DISABLED,		/* the guest did not enable it */
	APF_DELIVER_KERNEL_MODE,	/* CPL 0 without SEND_ALWAYS */
	APF_DELIVER_IRQS_OFF,		/* IF = 0, or in an interrupt shadow */
	APF_DELIVER_EVENT_PENDING,	/* e.g. the fault hit the delivery of an exception */
	APF_DELIVER_PREVIOUS_UNREAD,	/* the last "not present" not yet consumed */
	APF_DELIVER_QUEUE_FULL,		/* ASYNC_PF_PER_VCPU outstanding */
};

/*
 * KVM: kvm_can_do_async_pf() + kvm_can_deliver_async_pf(), in the order
 * the conditions are checked.
 */
static inline enum apf_delivery
async_pf_delivery(const struct apf_delivery_state *s,
		  const struct async_pf_queue *q)
{
	if (!s->enabled)
		return APF_DELIVER_DISABLED;
	if (!s->send_always && s->cpl == 0)
		return APF_DELIVER_KERNEL_MODE;
	if (!s->interrupts_on || s->irq_shadow)
		return APF_DELIVER_IRQS_OFF;
	/* A #PF on top of an event being delivered would turn into #DF. */
	if (s->event_pending)
		return APF_DELIVER_EVENT_PENDING;
	if (s->apf_flags != 0)
		return APF_DELIVER_PREVIOUS_UNREAD;
	if (!async_pf_can_queue(q))
		return APF_DELIVER_QUEUE_FULL;
	return APF_DELIVER_OK;
}

/* The guest turned async PF off: forget everything. KVM: kvm_clear_async_pf_completion_queue(). */
void async_pf_reset(struct async_pf_queue *q);

#endif
