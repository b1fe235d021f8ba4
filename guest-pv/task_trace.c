/* guest-pv/task_trace.c - whether the guest sends its task events to faultline's trace. Linux: tracepoint static keys (include/linux/tracepoint.h), as a flag read once. */
#include "task_trace.h"

bool task_trace_on;

void task_trace_init(void)
{
	/* An older faultline without FL_TRACE_LEVEL refuses it: send as before. */
	s64 level = hc_trace(FL_TRACE_LEVEL, 0, 0);

	task_trace_on = level != FL_TRACE_LEVEL_OFF;
}
