/* tests/unit/test_console_scan.c - host tests for vmm/console_scan.c: kernel complaints found anywhere in a line, console reports found after the kernel's timestamp. */
#include <criterion/criterion.h>
#include <string.h>
#include "../../vmm/console_scan.h"
#include "../../include/guest_abi.h"

static enum kernel_complaint complaint(const char *s)
{
	return console_line_complaint(s, (unsigned)strlen(s));
}

/* Is each of the four complaints found, wherever it sits in the line? */
Test(console_scan, complaints_found_anywhere)
{
	cr_assert_eq(complaint("[    1.000000] BUG: kernel NULL pointer dereference"),
		     COMPLAINT_BUG);
	cr_assert_eq(complaint("[    2.5] WARNING: CPU: 0 PID: 1 at mm/x.c:9"),
		     COMPLAINT_WARNING);
	cr_assert_eq(complaint("Oops: 0002 [#1] PREEMPT SMP NOPTI"),
		     COMPLAINT_OOPS);
	cr_assert_eq(complaint("[    3.1] Kernel panic - not syncing: VFS"),
		     COMPLAINT_PANIC);
	cr_assert_str_eq(kernel_complaint_name(COMPLAINT_PANIC), "panic");
}

/* Are ordinary lines, and near misses, not complaints? */
Test(console_scan, ordinary_lines_pass)
{
	cr_assert_eq(complaint("[    0.000000] Linux version 6.1.0"), COMPLAINT_NONE);
	cr_assert_eq(complaint("BUG without a colon"), COMPLAINT_NONE);
	cr_assert_eq(complaint("warning: lower case"), COMPLAINT_NONE);
	cr_assert_eq(complaint("kernel panic, lower case"), COMPLAINT_NONE);
	cr_assert_eq(complaint(""), COMPLAINT_NONE);
	/* The needle must fit inside the line's length. */
	cr_assert_eq(console_line_complaint("BUG:", 3), COMPLAINT_NONE);
}

static unsigned words(const char *s, struct console_report_word *w)
{
	return console_report_words(s, (unsigned)strlen(s), w, 4);
}

/* Is a report line found after the timestamp, its words split on spaces? */
Test(console_scan, report_after_timestamp)
{
	const char *s = "[   12.345678] faultline-report: units=42  ok=1";
	struct console_report_word w[4];

	cr_assert_eq(words(s, w), 2);
	cr_assert_eq(strncmp(s + w[0].offset, "units=42", w[0].len), 0);
	cr_assert_eq(w[0].len, 8);
	cr_assert_eq(strncmp(s + w[1].offset, "ok=1", w[1].len), 0);
	cr_assert_eq(w[1].len, 4);
}

/* Is the marker accepted without a timestamp, and refused anywhere else? */
Test(console_scan, report_marker_placement)
{
	struct console_report_word w[4];

	cr_assert_eq(words(FL_CONSOLE_REPORT_MARKER "a=1", w), 1);
	cr_assert_eq(words("x faultline-report: a=1", w), 0);
	cr_assert_eq(words("[ 1.0] say faultline-report: a=1", w), 0);
	cr_assert_eq(words("faultline-report:a=1", w), 0);
	cr_assert_eq(words("[ 1.0] faultline-report: ", w), 0);
}

/* Are at most max words returned? */
Test(console_scan, report_words_bounded)
{
	struct console_report_word w[4];

	cr_assert_eq(words("faultline-report: a=1 b=2 c=3 d=4 e=5 f=6", w), 4);
}
