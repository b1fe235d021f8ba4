/* vmm/async_pf_queue.c - async page fault bookkeeping: tokens, waits, the ready queue. KVM: virt/kvm/async_pf.c and the apf hash in arch/x86/kvm/x86.c. Pure C: host tests compile it. */
#include "async_pf_queue.h"
#include "../include/trace.h"

#define APF_TOKEN_ID_SHIFT	12	/* KVM: (apf.id++ << 12) | vcpu_id */
#define APF_TOKEN_IDS		(1ull << (32 - APF_TOKEN_ID_SHIFT))	/* ids a u32 token tells apart */

void async_pf_init(struct async_pf_queue *q, u32 vcpu_id)
{
	for (unsigned i = 0; i < ASYNC_PF_PER_VCPU; i++)
		q->work[i].state = APF_FREE;
	q->vcpu_id = vcpu_id;
	q->next_id = 1;		/* token 0 means "no token" in the apf area */
	q->next_ready_seq = 0;
	q->nr_waiting = q->nr_ready = 0;
}

static bool token_live(const struct async_pf_queue *q, u64 token)
{
	for (unsigned i = 0; i < ASYNC_PF_PER_VCPU; i++)
		if (q->work[i].state != APF_FREE && q->work[i].token == token)
			return true;
	return false;
}

u64 async_pf_queue_fault(struct async_pf_queue *q, gfn_t gfn)
{
	struct async_pf *w = NULL;
	u64 token, id;

	for (unsigned i = 0; i < ASYNC_PF_PER_VCPU && !w; i++)
		if (q->work[i].state == APF_FREE)
			w = &q->work[i];
	if (!w)
		return 0;
	/*
	 * The guest sees a 32-bit token (kvm_vcpu_pv_apf_data.token), so the
	 * id wraps every 2^20 faults: a token still live is skipped, never
	 * reissued.
	 */
	do {
		id = q->next_id++;
		token = (u32)((id << APF_TOKEN_ID_SHIFT) | q->vcpu_id);
		/* Before the first wrap every id is new: no scan for a live one. */
	} while (token == 0 ||
		 (id >= APF_TOKEN_IDS && token_live(q, token)));
	*w = (struct async_pf){ .token = token, .gfn = gfn,
				.state = APF_WAITING };
	q->nr_waiting++;
	return token;
}

bool async_pf_gfn_in_flight(const struct async_pf_queue *q, gfn_t gfn)
{
	for (unsigned i = 0; i < ASYNC_PF_PER_VCPU; i++)
		if (q->work[i].state == APF_WAITING && q->work[i].gfn == gfn)
			return true;
	return false;
}

unsigned async_pf_page_arrived(struct async_pf_queue *q, gfn_t gfn)
{
	unsigned n = 0;

	for (unsigned i = 0; i < ASYNC_PF_PER_VCPU; i++) {
		struct async_pf *w = &q->work[i];

		if (w->state != APF_WAITING || w->gfn != gfn)
			continue;
		w->state = APF_READY;
		trace(TRACE_kvm_async_pf_completed, w->token, gfn_to_gpa(gfn),
		      0, 0);
		w->ready_seq = q->next_ready_seq++;
		q->nr_waiting--;
		q->nr_ready++;
		n++;
	}
	return n;
}

const struct async_pf *async_pf_next_ready(const struct async_pf_queue *q)
{
	const struct async_pf *oldest = NULL;

	for (unsigned i = 0; i < ASYNC_PF_PER_VCPU; i++) {
		const struct async_pf *w = &q->work[i];

		if (w->state == APF_READY &&
		    (!oldest || w->ready_seq < oldest->ready_seq))
			oldest = w;
	}
	return oldest;
}

void async_pf_delivered(struct async_pf_queue *q, u64 token)
{
	for (unsigned i = 0; i < ASYNC_PF_PER_VCPU; i++) {
		struct async_pf *w = &q->work[i];

		if (w->state == APF_READY && w->token == token) {
			w->state = APF_FREE;
			q->nr_ready--;
			return;
		}
	}
}

void async_pf_reset(struct async_pf_queue *q)
{
	u64 next_id = q->next_id;	/* tokens stay unique across a reset */

	async_pf_init(q, q->vcpu_id);
	q->next_id = next_id;
}
