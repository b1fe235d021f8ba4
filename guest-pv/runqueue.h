/* guest-pv/runqueue.h - the run queue: runnable tasks in FIFO order (round robin), waking a sleeping task, the need-resched flag. Pure C: host-tested. Linux: kernel/sched/core.c (wake_up_process), kernel/sched/rt.c (SCHED_RR's queue). */
#ifndef GUEST_RUNQUEUE_H
#define GUEST_RUNQUEUE_H

#include "task.h"

struct rq {
	struct task *head, *tail;	/* next to run at head; enqueue at tail */
	unsigned nr_running;		/* tasks on the queue */
	bool need_resched;		/* preempt the current task when allowed */
};

extern struct rq runqueue;	/* one vCPU, one queue */

void rq_init(void);

/* Append a runnable task; it must not be on the queue already. */
void enqueue_task(struct task *p);

/* Take the task at the head, or NULL if the queue is empty. */
struct task *pick_next_task(void);

/*
 * TASK_UNINTERRUPTIBLE -> TASK_RUNNING at the tail of the queue, and ask
 * for a reschedule. Returns false (and changes nothing) for a task that
 * was not asleep: the running task, or one already woken.
 */
bool wake_up_process(struct task *p);

#endif
