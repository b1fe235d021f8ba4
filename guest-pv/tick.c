/* guest-pv/tick.c - the PV tick: each tick asks to preempt the running task if another is waiting. Linux: arch/x86/kernel/apic/apic.c (sysvec_apic_timer_interrupt), kernel/sched/core.c (scheduler_tick). */
#include "tick.h"
#include "irq_vectors.h"
#include "runqueue.h"
#include "sched.h"
#include "lib/apic.h"
#include "lib/hypercall.h"
#include "lib/printk.h"

u64 ticks;

/* Round robin: the time slice is one tick, if anyone else can run. */
static void sysvec_apic_timer_interrupt(struct pt_regs *regs)
{
	apic_eoi();
	ticks++;
	if (runqueue.nr_running)
		runqueue.need_resched = true;
	irqentry_exit_cond_resched(regs);
}

void tick_init(void)
{
	s64 ret;

	idt_set_handler(LOCAL_TIMER_VECTOR, sysvec_apic_timer_interrupt);
	ret = hc_set_tick(LOCAL_TIMER_VECTOR);
	if (ret)
		printk("tick: FL_HC_SET_TICK(%#x) refused (%lld): no "
		       "preemption by tick\n", LOCAL_TIMER_VECTOR,
		       (long long)ret);
}
