/* guest-pv/lib/printk.h - formatted output to faultline's console and key=value reports for its summary line. Linux: include/linux/printk.h. */
#ifndef GUEST_PRINTK_H
#define GUEST_PRINTK_H

#include "../../include/sprintf.h"	/* vsnprintf, snprintf: lib/vsprintf.c */

#define __printf(a, b)	__attribute__((format(printf, a, b)))

/*
 * One FL_HC_CONSOLE_WRITE per call; faultline prefixes each line with "guest:
 * ".
 */
void printk(const char *fmt, ...) __printf(1, 2);

/*
 * FL_HC_REPORT "key=value": faultline appends it to its summary line as
 * guest_<key>=<value>. Returns the hypercall's result; a refused item is
 * also printed, so it is never lost silently.
 */
s64 report(const char *key, const char *fmt, ...) __printf(2, 3);

/* Print, then end the run with FL_RESULT_FAIL. Linux: panic(). */
_Noreturn void panic(const char *fmt, ...) __printf(1, 2);

#endif
