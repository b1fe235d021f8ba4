/* vmm/console_scan.h - what faultline reads in a guest's console line: a kernel complaint, or a report for the summary. No KVM twin (a test harness's job, e.g. kvm-unit-tests' run scripts, syzkaller's report parsing). */
#ifndef FAULTLINE_CONSOLE_SCAN_H
#define FAULTLINE_CONSOLE_SCAN_H

#include "../include/types.h"

/* The kernel's own words for "something is wrong" (Linux: lib/bug.c, kernel/panic.c, arch/x86/kernel/dumpstack.c). */
enum kernel_complaint {
	COMPLAINT_NONE,
	COMPLAINT_BUG,		/* "BUG:" */
	COMPLAINT_WARNING,	/* "WARNING:" */
	COMPLAINT_OOPS,		/* "Oops" */
	COMPLAINT_PANIC,	/* "Kernel panic" */
};

/* The first complaint the line contains, anywhere in it. */
enum kernel_complaint console_line_complaint(const char *line, unsigned len);

/* Its name for the summary ("BUG", "WARNING", "Oops", "panic"). */
const char *kernel_complaint_name(enum kernel_complaint c);

/* One "key=value" word of a report line: offset and length in the line. */
struct console_report_word {
	unsigned offset, len;
};

/*
 * If the line is a console report (FL_CONSOLE_REPORT_MARKER, after an
 * optional "[timestamp] " the kernel adds), its space-separated words,
 * at most max of them; returns how many (0: not a report line). The
 * words are not checked here: the report path checks each.
 */
unsigned console_report_words(const char *line, unsigned len,
			      struct console_report_word *words,
			      unsigned max);

#endif
