/* guest-pv/lib/printk.c - the guest's console and report output, through faultline's hypercalls. Linux: kernel/printk/printk.c (vprintk), arch/x86/kernel/kvm.c (kvm_hypercall*). */
#include "printk.h"
#include "hypercall.h"
#include "../../include/lib.h"

/* Longer lines are cut, with a marker: the console is for people. */
#define PRINTK_LINE_MAX		512
#define PRINTK_CUT_MARK		"...\n"

void printk(const char *fmt, ...)
{
	char line[PRINTK_LINE_MAX];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if ((size_t)n >= sizeof(line)) {
		n = sizeof(line) - 1;
		memcpy(line + n - (sizeof(PRINTK_CUT_MARK) - 1),
		       PRINTK_CUT_MARK, sizeof(PRINTK_CUT_MARK) - 1);
	}
	hc_console_write(line, (u64)n);
}

s64 report(const char *key, const char *fmt, ...)
{
	char item[FL_HC_REPORT_MAX + 1];	/* + the NUL */
	va_list ap;
	int k, n;
	s64 ret;

	k = snprintf(item, sizeof(item), "%s=", key);
	va_start(ap, fmt);
	n = k < (int)sizeof(item) ?
	    vsnprintf(item + k, sizeof(item) - (size_t)k, fmt, ap) : 0;
	va_end(ap);
	if ((size_t)(k + n) >= sizeof(item)) {
		printk("report: '%s' is longer than %u bytes: not sent\n",
		       item, FL_HC_REPORT_MAX);
		return -FL_E2BIG;
	}
	ret = hc_report(item, (u64)(k + n));
	if (ret)
		printk("report: faultline refused '%s' (error %lld)\n", item,
		       (long long)ret);
	return ret;
}

_Noreturn void hc_exit(u64 result)
{
	fl_hypercall1(FL_HC_EXIT, result);
	/* Never reached: faultline does not resume a guest that exited. */
	for (;;)
		__asm__ volatile("cli; hlt");
}

_Noreturn void panic(const char *fmt, ...)
{
	char line[PRINTK_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	printk("panic: %s", line);
	hc_exit(FL_RESULT_FAIL);
}
