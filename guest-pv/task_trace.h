/* guest-pv/task_trace.h - the guest's scheduler and async-PF events for faultline's trace (FL_HC_TRACE), sent only while faultline traces. Linux: the sched_switch tracepoint (include/trace/events/sched.h). */
#ifndef GUEST_TASK_TRACE_H
#define GUEST_TASK_TRACE_H

#include "lib/hypercall.h"

/*
 * True while faultline counts or records these events (trace=summary or
 * full). With trace=off the guest makes no trace hypercall at all, so
 * tracing that is off costs the guest nothing.
 */
extern bool task_trace_on;

/* Ask faultline its trace level, once, before any task runs. */
void task_trace_init(void);

static inline void task_trace(u64 what, u64 a, u64 b)
{
	if (task_trace_on)
		hc_trace(what, a, b);
}

#endif
