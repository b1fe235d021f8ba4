/* tests/unit/test_async_pf_queue.c - host tests for vmm/async_pf_queue.c: tokens, joined waits, the ready queue. */
#include <criterion/criterion.h>
#include "../../vmm/async_pf_queue.h"

static struct async_pf_queue q;

static void setup(void)
{
	async_pf_init(&q, 0);
}

TestSuite(async_pf, .init = setup);

/* Are tokens KVM-shaped, (id << 12) | vcpu_id, and distinct? */
Test(async_pf, queue_fault_tokens_are_kvm_shaped)
{
	struct async_pf_queue q3;
	u64 a, b;

	async_pf_init(&q3, 3);
	a = async_pf_queue_fault(&q3, 10);
	b = async_pf_queue_fault(&q3, 11);
	cr_assert_eq(a, (1ull << 12) | 3);
	cr_assert_eq(b, (2ull << 12) | 3);
}

/* Do two faults on one page both become ready when it arrives, in order? */
Test(async_pf, duplicate_faults_on_one_page_both_wake)
{
	u64 a = async_pf_queue_fault(&q, 7);
	u64 b = async_pf_queue_fault(&q, 7);

	cr_assert(async_pf_gfn_in_flight(&q, 7));
	cr_assert_eq(async_pf_page_arrived(&q, 7), 2);
	cr_assert_not(async_pf_gfn_in_flight(&q, 7));
	cr_assert_eq(async_pf_next_ready(&q)->token, a);
	async_pf_delivered(&q, a);
	cr_assert_eq(async_pf_next_ready(&q)->token, b);
	async_pf_delivered(&q, b);
	cr_assert_null(async_pf_next_ready(&q));
}

/* Is "page ready" offered oldest-arrival first, not oldest-fault first? */
Test(async_pf, ready_order_follows_arrival)
{
	u64 a = async_pf_queue_fault(&q, 1);
	u64 b = async_pf_queue_fault(&q, 2);

	async_pf_page_arrived(&q, 2);
	async_pf_page_arrived(&q, 1);
	cr_assert_eq(async_pf_next_ready(&q)->token, b);
	async_pf_delivered(&q, b);
	cr_assert_eq(async_pf_next_ready(&q)->token, a);
}

/* Does the next ready entry stay queued until it is delivered (ACK ordering)? */
Test(async_pf, next_ready_stays_until_delivered)
{
	u64 a = async_pf_queue_fault(&q, 5);

	async_pf_page_arrived(&q, 5);
	cr_assert_eq(async_pf_next_ready(&q)->token, a);
	cr_assert_eq(async_pf_next_ready(&q)->token, a);
	async_pf_delivered(&q, a);
	cr_assert_null(async_pf_next_ready(&q));
}

/* Does a full queue refuse (so the fault is handled synchronously)? */
Test(async_pf, full_queue_refuses)
{
	for (unsigned i = 0; i < ASYNC_PF_PER_VCPU; i++)
		cr_assert_neq(async_pf_queue_fault(&q, i), 0);
	cr_assert_not(async_pf_can_queue(&q));
	cr_assert_eq(async_pf_queue_fault(&q, 999), 0);
}

/* Is a token never reissued while it is live, even after the 32-bit token wraps? */
Test(async_pf, live_token_never_reused_after_wrap)
{
	u64 live = async_pf_queue_fault(&q, 1);	/* id 1 */
	u64 next;

	q.next_id = 1 + (1ull << 20);	/* 2^20 faults later: 32-bit wrap */
	next = async_pf_queue_fault(&q, 2);
	cr_assert_neq(next, live);
	cr_assert_eq(next, 2ull << 12);
	cr_assert_leq(next, 0xffffffffull);
}

/* Does an arrival for a page nobody waits on wake nobody? */
Test(async_pf, arrival_without_waiter_wakes_none)
{
	async_pf_queue_fault(&q, 3);
	cr_assert_eq(async_pf_page_arrived(&q, 4), 0);
	cr_assert_null(async_pf_next_ready(&q));
}

/* Does a reset forget every wait but keep tokens unique? */
Test(async_pf, reset_forgets_waits_keeps_tokens_unique)
{
	u64 a = async_pf_queue_fault(&q, 3);

	async_pf_reset(&q);
	cr_assert_not(async_pf_gfn_in_flight(&q, 3));
	cr_assert_neq(async_pf_queue_fault(&q, 3), a);
}

/* A vCPU that can take "page not present": every test below breaks one thing. */
static struct apf_delivery_state deliverable(void)
{
	return (struct apf_delivery_state){
		.enabled = true, .send_always = true, .cpl = 0,
		.interrupts_on = true,
	};
}

/* Does a vCPU with nothing in the way get an async fault? */
Test(async_pf, delivery_ok_when_nothing_blocks)
{
	struct apf_delivery_state s = deliverable();

	cr_assert_eq(async_pf_delivery(&s, &q), APF_DELIVER_OK);
}

/* Is a guest that never enabled async PF faulted synchronously? */
Test(async_pf, delivery_disabled_is_sync)
{
	struct apf_delivery_state s = deliverable();

	s.enabled = false;
	cr_assert_eq(async_pf_delivery(&s, &q), APF_DELIVER_DISABLED);
}

/* Without SEND_ALWAYS, is CPL 0 synchronous and CPL 3 async? */
Test(async_pf, delivery_kernel_mode_needs_send_always)
{
	struct apf_delivery_state s = deliverable();

	s.send_always = false;
	cr_assert_eq(async_pf_delivery(&s, &q), APF_DELIVER_KERNEL_MODE);
	s.cpl = 3;
	cr_assert_eq(async_pf_delivery(&s, &q), APF_DELIVER_OK);
}

/* Are IF = 0 and an STI/MOV SS shadow each synchronous? */
Test(async_pf, delivery_irqs_off_or_shadow_is_sync)
{
	struct apf_delivery_state s = deliverable();

	s.interrupts_on = false;
	cr_assert_eq(async_pf_delivery(&s, &q), APF_DELIVER_IRQS_OFF);
	s = deliverable();
	s.irq_shadow = true;
	cr_assert_eq(async_pf_delivery(&s, &q), APF_DELIVER_IRQS_OFF);
}

/* Is a fault during the delivery of another event synchronous? */
Test(async_pf, delivery_event_pending_is_sync)
{
	struct apf_delivery_state s = deliverable();

	s.event_pending = true;
	cr_assert_eq(async_pf_delivery(&s, &q), APF_DELIVER_EVENT_PENDING);
}

/* Is a second "not present" held back until the guest read the first? */
Test(async_pf, delivery_previous_unread_is_sync)
{
	struct apf_delivery_state s = deliverable();

	s.apf_flags = 1;	/* KVM_PV_REASON_PAGE_NOT_PRESENT */
	cr_assert_eq(async_pf_delivery(&s, &q), APF_DELIVER_PREVIOUS_UNREAD);
}

/* Is a fault past ASYNC_PF_PER_VCPU outstanding ones synchronous? */
Test(async_pf, delivery_queue_full_is_sync)
{
	struct apf_delivery_state s = deliverable();

	for (unsigned i = 0; i < ASYNC_PF_PER_VCPU; i++)
		async_pf_queue_fault(&q, i);
	cr_assert_eq(async_pf_delivery(&s, &q), APF_DELIVER_QUEUE_FULL);
}
