/* tests/unit/test_options.c - host tests for boot/options.c, compiled unchanged. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "../../boot/options.h"

#define ERRLEN	160

static struct fl_options o;
static char err[ERRLEN];

static void parse_ok(const char *text)
{
	err[0] = '\0';
	cr_assert_eq(fl_options_parse(&o, text, err, sizeof(err)), 0,
		     "'%s' refused: %s", text, err);
}

/* Does empty text give every documented default? */
Test(fl_options_parse, empty_gives_defaults)
{
	parse_ok("");
	cr_assert_str_eq(o.guest, "guest-pv.elf");
	cr_assert_eq(o.guest_mem, MiB(256));
	cr_assert_eq(o.frames, MiB(32));
	cr_assert_eq(o.engine, FL_ENGINE_UNKNOWN);
	cr_assert_eq(o.ips, 0);
	cr_assert_eq(o.swap, FL_SWAP_RAM);
	cr_assert_eq(o.swap_dist, FL_SWAP_DIST_FIXED);
	cr_assert_eq(o.demo_fault, FL_DEMO_FAULT_NONE);
	cr_assert_eq(o.workload, FL_WORKLOAD_BASIC);
	cr_assert_eq(o.swap_size, 0);
	cr_assert_eq(fl_swap_bytes(&o), fl_swap_bytes_min(&o));
	cr_assert_eq(o.swap_latency_us, 100);
	cr_assert(o.async_pf);
	cr_assert_eq(o.tick_us, 0);
	cr_assert_eq(o.trace, TRACE_SUMMARY);
	cr_assert_eq(o.seed, 1);
	cr_assert_str_eq(o.guest_cmdline, "");
	cr_assert_eq(fl_options_check(&o, err, sizeof(err)), 0);
}

/* Is a NULL text the same as no options? */
Test(fl_options_parse, null_text_defaults)
{
	cr_assert_eq(fl_options_parse(&o, NULL, err, sizeof(err)), 0);
	cr_assert_eq(o.guest_mem, MiB(256));
}

/* Do sizes take bytes, hex, and K/M/G in either case? */
Test(fl_options_parse, sizes_table)
{
	static const struct { const char *text; u64 want; } cases[] = {
		{ "guest_mem=4096", 4096 },
		{ "guest_mem=0x1000", 0x1000 },
		{ "guest_mem=8K", KiB(8) },
		{ "guest_mem=8k", KiB(8) },
		{ "guest_mem=64M", MiB(64) },
		{ "guest_mem=64m", MiB(64) },
		{ "guest_mem=2G", GiB(2) },
		{ "guest_mem=0x10M", MiB(16) },
		{ "guest_mem=1G guest_mem=512M", MiB(512) },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		parse_ok(cases[i].text);
		cr_assert_eq(o.guest_mem, cases[i].want, "'%s'", cases[i].text);
	}
}

/* Does every faultline key land in its field, with blanks of any kind between words? */
Test(fl_options_parse, every_key_sets_its_field)
{
	parse_ok("  guest=\\EFI\\guest.elf\tguest_mem=64M\nframes=16M\r\n"
		 "engine=bochs ips=3000000000 swap=ram swap_size=300M "
		 "swap_latency_us=0x10 swap_dist=lognormal demo_fault=host_tr "
		 "async_pf=off tick_us=1000 trace=full seed=42  ");
	cr_assert_str_eq(o.guest, "\\EFI\\guest.elf");
	cr_assert_eq(o.guest_mem, MiB(64));
	cr_assert_eq(o.frames, MiB(16));
	cr_assert_eq(o.engine, FL_ENGINE_BOCHS);
	cr_assert_eq(o.swap_dist, FL_SWAP_DIST_LOGNORMAL);
	cr_assert_eq(o.demo_fault, FL_DEMO_FAULT_HOST_TR);
	cr_assert_eq(o.ips, 3000000000ull);
	cr_assert_eq(o.swap_size, MiB(300));
	cr_assert_eq(o.swap_latency_us, 16);
	cr_assert_not(o.async_pf);
	cr_assert_eq(o.tick_us, 1000);
	cr_assert_eq(o.trace, TRACE_FULL);
	cr_assert_eq(o.seed, 42);
	cr_assert_str_eq(o.guest_cmdline, "seed=42");
}

