/* guest-pv/runqueue.c - the run queue: FIFO of runnable tasks, wake_up_process. Pure C: tests/unit/test_guest_runqueue.c compiles it unchanged. Linux: kernel/sched/core.c (try_to_wake_up), much reduced. */
#include "runqueue.h"

struct rq runqueue;

void rq_init(void)
{
	runqueue = (struct rq){ 0 };
}

void enqueue_task(struct task *p)
{
	p->rq_next = NULL;
	if (runqueue.tail)
		runqueue.tail->rq_next = p;
	else
		runqueue.head = p;
	runqueue.tail = p;
	runqueue.nr_running++;
}

struct task *pick_next_task(void)
{
	struct task *p = runqueue.head;

	if (!p)
		return NULL;
	runqueue.head = p->rq_next;
	if (!runqueue.head)
		runqueue.tail = NULL;
	p->rq_next = NULL;
	runqueue.nr_running--;
	return p;
}

bool wake_up_process(struct task *p)
{
	if (p->state != TASK_UNINTERRUPTIBLE)
		return false;
	p->state = TASK_RUNNING;
	enqueue_task(p);
	runqueue.need_resched = true;
	return true;
}
