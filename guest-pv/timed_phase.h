/* guest-pv/timed_phase.h - a workload's timed phase: console lines held back (console_buffer.c) and faultline told where it starts and ends (FL_HC_MEASURE). No Linux twin. */
#ifndef GUEST_TIMED_PHASE_H
#define GUEST_TIMED_PHASE_H

#include "console_buffer.h"
#include "lib/hypercall.h"

/*
 * Between the two, faultline takes its ratios (overlap_ratio,
 * hidden_ratio) over the phase only, so the untimed setup before it and
 * the checks after it do not count, and nothing reaches the UART.
 */
static inline void timed_phase_begin(void)
{
	console_buffer_start();
	fl_hypercall1(FL_HC_MEASURE, 1);
}

static inline void timed_phase_end(void)
{
	fl_hypercall1(FL_HC_MEASURE, 0);
	console_buffer_flush();
}

#endif
