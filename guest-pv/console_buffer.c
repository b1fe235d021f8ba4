/* guest-pv/console_buffer.c - console lines held back while a timed phase runs, printed after it. Linux: printk's log buffer, drained by the console later (kernel/printk/printk.c). */
#include "console_buffer.h"
#include "lib/processor.h"
#include "../include/lib.h"

#define CONSOLE_BUFFER_SIZE	16384	/* a few hundred lines */
#define BPRINTK_LINE_MAX	256

static char held[CONSOLE_BUFFER_SIZE];
static size_t held_len;
static u64 held_dropped;	/* lines that did not fit */
static bool buffering;

void console_buffer_start(void)
{
	held_len = 0;
	held_dropped = 0;
	buffering = true;
}

void console_buffer_flush(void)
{
	size_t start = 0;

	buffering = false;
	for (size_t i = 0; i < held_len; i++) {
		if (held[i] != '\n')
			continue;
		printk("%.*s\n", (int)(i - start), held + start);
		start = i + 1;
	}
	if (held_dropped)
		printk("console: %llu lines did not fit the buffer while "
		       "timing\n", (unsigned long long)held_dropped);
	held_len = 0;
}

void bprintk(const char *fmt, ...)
{
	char line[BPRINTK_LINE_MAX];
	va_list ap;
	size_t n;
	u64 flags;

	va_start(ap, fmt);
	n = (size_t)vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	n = MIN(n, sizeof(line) - 1);
	if (!buffering) {
		printk("%s", line);
		return;
	}
	/* Held text is whole lines: the flush prints one per newline. */
	if (n == 0 || line[n - 1] != '\n') {
		if (n == sizeof(line) - 1)
			n--;
		line[n++] = '\n';
	}
	/* Tasks preempted by the tick share the buffer. */
	flags = local_irq_save();
	if (held_len + n <= sizeof(held)) {
		memcpy(held + held_len, line, n);
		held_len += n;
	} else {
		held_dropped++;
	}
	local_irq_restore(flags);
}
