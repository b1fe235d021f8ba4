/* tests/unit/fake_console.c - host stand-in for boot/serial.c: faultline's printk output goes to stderr in unit tests. */
#include <stdio.h>
#include "../../include/console.h"

void serial_write(const char *s, size_t len)
{
	fwrite(s, 1, len, stderr);
}

void serial_flush(void)
{
}

void debugcon_write(const char *s, size_t len)
{
	fwrite(s, 1, len, stderr);
}

void console_write(const char *s, size_t len)
{
	fwrite(s, 1, len, stderr);
}