/* Are guest options passed on verbatim and in order, seed to both? */
Test(fl_options_parse, guest_options_collected)
{
	parse_ok("workload=verify pages=0x100 frames=8M seed=7 tasks=3 "
		 "passes=2 mem_tasks=1 compute_tasks=1 workload=mixed");
	cr_assert_str_eq(o.guest_cmdline, "workload=verify pages=0x100 seed=7 "
			 "tasks=3 passes=2 mem_tasks=1 compute_tasks=1 "
			 "workload=mixed");
	cr_assert_eq(o.workload, FL_WORKLOAD_MIXED, "the last one counts");
	cr_assert_eq(o.seed, 7);
	cr_assert_eq(o.frames, MiB(8));
}

/* Is every bad input refused with its exact one-line message? */
Test(fl_options_parse, bad_input_messages)
{
	static const struct { const char *text, *msg; } cases[] = {
		{ "foo=1", "unknown option 'foo'" },
		{ "guest_mem=64M foo", "unknown option 'foo'" },
		{ "=5", "unknown option ''" },
		{ "frames", "option 'frames' needs a value: frames=VALUE" },
		{ "frames=", "option 'frames' needs a value: frames=VALUE" },
		{ "guest_mem=12Q", "option 'guest_mem': '12Q' is not a size "
		  "(use bytes or a K/M/G suffix)" },
		{ "guest_mem=M", "option 'guest_mem': 'M' is not a size "
		  "(use bytes or a K/M/G suffix)" },
		{ "frames=1.5M", "option 'frames': '1.5M' is not a size "
		  "(use bytes or a K/M/G suffix)" },
		{ "frames=0x", "option 'frames': '0x' is not a size "
		  "(use bytes or a K/M/G suffix)" },
		{ "frames=4097", "option 'frames': '4097' is not a multiple "
		  "of 4K" },
		{ "guest_mem=17179869184G", "option 'guest_mem': "
		  "'17179869184G' is too large" },
		{ "seed=18446744073709551616", "option 'seed': "
		  "'18446744073709551616' is too large" },
		{ "ips=0x10000000000000000", "option 'ips': "
		  "'0x10000000000000000' is too large" },
		{ "tasks=-1", "option 'tasks': '-1' is not a number "
		  "(decimal or 0x hex)" },
		{ "tick_us=10us", "option 'tick_us': '10us' is not a number "
		  "(decimal or 0x hex)" },
		{ "trace=verbose", "option 'trace': 'verbose' is not one of "
		  "off, summary, full" },
		{ "async_pf=yes", "option 'async_pf': 'yes' is not one of "
		  "off, on" },
		{ "swap=disk", "option 'swap': 'disk' is not one of ram" },
		{ "engine=vmware", "option 'engine': 'vmware' is not one of "
		  "kvm, bochs, qemu, unknown" },
		{ "workload=Verify", "option 'workload': 'Verify' is not one of "
		  "basic, verify, mixed, bench" },
		{ "swap_dist=normal", "option 'swap_dist': 'normal' is not one "
		  "of fixed, lognormal" },
		{ "demo_fault=host", "option 'demo_fault': 'host' is not one of "
		  "none, host_tr, host_nmi" },
		{ "guest=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		  "aaaaaaaa", "option 'guest': path longer than 127 "
		  "characters" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		memset(err, 'x', sizeof(err));
		cr_assert_eq(fl_options_parse(&o, cases[i].text, err,
					      sizeof(err)), -1,
			     "'%s' accepted", cases[i].text);
		cr_assert_str_eq(err, cases[i].msg, "for '%s'", cases[i].text);
	}
}

/* Is a 127-character path accepted (the limit is exact)? */
Test(fl_options_parse, guest_path_at_limit_ok)
{
	char text[8 + FL_GUEST_PATH_MAX];

	memcpy(text, "guest=", 6);
	memset(text + 6, 'p', FL_GUEST_PATH_MAX - 1);
	text[6 + FL_GUEST_PATH_MAX - 1] = '\0';
	parse_ok(text);
	cr_assert_eq(strlen(o.guest), FL_GUEST_PATH_MAX - 1);
}

/* Are guest options that overflow the boot-info command line refused? */
Test(fl_options_parse, guest_cmdline_overflow_refused)
{
	static char text[4 * FL_CMDLINE_MAX];
	size_t n = 0;

	while (n < sizeof(text) - 16)
		n += (size_t)sprintf(text + n, "pages=%u ", 1000000u);
	cr_assert_eq(fl_options_parse(&o, text, err, sizeof(err)), -1);
	cr_assert_str_eq(err, "the guest's options are longer than 511 "
			 "characters");
	cr_assert_lt(strlen(o.guest_cmdline), FL_CMDLINE_MAX);
}

/* Is a message cut to errlen and still NUL-terminated? */
Test(fl_options_parse, short_err_buffer_truncates)
{
	char small[8];

	cr_assert_eq(fl_options_parse(&o, "foo=1", small, sizeof(small)), -1);
	cr_assert_str_eq(small, "unknown");
	cr_assert_eq(fl_options_parse(&o, "foo=1", NULL, 0), -1);
}

/* Are out-of-range sizes refused by the check, naming the option and the bounds? */
Test(fl_options_check, bad_values_messages)
{
	static const struct { const char *text, *msg; } cases[] = {
		{ "guest_mem=2M", "option 'guest_mem' must be between 4M and 4G" },
		{ "guest_mem=8G", "option 'guest_mem' must be between 4M and 4G" },
		{ "guest_mem=0", "option 'guest_mem' must be between 4M and 4G" },
		{ "frames=1020K", "option 'frames' must be at least 1M" },
		{ "frames=0", "option 'frames' must be at least 1M" },
		{ "swap_latency_us=1000001", "option 'swap_latency_us' must be "
		  "at most 1000000" },
		{ "swap_qd=0", "option 'swap_qd' must be between 1 and 64" },
		{ "swap_qd=65", "option 'swap_qd' must be between 1 and 64" },
		/* 64M - 16M = 12288 pages, + 4096/8 + 128 = 12928 pages */
		{ "guest_mem=64M frames=16M swap_size=48M", "option 'swap_size' "
		  "must be at least 51712K" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		parse_ok(cases[i].text);
		cr_assert_eq(fl_options_check(&o, err, sizeof(err)), -1,
			     "'%s' passed the check", cases[i].text);
		cr_assert_str_eq(err, cases[i].msg);
	}
}

/* Are the bounds themselves, and frames above guest_mem, accepted? */
Test(fl_options_check, limits_accepted)
{
	static const char *const cases[] = {
		"guest_mem=4M frames=1M", "guest_mem=4G",
		"guest_mem=64M frames=1G", "swap_latency_us=1000000",
		"guest_mem=64M frames=16M swap_size=51712K",
		"guest_mem=64M frames=16M swap_size=1G",
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		parse_ok(cases[i]);
		cr_assert_eq(fl_options_check(&o, err, sizeof(err)), 0,
			     "'%s': %s", cases[i], err);
	}
}

/* Does format print every effective option on one line, guest ones as guest.key? */
Test(fl_options_format, defaults_and_guest_words)
{
	char line[512];

	parse_ok("frames=4100K workload=verify seed=9 trace=off async_pf=off");
	cr_assert_eq(fl_options_format(&o, line, sizeof(line)), strlen(line));
	cr_assert_str_eq(line, "guest_kind=pv guest=guest-pv.elf guest_mem=256M "
			 "frames=4100K engine=unknown ips=0 swap=ram "
			 "swap_size=259068K "
			 "swap_latency_us=100 swap_qd=32 swap_dist=fixed "
			 "async_pf=off tick_us=0 "
			 "trace=off seed=9 guest.workload=verify "
			 "guest.seed=9");
}

/* Does formatted output (without guest words) parse back to the same options? */
Test(fl_options_format, round_trips)
{
	struct fl_options a;
	char line[512];

	parse_ok("guest_kind=linux guest=g.elf guest_mem=3G frames=20480 "
		 "engine=kvm ips=7 tick_us=5 trace=full async_pf=off "
		 "swap_latency_us=0 swap_dist=lognormal");
	a = o;
	fl_options_format(&a, line, sizeof(line));
	parse_ok(line);
	cr_assert_eq(o.guest_kind, FL_GUEST_LINUX);
	cr_assert_str_eq(o.guest, a.guest);
	cr_assert_eq(o.guest_mem, a.guest_mem);
	cr_assert_eq(o.frames, a.frames);
	cr_assert_eq(o.engine, a.engine);
	cr_assert_eq(o.ips, a.ips);
	cr_assert_eq(o.swap, a.swap);
	cr_assert_eq(fl_swap_bytes(&o), fl_swap_bytes(&a));
	cr_assert_eq(o.swap_latency_us, a.swap_latency_us);
	cr_assert_eq(o.swap_dist, FL_SWAP_DIST_LOGNORMAL);
	cr_assert_eq(o.async_pf, a.async_pf);
	cr_assert_eq(o.tick_us, a.tick_us);
	cr_assert_eq(o.trace, a.trace);
	cr_assert_eq(o.seed, a.seed);
	cr_assert_str_eq(o.guest_cmdline, "seed=1", "seed goes to both");
}

/* Is format output cut at len - 1 and NUL-terminated? */
Test(fl_options_format, truncates)
{
	char line[10];

	parse_ok("");
	cr_assert_eq(fl_options_format(&o, line, sizeof(line)), 9);
	cr_assert_str_eq(line, "guest_kin");
}

/* Does swap_sigma take a decimal with up to three places, and refuse anything else by name? */
Test(options, parse_swap_sigma_decimal)
{
	struct fl_options o;
	char err[160];

	cr_assert_eq(fl_options_parse(&o, "swap_dist=lognormal swap_sigma=0.5",
				      err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(o.swap_sigma_milli, 500);
	cr_assert_eq(o.swap_dist, FL_SWAP_DIST_LOGNORMAL);
	cr_assert_eq(fl_options_parse(&o, "swap_sigma=1.25", err, sizeof(err)), 0);
	cr_assert_eq(o.swap_sigma_milli, 1250);
	cr_assert_eq(fl_options_parse(&o, "swap_sigma=0.1234", err,
				      sizeof(err)), -1);
	cr_assert_str_eq(err, "option 'swap_sigma': '0.1234' is not a decimal number (e.g. 0.5)");
	cr_assert_eq(fl_options_parse(&o, "swap_sigma=3", err, sizeof(err)), 0);
	cr_assert_eq(fl_options_check(&o, err, sizeof(err)), -1);
	cr_assert_str_eq(err, "option 'swap_sigma' must be at most 2.0");
	cr_assert_eq(fl_options_parse(&o, "swap_dist=gamma", err, sizeof(err)), -1);
}

/* Does guest_kind take pv or linux (pv by default) and refuse anything else by name? */
Test(options, parse_guest_kind)
{
	struct fl_options o;
	char err[160];

	cr_assert_eq(fl_options_parse(&o, "", err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(o.guest_kind, FL_GUEST_PV);
	cr_assert_eq(fl_options_parse(&o, "guest_kind=linux", err, sizeof(err)),
		     0, "%s", err);
	cr_assert_eq(o.guest_kind, FL_GUEST_LINUX);
	cr_assert_eq(fl_options_parse(&o, "guest_kind=linux guest_kind=pv",
				      err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(o.guest_kind, FL_GUEST_PV);
	cr_assert_eq(fl_options_parse(&o, "guest_kind=windows", err,
				      sizeof(err)), -1);
	cr_assert(strstr(err, "guest_kind"), "err names the option: %s", err);
	cr_assert(strstr(err, "windows"), "err names the value: %s", err);
}
