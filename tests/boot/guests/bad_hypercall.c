/* tests/boot/guests/bad_hypercall.c - test guest: hypercalls with arguments faultline must refuse (GPAs outside guest memory, bad lengths, bad values, unknown numbers), each checked for its error. KVM selftests: x86_64/hyperv_features.c, kvm_pv_test.c. */
#include "../../../guest-pv/lib/guest.h"
#include "../../../guest-pv/lib/hypercall.h"
#include "../../../guest-pv/lib/printk.h"
#include "../../../include/lib.h"

#define FL_HC_UNKNOWN	(FL_HC_BASE + 0xfff)
#define MAX_CASES	16

struct hc_case {
	const char *what;
	u64 nr, p1, p2, p3;
	s64 want;
};

static const char *error_name(s64 ret)
{
	switch (ret) {
	case 0:			return "0";
	case -FL_EFAULT:	return "-FL_EFAULT";
	case -FL_EINVAL:	return "-FL_EINVAL";
	case -FL_E2BIG:		return "-FL_E2BIG";
	case -FL_ENOSYS:	return "-FL_ENOSYS";
	default:		return "an unexpected value";
	}
}

static unsigned fill_cases(struct hc_case *c, u64 gm)
{
	static const char text[] = "bad_hypercall";
	static const char no_equals[] = "novalue";
	static const char good_item[] = "hc_valid=1";
	static char long_item[FL_HC_REPORT_MAX + 1];
	unsigned n = 0;

	memset(long_item, 'a', sizeof(long_item));
	long_item[1] = '=';
	c[n++] = (struct hc_case){ "console write at GPA guest_mem",
		FL_HC_CONSOLE_WRITE, gm, 16, 0, -FL_EFAULT };
	c[n++] = (struct hc_case){ "console write across guest_mem",
		FL_HC_CONSOLE_WRITE, gm - 8, 16, 0, -FL_EFAULT };
	c[n++] = (struct hc_case){ "console write wrapping past 2^64",
		FL_HC_CONSOLE_WRITE, ~0ull - 7, 16, 0, -FL_EFAULT };
	c[n++] = (struct hc_case){ "console write > FL_HC_CONSOLE_MAX",
		FL_HC_CONSOLE_WRITE, __pa(text), FL_HC_CONSOLE_MAX + 1, 0,
		-FL_E2BIG };
	c[n++] = (struct hc_case){ "report at GPA guest_mem",
		FL_HC_REPORT, gm, 8, 0, -FL_EFAULT };
	c[n++] = (struct hc_case){ "report without '='",
		FL_HC_REPORT, __pa(no_equals), sizeof(no_equals) - 1, 0,
		-FL_EINVAL };
	c[n++] = (struct hc_case){ "report > FL_HC_REPORT_MAX",
		FL_HC_REPORT, __pa(long_item), sizeof(long_item), 0,
		-FL_EINVAL };
	c[n++] = (struct hc_case){ "tick on exception vector 14",
		FL_HC_SET_TICK, 14, 0, 0, -FL_EINVAL };
	c[n++] = (struct hc_case){ "trace of unknown kind 0",
		FL_HC_TRACE, 0, 0, 0, -FL_EINVAL };
	c[n++] = (struct hc_case){ "hypercall FL_HC_BASE + 0xfff",
		FL_HC_UNKNOWN, 0, 0, 0, -FL_ENOSYS };
	c[n++] = (struct hc_case){ "hypercall number 0",
		0, 0, 0, 0, -FL_ENOSYS };
	/* Refusals change nothing: a good call still works afterwards. */
	c[n++] = (struct hc_case){ "valid report after the refusals",
		FL_HC_REPORT, __pa(good_item), sizeof(good_item) - 1, 0, 0 };
	return n;
}

int guest_main(const struct fl_boot_info *bi)
{
	struct hc_case cases[MAX_CASES];
	unsigned n = fill_cases(cases, bi->guest_mem), failed = 0;

	printk("bad_hypercall: %u hypercalls to refuse (the last to accept), "
	       "guest_mem %#llx\n", n, (unsigned long long)bi->guest_mem);
	for (unsigned i = 0; i < n; i++) {
		const struct hc_case *c = &cases[i];
		s64 ret = fl_hypercall4(c->nr, c->p1, c->p2, c->p3, 0);
		bool ok = ret == c->want;

		failed += !ok;
		printk("bad_hypercall: %s: %s: got %lld (%s), want %s\n",
		       ok ? "ok" : "FAIL", c->what, (long long)ret,
		       error_name(ret), error_name(c->want));
	}
	report("hc_checked", "%u", n);
	report("hc_failed", "%u", failed);
	printk("bad_hypercall: %s: %u of %u as expected\n",
	       failed ? "FAIL" : "PASS", n - failed, n);
	return failed ? FL_RESULT_FAIL : FL_RESULT_PASS;
}
