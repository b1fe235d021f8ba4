/* vmm/console_scan.c - read a guest console line for a kernel complaint or a summary report. No KVM twin. Pure C: host tests compile it. */
#include "console_scan.h"
#include "../include/guest_abi.h"

static const struct {
	const char *needle;
	const char *name;
} complaints[] = {
	[COMPLAINT_BUG]		= { "BUG:", "BUG" },
	[COMPLAINT_WARNING]	= { "WARNING:", "WARNING" },
	[COMPLAINT_OOPS]	= { "Oops", "Oops" },
	[COMPLAINT_PANIC]	= { "Kernel panic", "panic" },
};

static bool starts_with(const char *s, unsigned len, const char *prefix)
{
	unsigned i = 0;

	for (; prefix[i]; i++)
		if (i >= len || s[i] != prefix[i])
			return false;
	return true;
}

static bool contains(const char *s, unsigned len, const char *needle)
{
	for (unsigned i = 0; i < len; i++)
		if (starts_with(s + i, len - i, needle))
			return true;
	return false;
}

enum kernel_complaint console_line_complaint(const char *line, unsigned len)
{
	for (unsigned c = COMPLAINT_BUG; c < ARRAY_SIZE(complaints); c++)
		if (contains(line, len, complaints[c].needle))
			return (enum kernel_complaint)c;
	return COMPLAINT_NONE;
}

const char *kernel_complaint_name(enum kernel_complaint c)
{
	return c > COMPLAINT_NONE && c < ARRAY_SIZE(complaints) ?
	       complaints[c].name : "none";
}

/* "[    5.123456] ": the kernel's printk time, if the line has one. */
#define TIMESTAMP_MAX	32

static unsigned skip_timestamp(const char *line, unsigned len)
{
	if (len == 0 || line[0] != '[')
		return 0;
	for (unsigned i = 1; i < len && i < TIMESTAMP_MAX; i++)
		if (line[i] == ']')
			return i + 1 < len && line[i + 1] == ' ' ? i + 2 : i + 1;
	return 0;
}

unsigned console_report_words(const char *line, unsigned len,
			      struct console_report_word *words,
			      unsigned max)
{
	unsigned i = skip_timestamp(line, len), n = 0;

	if (!starts_with(line + i, len - i, FL_CONSOLE_REPORT_MARKER))
		return 0;
	i += sizeof(FL_CONSOLE_REPORT_MARKER) - 1;
	while (i < len && n < max) {
		unsigned start;

		while (i < len && line[i] == ' ')
			i++;
		start = i;
		while (i < len && line[i] != ' ')
			i++;
		if (i > start)
			words[n++] = (struct console_report_word){
				.offset = start, .len = i - start };
	}
	return n;
}
