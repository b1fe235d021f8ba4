/* tests/unit/test_guest_runqueue.c - host tests for guest-pv/runqueue.c, compiled unchanged: round-robin order, waking, need_resched. */
/* unit-sources: guest-pv/runqueue.c */
#include <criterion/criterion.h>
#include "../../guest-pv/runqueue.h"

static struct task tasks[4];

static void setup(void)
{
	rq_init();
	for (unsigned i = 0; i < 4; i++)
		tasks[i] = (struct task){ .id = i, .state = TASK_RUNNING };
}

TestSuite(guest_runqueue, .init = setup);

/* Round robin: tasks come off the queue in the order they went on. */
Test(guest_runqueue, fifo_order)
{
	for (unsigned i = 0; i < 4; i++)
		enqueue_task(&tasks[i]);
	cr_assert_eq(runqueue.nr_running, 4);
	for (unsigned i = 0; i < 4; i++)
		cr_assert_eq(pick_next_task(), &tasks[i]);
	cr_assert_null(pick_next_task());
	cr_assert_eq(runqueue.nr_running, 0);
}

/* A preempted task goes to the tail, behind the ones that waited. */
Test(guest_runqueue, requeue_goes_to_tail)
{
	enqueue_task(&tasks[0]);
	enqueue_task(&tasks[1]);
	struct task *p = pick_next_task();

	enqueue_task(p);
	cr_assert_eq(pick_next_task(), &tasks[1]);
	cr_assert_eq(pick_next_task(), &tasks[0]);
	cr_assert_null(pick_next_task());
}

Test(guest_runqueue, empty_queue_gives_null)
{
	cr_assert_null(pick_next_task());
	enqueue_task(&tasks[2]);
	cr_assert_eq(pick_next_task(), &tasks[2]);
	cr_assert_null(runqueue.head);
	cr_assert_null(runqueue.tail);
}

/* Waking a sleeper queues it once and asks for a reschedule. */
Test(guest_runqueue, wake_sleeper_queues_it)
{
	tasks[1].state = TASK_UNINTERRUPTIBLE;
	cr_assert(wake_up_process(&tasks[1]));
	cr_assert_eq(tasks[1].state, TASK_RUNNING);
	cr_assert(runqueue.need_resched);
	cr_assert_eq(runqueue.nr_running, 1);
	/* A second wake finds it running: no double enqueue. */
	cr_assert_not(wake_up_process(&tasks[1]));
	cr_assert_eq(runqueue.nr_running, 1);
}

/* The running task, or a dead one, is not woken. */
Test(guest_runqueue, wake_non_sleeper_changes_nothing)
{
	tasks[3].state = TASK_DEAD;
	cr_assert_not(wake_up_process(&tasks[0]));
	cr_assert_not(wake_up_process(&tasks[3]));
	cr_assert_eq(runqueue.nr_running, 0);
	cr_assert_not(runqueue.need_resched);
	cr_assert_eq(tasks[3].state, TASK_DEAD);
}
