/* vmm/guest_report.c - the guest's reports for the summary (FL_HC_REPORT, console report lines) and the kernel complaints read from its console. No KVM twin. Pure C: host tests compile it. */
#include "guest_report.h"
#include "console.h"
#include "console_scan.h"
#include "../include/lib.h"

static bool is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* "key=value": key [a-z0-9_]+, value printable with no space or '=' */
static bool valid_report(const char *s, u64 len)
{
	u64 i = 0;

	while (i < len && is_key_char(s[i]))
		i++;
	if (i == 0 || i >= len || s[i] != '=')
		return false;
	if (++i == len)
		return false;
	for (; i < len; i++)
		if (s[i] <= ' ' || s[i] >= 0x7f || s[i] == '=')
			return false;
	return true;
}

/* Both are valid reports: "key=value", NUL-terminated. */
static bool same_key(const char *a, const char *b)
{
	while (*a == *b && *a != '=')
		a++, b++;
	return *a == '=' && *b == '=';
}

s64 guest_report_add(struct vcpu *vcpu, const char *text, u64 len)
{
	struct guest_report_item item;

	if (len == 0 || len > FL_HC_REPORT_MAX || !valid_report(text, len))
		return -FL_EINVAL;
	memcpy(item.text, text, len);
	item.text[len] = '\0';
	/* One value per key: a second report of a key replaces the first. */
	for (unsigned i = 0; i < vcpu->report_count; i++)
		if (same_key(vcpu->report[i].text, item.text)) {
			vcpu->report[i] = item;
			return 0;
		}
	if (vcpu->report_count == FL_REPORT_ITEMS)
		return -FL_E2BIG;
	vcpu->report[vcpu->report_count++] = item;
	return 0;
}

void guest_console_scan(struct vcpu *vcpu, const char *line, unsigned len)
{
	struct console_report_word w[FL_REPORT_ITEMS];
	enum kernel_complaint c = console_line_complaint(line, len);
	unsigned n = console_report_words(line, len, w, ARRAY_SIZE(w));

	vcpu->console_lines++;
	if (c != COMPLAINT_NONE && vcpu->complaint == COMPLAINT_NONE) {
		vcpu->complaint = c;
		printk("faultline: guest console line %llu is a kernel "
		       "complaint (%s): the run will fail\n",
		       (unsigned long long)vcpu->console_lines,
		       kernel_complaint_name(c));
	}
	for (unsigned i = 0; i < n; i++)
		if (guest_report_add(vcpu, line + w[i].offset, w[i].len))
			printk("faultline: guest console report '%.*s' "
			       "refused (key=value, key [a-z0-9_], at most "
			       "%u bytes, %u keys)\n", (int)w[i].len,
			       line + w[i].offset, FL_HC_REPORT_MAX,
			       FL_REPORT_ITEMS);
}
