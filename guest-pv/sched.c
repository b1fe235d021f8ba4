/* guest-pv/sched.c - task creation, schedule(), preemption on interrupt return, the idle loop. Linux: kernel/sched/core.c (schedule, __schedule, context_switch), arch/x86/kernel/process_64.c (copy_thread), kernel/sched/idle.c (do_idle). */
#include "sched.h"
#include "page_alloc.h"
#include "runqueue.h"
#include "task_trace.h"
#include "lib/printk.h"
#include "lib/processor.h"

struct task *current;
u64 nr_context_switches;

static struct task idle_task = { .id = 0, .name = "idle" };
static struct task tasks[MAX_TASKS];
static unsigned nr_tasks;
static unsigned nr_alive;	/* created and not yet dead */

/* switch_to.asm */
void __switch_to_asm(struct task *prev, struct task *next);
void ret_from_fork(void);
_Noreturn void task_start(struct task *p);

/*
 * What __switch_to_asm leaves on a switched-out task's stack, lowest
 * address first; a new task gets one by hand. Linux: same name.
 */
struct inactive_task_frame {
	u64 r15, r14, r13, r12, bx, bp;
	u64 ret_addr;
};

void sched_init(void)
{
	rq_init();
	idle_task.state = TASK_RUNNING;
	current = &idle_task;
	nr_tasks = nr_alive = 0;
	nr_context_switches = 0;
}

bool is_idle_task(const struct task *p)
{
	return p == &idle_task;
}

/*
 * Linux: copy_thread() for a kernel thread; the frame returns to ret_from_fork.
 */
struct task *task_create(const char *name, void (*fn)(void *arg), void *arg)
{
	struct inactive_task_frame *frame;
	struct task *p;
	u8 *stack;
	u64 flags;

	if (nr_tasks == MAX_TASKS)
		panic("task_create(%s): already %u tasks, the most there can "
		      "be (MAX_TASKS)\n", name, MAX_TASKS);
	stack = alloc_own_pages(TASK_STACK_PAGES);
	p = &tasks[nr_tasks];
	*p = (struct task){ .id = nr_tasks + 1, .name = name, .fn = fn,
			    .arg = arg, .state = TASK_RUNNING };
	/*
	 * The top is page-aligned; after ret, RSP is 16-aligned for the call.
	 */
	frame = (struct inactive_task_frame *)(stack +
			TASK_STACK_PAGES * PAGE_SIZE) - 1;
	*frame = (struct inactive_task_frame){
		.r12 = (u64)(uintptr_t)p,
		.ret_addr = (u64)(uintptr_t)ret_from_fork,
	};
	p->sp = (u64)(uintptr_t)frame;

	flags = local_irq_save();
	nr_tasks++;
	nr_alive++;
	enqueue_task(p);
	local_irq_restore(flags);
	return p;
}

void schedule(void)
{
	struct task *prev = current, *next;

	if (native_save_fl() & X86_EFLAGS_IF)
		panic("schedule() called with interrupts on\n");
	if (prev->state == TASK_RUNNING && !is_idle_task(prev))
		enqueue_task(prev);	/* preempted or yielding: to the tail */
	next = pick_next_task();
	if (!next)
		next = &idle_task;
	runqueue.need_resched = false;
	if (next == prev)
		return;
	nr_context_switches++;
	task_trace(FL_TRACE_TASK_SWITCH, prev->id, next->id);
	current = next;
	__switch_to_asm(prev, next);
	/* prev runs again here, switched back in by someone's schedule(). */
}

void irqentry_exit_cond_resched(struct pt_regs *regs)
{
	if (runqueue.need_resched && (regs->flags & X86_EFLAGS_IF))
		schedule();
}

static _Noreturn void task_exit(void)
{
	local_irq_disable();
	current->state = TASK_DEAD;
	nr_alive--;
	schedule();
	panic("task %u (%s) ran again after it exited\n", current->id,
	      current->name);
}

/*
 * The first code a task runs (from ret_from_fork): interrupts on, then its
 * function.
 */
_Noreturn void task_start(struct task *p)
{
	local_irq_enable();
	p->fn(p->arg);
	task_exit();
}

void cpu_idle(void)
{
	for (;;) {
		local_irq_disable();
		if (!nr_alive)
			return;		/* interrupts stay off */
		if (runqueue.nr_running)
			schedule();
		else
			native_safe_halt();	/* until page ready or a tick */
	}
}

unsigned nr_tasks_created(void)
{
	return nr_tasks;
}

struct task *task_by_index(unsigned i)
{
	return i < nr_tasks ? &tasks[i] : NULL;
}
