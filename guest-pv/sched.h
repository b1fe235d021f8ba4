/* guest-pv/sched.h - the scheduler: create tasks, switch between them, preempt on interrupt return, idle with HLT. Linux: include/linux/sched.h, kernel/sched/core.c (schedule), kernel/sched/idle.c. */
#ifndef GUEST_SCHED_H
#define GUEST_SCHED_H

#include "task.h"
#include "lib/idt.h"

#define TASK_STACK_PAGES	4	/* 16 KiB: a task plus one nested fault */
#define MAX_TASKS		16

extern struct task *current;

/* The boot context becomes the idle task (id 0); the run queue starts empty. */
void sched_init(void);

/* A runnable task that will call fn(arg) with interrupts on, then exit. */
struct task *task_create(const char *name, void (*fn)(void *arg), void *arg);

/*
 * Give the CPU to the next runnable task (round robin), or to idle. Call
 * with interrupts off; a task that is still TASK_RUNNING goes to the tail
 * of the queue, one that set TASK_UNINTERRUPTIBLE sleeps until woken.
 */
void schedule(void);

/*
 * At the end of an interrupt handler: if a wake or a tick asked for it and
 * the interrupted code had interrupts on (a task, not another handler),
 * switch now. Linux: irqentry_exit_cond_resched().
 */
void irqentry_exit_cond_resched(struct pt_regs *regs);

bool is_idle_task(const struct task *p);

/*
 * The idle loop, on the boot stack: run tasks until every one has exited,
 * halting (STI; HLT) whenever none is runnable. Linux: do_idle().
 */
void cpu_idle(void);

/* All tasks created so far (for the report), and the switch count. */
unsigned nr_tasks_created(void);
struct task *task_by_index(unsigned i);
extern u64 nr_context_switches;

#endif
