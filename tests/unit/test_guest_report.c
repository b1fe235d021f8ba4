/* tests/unit/test_guest_report.c - host tests for vmm/guest_report.c: reports checked and stored once per key, console lines read for reports and the first kernel complaint. unit-sources: vmm/console_scan.c */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "../../vmm/guest_report.h"
#include "../../vmm/console_scan.h"

static struct vcpu vcpu;

static void setup(void)
{
	memset(&vcpu, 0, sizeof(vcpu));
}

static void line(const char *s)
{
	guest_console_scan(&vcpu, s, (unsigned)strlen(s));
}

/* Is a valid report stored, a bad one refused, and a repeated key replaced? */
Test(guest_report_add, checks_and_one_value_per_key, .init = setup)
{
	cr_assert_eq(guest_report_add(&vcpu, "a=1", 3), 0);
	cr_assert_eq(guest_report_add(&vcpu, "A=1", 3), -FL_EINVAL);
	cr_assert_eq(guest_report_add(&vcpu, "a=", 2), -FL_EINVAL);
	cr_assert_eq(guest_report_add(&vcpu, "b=x y", 5), -FL_EINVAL);
	cr_assert_eq(guest_report_add(&vcpu, "a=2", 3), 0);
	cr_assert_eq(vcpu.report_count, 1);
	cr_assert_str_eq(vcpu.report[0].text, "a=2");
}

/* Is a full table refused without writing past it? */
Test(guest_report_add, full_table_refused, .init = setup)
{
	char k[16];

	for (unsigned i = 0; i < FL_REPORT_ITEMS; i++) {
		int n = snprintf(k, sizeof(k), "k%u=1", i);

		cr_assert_eq(guest_report_add(&vcpu, k, (u64)n), 0);
	}
	cr_assert_eq(guest_report_add(&vcpu, "late=1", 6), -FL_E2BIG);
	cr_assert_eq(vcpu.report_count, FL_REPORT_ITEMS);
}

/* Does a console report line add its valid words, and only them? */
Test(guest_console_scan, report_line_adds_words, .init = setup)
{
	line("[    2.000000] faultline-report: units=9 Bad=1 ok=1");
	cr_assert_eq(vcpu.report_count, 2);
	cr_assert_str_eq(vcpu.report[0].text, "units=9");
	cr_assert_str_eq(vcpu.report[1].text, "ok=1");
	cr_assert_eq(vcpu.complaint, COMPLAINT_NONE);
}

/* Is the first complaint the one remembered, with lines counted? */
Test(guest_console_scan, first_complaint_kept, .init = setup)
{
	line("[    0.1] booting");
	line("[    0.2] WARNING: CPU: 0 PID: 1 at x.c:1");
	line("[    0.3] Kernel panic - not syncing");
	cr_assert_eq(vcpu.complaint, COMPLAINT_WARNING);
	cr_assert_eq(vcpu.console_lines, 3);
}
