/* tests/unit/test_guest_apf_sleep.c - host tests for guest-pv/apf_sleep.c, compiled unchanged: wait then wake, wake before wait, tokens sharing a bucket, wake-all, the dummy pool's limit. */
/* unit-sources: guest-pv/apf_sleep.c guest-pv/runqueue.c */
#include <criterion/criterion.h>
#include "../../guest-pv/apf_sleep.h"
#include "../../guest-pv/runqueue.h"

#define NR_TASKS	4

static struct task tasks[NR_TASKS];
static struct kvm_task_sleep_node nodes[NR_TASKS];

static void setup(void)
{
	apf_sleep_init();
	rq_init();
	for (unsigned i = 0; i < NR_TASKS; i++)
		tasks[i] = (struct task){ .id = i + 1, .state = TASK_RUNNING };
}

TestSuite(guest_apf_sleep, .init = setup);

/* What async_pf_task_wait() does before it schedules away. */
static bool park(unsigned i, u32 token)
{
	if (!kvm_async_pf_queue_task(token, &nodes[i], &tasks[i]))
		return false;
	tasks[i].state = TASK_UNINTERRUPTIBLE;
	return true;
}

static bool same_bucket(u32 a, u32 b)
{
	const u32 golden = 0x61c88647u;	/* Linux's GOLDEN_RATIO_32 */

	return (u32)(a * golden) >> (32 - KVM_TASK_SLEEP_HASHBITS) ==
	       (u32)(b * golden) >> (32 - KVM_TASK_SLEEP_HASHBITS);
}

/* The usual order: the fault parks the task, "page ready" wakes it. */
Test(guest_apf_sleep, wait_then_wake)
{
	cr_assert(park(0, 0x1001));
	cr_assert(apf_node_queued(&nodes[0]));
	cr_assert_eq(apf_sleep_stats.sleepers, 1);

	cr_assert(async_pf_task_wake(0x1001));
	cr_assert_not(apf_node_queued(&nodes[0]));
	cr_assert_eq(tasks[0].state, TASK_RUNNING);
	cr_assert_eq(pick_next_task(), &tasks[0]);
	cr_assert(runqueue.need_resched);
	cr_assert_eq(apf_sleep_stats.sleepers, 0);
}

/*
 * "Page ready" before the fault: a dummy remembers it; the wait returns at
 * once.
 */
Test(guest_apf_sleep, wake_before_wait_leaves_dummy)
{
	cr_assert(async_pf_task_wake(0x2001));
	cr_assert_eq(apf_sleep_stats.early_wakes, 1);
	cr_assert_eq(apf_sleep_stats.dummies, 1);
	cr_assert_null(pick_next_task(), "nobody to wake yet");

	cr_assert_not(park(0, 0x2001), "the wake came first: do not sleep");
	cr_assert_not(apf_node_queued(&nodes[0]));
	cr_assert_eq(tasks[0].state, TASK_RUNNING);
	cr_assert_eq(apf_sleep_stats.dummies, 0);
	cr_assert_eq(apf_sleep_stats.dummies_used, 1);

	/* The dummy is gone: the next fault on that token sleeps. */
	cr_assert(park(1, 0x2001));
}

/* Tokens that hash to one bucket wake only their own sleeper. */
Test(guest_apf_sleep, same_bucket_tokens_stay_apart)
{
	u32 a = 0x3001, b = a + 1;

	while (!same_bucket(a, b))
		b++;
	cr_assert(park(0, a));
	cr_assert(park(1, b));
	cr_assert(async_pf_task_wake(b));
	cr_assert(apf_node_queued(&nodes[0]));
	cr_assert_not(apf_node_queued(&nodes[1]));
	cr_assert_eq(tasks[0].state, TASK_UNINTERRUPTIBLE);
	cr_assert(async_pf_task_wake(a));
	cr_assert_eq(pick_next_task(), &tasks[1]);
	cr_assert_eq(pick_next_task(), &tasks[0]);
}

/* A wake for a token nobody waits on wakes nobody else. */
Test(guest_apf_sleep, unknown_token_wakes_nobody)
{
	cr_assert(park(0, 0x4001));
	cr_assert(async_pf_task_wake(0x4002));
	cr_assert(apf_node_queued(&nodes[0]));
	cr_assert_null(pick_next_task());
	cr_assert_eq(apf_sleep_stats.dummies, 1);
}

/* Token ~0 wakes every sleeper; a pending dummy stays for its fault. */
Test(guest_apf_sleep, wake_all_wakes_sleepers_keeps_dummies)
{
	cr_assert(park(0, 0x5001));
	cr_assert(park(1, 0x5002));
	cr_assert(async_pf_task_wake(0x5003));	/* early: a dummy */
	cr_assert(async_pf_task_wake(APF_WAKE_ALL_TOKEN));
	cr_assert_not(apf_node_queued(&nodes[0]));
	cr_assert_not(apf_node_queued(&nodes[1]));
	cr_assert_eq(runqueue.nr_running, 2);
	cr_assert_eq(apf_sleep_stats.dummies, 1);
	cr_assert_not(park(2, 0x5003));
}

/*
 * One faulting task at a time per token: a second fault after the wake sleeps
 * again.
 */
Test(guest_apf_sleep, token_reused_after_wake)
{
	cr_assert(park(0, 0x6001));
	cr_assert(async_pf_task_wake(0x6001));
	(void)pick_next_task();
	tasks[0].state = TASK_RUNNING;
	cr_assert(park(0, 0x6001));
	cr_assert(apf_node_queued(&nodes[0]));
}

/* Two early wakes for one token leave one dummy, not two. */
Test(guest_apf_sleep, duplicate_early_wake_one_dummy)
{
	cr_assert(async_pf_task_wake(0x7001));
	cr_assert(async_pf_task_wake(0x7001));
	cr_assert_eq(apf_sleep_stats.dummies, 1);
	cr_assert_not(park(0, 0x7001));
	cr_assert(park(1, 0x7001));
}

/*
 * The pool holds APF_DUMMY_NODES early wakes; one more is refused, not lost
 * silently.
 */
Test(guest_apf_sleep, dummy_pool_limit)
{
	for (u32 t = 0; t < APF_DUMMY_NODES; t++)
		cr_assert(async_pf_task_wake(0x8000 + t));
	cr_assert_not(async_pf_task_wake(0x9000), "pool empty: caller panics");
	cr_assert_eq(apf_sleep_stats.dummies, APF_DUMMY_NODES);

	cr_assert_not(park(0, 0x8000));	/* frees one */
	cr_assert(async_pf_task_wake(0x9000));
}
