/* vmm/printk.c - printk: a formatted line to faultline's console (0xE9 or COM1). Linux: kernel/printk/printk.c (vprintk). The formatter is lib/vsprintf.c. */
#include "console.h"

void printk(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(line))
		n = sizeof(line) - 1;
	console_write(line, (size_t)n);
}
