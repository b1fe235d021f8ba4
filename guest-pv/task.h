/* guest-pv/task.h - a guest task: saved stack pointer, run-queue link, state, and what it did. Linux: include/linux/sched.h (struct task_struct), much reduced. */
#ifndef GUEST_TASK_H
#define GUEST_TASK_H

#include "../include/types.h"

enum task_state {
	TASK_RUNNING,		/* current, or on the run queue */
	TASK_UNINTERRUPTIBLE,	/* asleep until wake_up_process() */
	TASK_DEAD,		/* returned from its function */
};

struct task {
	u64 sp;			/* RSP while switched out: first, for switch_to.asm */
	struct task *rq_next;	/* run-queue link */
	enum task_state state;
	unsigned id;		/* 0 is the idle task */
	const char *name;
	void (*fn)(void *arg);
	void *arg;

	/* What the task did, for the report at the end. */
	u64 work_done;		/* pages verified, or compute units */
	u64 apf_waits;		/* async page faults it parked on */
	u64 park_start;		/* TSC when it last parked */
	u64 parked_cycles;	/* TSC ticks spent parked on tokens */
};

#endif
