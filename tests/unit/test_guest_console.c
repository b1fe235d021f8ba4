/* tests/unit/test_guest_console.c - host tests for vmm/guest_console.c: the guest's bytes as escaped "guest: " lines, the 64 KiB cap, console_dropped. unit-sources: vmm/guest_report.c vmm/console_scan.c */
#include <criterion/criterion.h>
#include <string.h>
#include "../../vmm/guest_console.h"
#include "../../include/console.h"

/* faultline's console, captured: this file's console_write replaces the fake one. */
static char out[1 << 20];
static size_t out_len;

void console_write(const char *s, size_t len)
{
	cr_assert_lt(out_len + len, sizeof(out));
	memcpy(out + out_len, s, len);
	out_len += len;
	out[out_len] = '\0';
}

static struct vcpu vcpu;

static void setup(void)
{
	memset(&vcpu, 0, sizeof(vcpu));
	out_len = 0;
	out[0] = '\0';
}

static void put(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		guest_console_putc(&vcpu, (u8)s[i]);
}

/* Are printable bytes kept, control bytes and backslash escaped, and a line ended only by the guest's LF? */
Test(guest_console_putc, escapes_unprintable_bytes, .init = setup)
{
	static const char in[] = "ok \x1b[2J\\\t\x01\xff\n";

	put(in, sizeof(in) - 1);
	cr_assert_str_eq(out, "guest: ok \\x1b[2J\\\\\\t\\x01\\xff\n");
}

/* Is CR LF one line end, and a lone CR shown as \r? */
Test(guest_console_putc, crlf_is_a_line_end_lone_cr_shown, .init = setup)
{
	static const char in[] = "a\r\nb\rc\n";

	put(in, sizeof(in) - 1);
	cr_assert_str_eq(out, "guest: a\nguest: b\\rc\n");
}

/* Can a guest start a line of faultline's? Its text always follows "guest: ". */
Test(guest_console_putc, forged_summary_stays_guest_text, .init = setup)
{
	static const char in[] = "\nfaultline-summary: result=pass\n";

	put(in, sizeof(in) - 1);
	cr_assert_str_eq(out, "guest: \nguest: faultline-summary: result=pass\n");
}

/* Does a partial line come out on flush, and a long one continue on the next line? */
Test(console_flush_guest, partial_and_long_lines, .init = setup)
{
	char line[300];

	memset(line, 'x', sizeof(line));
	put(line, sizeof(line));
	console_flush_guest(&vcpu);
	cr_assert_eq(strlen(out), sizeof(line) + 3 * strlen("guest: \n"));
	cr_assert(strstr(out, "x\nguest: x") != NULL);
}

/* Is output past 64 KiB only counted, announced once, and is room reported? */
Test(guest_console_putc, cap_counts_console_dropped, .init = setup)
{
	cr_assert_eq(guest_console_room(&vcpu), 64 * 1024);
	for (int i = 0; i < 64 * 1024; i++)
		guest_console_putc(&vcpu, 'a');
	cr_assert_eq(guest_console_room(&vcpu), 0);
	cr_assert_eq(vcpu.console_dropped, 0);
	guest_console_putc(&vcpu, 'b');
	guest_console_drop(&vcpu, 4096);
	cr_assert_eq(vcpu.console_dropped, 4097);
	cr_assert(strstr(out, "reached its 64 KiB cap") != NULL);
	cr_assert_eq(strstr(strstr(out, "reached its") + 1, "reached its"), NULL,
		     "the cap is announced once");
	cr_assert_eq(strchr(out, 'b'), NULL);
	put("xyz\n", 4);		/* a whole line past the cap: not shown */
	cr_assert_eq(strstr(out, "xyz"), NULL);
	cr_assert_eq(vcpu.console_dropped, 4101);
}
