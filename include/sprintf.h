/* include/sprintf.h - vsnprintf and snprintf (lib/vsprintf.c), for faultline and its guests alike. Linux: include/linux/sprintf.h. */
#ifndef FAULTLINE_SPRINTF_H
#define FAULTLINE_SPRINTF_H

#include <stdarg.h>
#include "types.h"

/*
 * %d %i %u %x %X %c %s %p %%, with flags '-' '0' '#', a width, a
 * precision for %s (%.Ns, %.*s), and the length modifiers l, ll, z.
 * Returns the length the whole text would have, as C's does; buf always
 * ends with a NUL when size > 0.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
