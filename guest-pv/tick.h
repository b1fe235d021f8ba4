/* guest-pv/tick.h - the PV tick: a periodic vector from faultline (FL_HC_SET_TICK) that lets the scheduler preempt. Linux: kernel/time/tick-common.c, kernel/sched/core.c (scheduler_tick). */
#ifndef GUEST_TICK_H
#define GUEST_TICK_H

#include "../include/types.h"

/*
 * Ask faultline for the tick on LOCAL_TIMER_VECTOR (it ticks only with tick_us=
 * set).
 */
void tick_init(void);

extern u64 ticks;	/* tick interrupts taken */

#endif
