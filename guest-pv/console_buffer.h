/* guest-pv/console_buffer.h - console lines held back while a timed phase runs, printed after it. Linux: printk's log buffer, drained by the console later (kernel/printk/printk.c). */
#ifndef GUEST_CONSOLE_BUFFER_H
#define GUEST_CONSOLE_BUFFER_H

#include "lib/printk.h"

/*
 * faultline's console is a UART: ~87 us of emulated time per character
 * (about 260,000 cycles at 3 GHz), so a line printed inside a timed phase
 * would be timed as the workload's work. Between console_buffer_start()
 * and console_buffer_flush(), bprintk() keeps its lines in memory; the
 * flush prints them, and says how many did not fit.
 */
void console_buffer_start(void);
void console_buffer_flush(void);

/* printk(), or held while buffering. Any task, interrupts on or off. */
void bprintk(const char *fmt, ...) __printf(1, 2);

#endif
