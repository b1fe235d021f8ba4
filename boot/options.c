/* boot/options.c - parse and check faultline's "key=value" options; freestanding, host-tested. Linux: kernel/params.c (parse_args). */
#include "options.h"
#include "sbuf.h"
#include "../include/lib.h"
#include "../mm/swap.h"		/* SWAP_QD_DEFAULT */

/*
 * One table says every option: its key, how its value is read, and where
 * it goes. Guest options are checked here too (the guest trusts that
 * every key it gets is known and every value well formed, guest_abi.h)
 * and passed on verbatim in fl_options.guest_cmdline.
 */

enum opt_kind {
	OPT_SIZE,	/* u64 bytes: number with optional K/M/G, page multiple */
	OPT_NUMBER,	/* u64: decimal or 0x hex */
	OPT_MILLI,	/* u64 thousandths: a decimal like 0.5 (at most 3 places) */
	OPT_PATH,	/* char[size]: any non-blank text */
	OPT_ENUM,	/* an enum: the index of the value in choices */
	OPT_ONOFF,	/* bool: on|off */
	OPT_GUEST_NUMBER, /* guest only: a number */
};

struct opt_desc {
	const char *key;
	enum opt_kind kind;
	size_t offset;			/* in struct fl_options */
	size_t size;			/* of a char[] field */
	const char *const *choices;	/* NULL-terminated */
	bool to_guest;			/* also appended to guest_cmdline */
};

const char *const fl_engine_names[] = {
	[FL_ENGINE_KVM] = "kvm", [FL_ENGINE_BOCHS] = "bochs",
	[FL_ENGINE_QEMU] = "qemu", [FL_ENGINE_UNKNOWN] = "unknown", NULL };
const char *const fl_guest_kind_names[] = {
	[FL_GUEST_PV] = "pv", [FL_GUEST_LINUX] = "linux", NULL };
const char *const fl_swap_names[] = { [FL_SWAP_RAM] = "ram", NULL };
const char *const fl_swap_dist_names[] = {
	[FL_SWAP_DIST_FIXED] = "fixed", [FL_SWAP_DIST_LOGNORMAL] = "lognormal",
	NULL };
const char *const fl_demo_fault_names[] = {
	[FL_DEMO_FAULT_NONE] = "none", [FL_DEMO_FAULT_HOST_TR] = "host_tr",
	[FL_DEMO_FAULT_HOST_NMI] = "host_nmi", NULL };
const char *const fl_onoff_names[] = { [false] = "off", [true] = "on", NULL };
const char *const fl_trace_names[] = {
	[TRACE_OFF] = "off", [TRACE_SUMMARY] = "summary",
	[TRACE_FULL] = "full", NULL };
const char *const fl_workload_names[] = {
	[FL_WORKLOAD_BASIC] = "basic", [FL_WORKLOAD_VERIFY] = "verify",
	[FL_WORKLOAD_MIXED] = "mixed", [FL_WORKLOAD_BENCH] = "bench", NULL };

#define FIELD(f)	offsetof(struct fl_options, f), \
			sizeof(((struct fl_options *)0)->f)

/* OPT_ENUM stores the choice's index as an int: every enum field is one. */
#define ENUM_IS_INT(f)	_Static_assert(sizeof(((struct fl_options *)0)->f) \
				       == sizeof(int), #f " is not int-sized")
ENUM_IS_INT(guest_kind);
ENUM_IS_INT(engine);
ENUM_IS_INT(swap);
ENUM_IS_INT(swap_dist);
ENUM_IS_INT(trace);
ENUM_IS_INT(demo_fault);
ENUM_IS_INT(workload);

static const struct opt_desc options[] = {
	{ "guest_kind",		OPT_ENUM,	FIELD(guest_kind),
	  fl_guest_kind_names, false },
	{ "guest",		OPT_PATH,	FIELD(guest),	NULL, false },
	{ "guest_mem",		OPT_SIZE,	FIELD(guest_mem), NULL, false },
	{ "frames",		OPT_SIZE,	FIELD(frames),	NULL, false },
	{ "engine",		OPT_ENUM,	FIELD(engine),	fl_engine_names,
	  false },
	{ "ips",		OPT_NUMBER,	FIELD(ips),	NULL, false },
	{ "swap",		OPT_ENUM,	FIELD(swap),	fl_swap_names, false },
	{ "swap_size",		OPT_SIZE,	FIELD(swap_size), NULL, false },
	{ "swap_latency_us",	OPT_NUMBER,	FIELD(swap_latency_us), NULL,
	  false },
	{ "swap_dist",		OPT_ENUM,	FIELD(swap_dist),
	  fl_swap_dist_names, false },
	{ "swap_qd",		OPT_NUMBER,	FIELD(swap_qd),	NULL, false },
	{ "swap_sigma",		OPT_MILLI,	FIELD(swap_sigma_milli), NULL,
	  false },
	{ "async_pf",		OPT_ONOFF,	FIELD(async_pf), fl_onoff_names,
	  false },
	{ "tick_us",		OPT_NUMBER,	FIELD(tick_us),	NULL, false },
	{ "trace",		OPT_ENUM,	FIELD(trace),	fl_trace_names, false },
	{ "demo_fault",		OPT_ENUM,	FIELD(demo_fault),
	  fl_demo_fault_names, false },
	{ "seed",		OPT_NUMBER,	FIELD(seed),	NULL, true },
	{ "workload",		OPT_ENUM,	FIELD(workload), fl_workload_names,
	  true },
	{ "pages",		OPT_GUEST_NUMBER, 0, 0,		NULL, true },
	{ "tasks",		OPT_GUEST_NUMBER, 0, 0,		NULL, true },
	{ "passes",		OPT_GUEST_NUMBER, 0, 0,		NULL, true },
	{ "mem_tasks",		OPT_GUEST_NUMBER, 0, 0,		NULL, true },
	{ "compute_tasks",	OPT_GUEST_NUMBER, 0, 0,		NULL, true },
	{ "compute_pages",	OPT_GUEST_NUMBER, 0, 0,		NULL, true },
	{ "duration_ms",	OPT_GUEST_NUMBER, 0, 0,		NULL, true },
};

#define DEFAULT_GUEST		"guest-pv.elf"
#define DEFAULT_GUEST_MEM	MiB(256)
#define DEFAULT_FRAMES		MiB(32)
#define DEFAULT_SWAP_LATENCY_US	100
#define DEFAULT_SEED		1

/* ---- values ---- */

enum num_result { NUM_OK, NUM_BAD, NUM_OVERFLOW };

static int digit_value(char c, unsigned base)
{
	int d;

	if (c >= '0' && c <= '9')
		d = c - '0';
	else if (c >= 'a' && c <= 'f')
		d = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		d = c - 'A' + 10;
	else
		return -1;
	return (unsigned)d < base ? d : -1;
}

/* s[0..n): a decimal number or 0x followed by hex digits, nothing else. */
static enum num_result parse_u64(const char *s, size_t n, u64 *out)
{
	unsigned base = 10;
	u64 v = 0;

	if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
		n -= 2;
	}
	if (n == 0)
		return NUM_BAD;
	for (size_t i = 0; i < n; i++) {
		int d = digit_value(s[i], base);

		if (d < 0)
			return NUM_BAD;
		if (v > (UINT64_MAX - (u64)d) / base)
			return NUM_OVERFLOW;
		v = v * base + (u64)d;
	}
	*out = v;
	return NUM_OK;
}

/* A number with an optional K/M/G (or k/m/g) suffix, times 2^10/20/30. */
static enum num_result parse_size(const char *s, size_t n, u64 *out)
{
	unsigned shift = 0;
	enum num_result r;
	u64 v;

	if (n > 1) {
		switch (s[n - 1]) {
		case 'K': case 'k': shift = 10; break;
		case 'M': case 'm': shift = 20; break;
		case 'G': case 'g': shift = 30; break;
		}
		/* "0x1G" is hex 1 with a suffix; "0x1B" stays hex 0x1b. */
	}
	r = parse_u64(s, n - (shift ? 1 : 0), &v);
	if (r != NUM_OK)
		return r;
	if (shift && v > (UINT64_MAX >> shift))
		return NUM_OVERFLOW;
	*out = v << shift;
	return NUM_OK;
}

static int choice_index(const char *const *choices, const char *s, size_t n)
{
	for (int i = 0; choices[i]; i++)
		if (strlen(choices[i]) == n && !strncmp(choices[i], s, n))
			return i;
	return -1;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* ---- errors: "option 'key': 'value' ..." ---- */

static int fail_value(struct sbuf *err, const struct opt_desc *d,
		      const char *v, size_t vn, const char *why)
{
	sb_puts(err, "option '");
	sb_puts(err, d->key);
	sb_puts(err, "': '");
	sb_putn(err, v, vn);
	sb_puts(err, "' ");
	sb_puts(err, why);
	return -1;
}

static int fail_choice(struct sbuf *err, const struct opt_desc *d,
		       const char *v, size_t vn)
{
	fail_value(err, d, v, vn, "is not one of ");
	for (int i = 0; d->choices[i]; i++) {
		sb_puts(err, i ? ", " : "");
		sb_puts(err, d->choices[i]);
	}
	return -1;
}

/* "1.25" -> 1250: an integer part, then at most three decimal places. */
static enum num_result parse_milli(const char *s, size_t n, u64 *out)
{
	size_t dot = 0;
	u64 whole, frac = 0, scale = 1000;

	while (dot < n && s[dot] != '.')
		dot++;
	if (dot == 0 || (dot < n && (n - dot - 1 == 0 || n - dot - 1 > 3)))
		return NUM_BAD;
	for (size_t i = 0; i < dot; i++)
		if (s[i] < '0' || s[i] > '9')
			return NUM_BAD;
	if (parse_u64(s, dot, &whole) != NUM_OK || whole > UINT64_MAX / 1000)
		return NUM_OVERFLOW;
	for (size_t i = dot + 1; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return NUM_BAD;
		scale /= 10;
		frac += (u64)(s[i] - '0') * scale;
	}
	*out = whole * 1000 + frac;
	return NUM_OK;
}

static int fail_number(struct sbuf *err, const struct opt_desc *d,
		       const char *v, size_t vn, enum num_result r, bool size)
{
	if (r == NUM_OVERFLOW)
		return fail_value(err, d, v, vn, "is too large");
	return fail_value(err, d, v, vn, size ?
			  "is not a size (use bytes or a K/M/G suffix)" :
			  "is not a number (decimal or 0x hex)");
}

/* ---- one key=value word ---- */

static const struct opt_desc *find_option(const char *k, size_t kn)
{
	for (size_t i = 0; i < ARRAY_SIZE(options); i++)
		if (strlen(options[i].key) == kn &&
		    !strncmp(options[i].key, k, kn))
			return &options[i];
	return NULL;
}

static int append_to_guest(struct fl_options *o, const char *word, size_t n,
			   struct sbuf *err)
{
	size_t len = strlen(o->guest_cmdline);
	struct sbuf cmd = { .buf = o->guest_cmdline, .cap = FL_CMDLINE_MAX,
			    .len = len };

	if (len)
		sb_puts(&cmd, " ");
	sb_putn(&cmd, word, n);
	if (!cmd.cut)
		return 0;
	o->guest_cmdline[len] = '\0';	/* leave it as it was */
	sb_puts(err, "the guest's options are longer than ");
	sb_u64(err, FL_CMDLINE_MAX - 1);
	sb_puts(err, " characters");
	return -1;
}

static int set_value(struct fl_options *o, const struct opt_desc *d,
		     const char *v, size_t vn, struct sbuf *err)
{
	u8 *field = (u8 *)o + d->offset;
	enum num_result r;
	u64 num;
	int i;

	switch (d->kind) {
	case OPT_SIZE:
		r = parse_size(v, vn, &num);
		if (r != NUM_OK)
			return fail_number(err, d, v, vn, r, true);
		if (!IS_ALIGNED(num, PAGE_SIZE))
			return fail_value(err, d, v, vn,
					  "is not a multiple of 4K");
		memcpy(field, &num, sizeof(num));
		return 0;
	case OPT_MILLI:
		r = parse_milli(v, vn, &num);
		if (r == NUM_BAD)
			return fail_value(err, d, v, vn, "is not a decimal "
					  "number (e.g. 0.5)");
		if (r != NUM_OK)
			return fail_value(err, d, v, vn, "is too large");
		memcpy(field, &num, sizeof(num));
		return 0;
	case OPT_NUMBER:
	case OPT_GUEST_NUMBER:
		r = parse_u64(v, vn, &num);
		if (r != NUM_OK)
			return fail_number(err, d, v, vn, r, false);
		if (d->kind == OPT_NUMBER)
			memcpy(field, &num, sizeof(num));
		return 0;
	case OPT_PATH:
		if (vn >= d->size) {
			sb_puts(err, "option '");
			sb_puts(err, d->key);
			sb_puts(err, "': path longer than ");
			sb_u64(err, d->size - 1);
			sb_puts(err, " characters");
			return -1;
		}
		memcpy(field, v, vn);
		field[vn] = '\0';
		return 0;
	case OPT_ENUM:
	case OPT_ONOFF:
		i = choice_index(d->choices, v, vn);
		if (i < 0)
			return fail_choice(err, d, v, vn);
		if (d->kind == OPT_ONOFF)
			*(bool *)(void *)field = i;
		else
			memcpy(field, &i, sizeof(i));	/* enums are int-sized */
		return 0;
	}
	return -1;
}

static int parse_word(struct fl_options *o, const char *w, size_t n,
		      struct sbuf *err)
{
	size_t kn = 0;
	const struct opt_desc *d;

	while (kn < n && w[kn] != '=')
		kn++;
	d = find_option(w, kn);
	if (!d) {
		sb_puts(err, "unknown option '");
		sb_putn(err, w, kn);
		sb_puts(err, "'");
		return -1;
	}
	if (kn + 1 >= n) {	/* "key" or "key=" */
		sb_puts(err, "option '");
		sb_puts(err, d->key);
		sb_puts(err, "' needs a value: ");
		sb_puts(err, d->key);
		sb_puts(err, "=VALUE");
		return -1;
	}
	if (set_value(o, d, w + kn + 1, n - kn - 1, err))
		return -1;
	return d->to_guest ? append_to_guest(o, w, n, err) : 0;
}

void fl_options_defaults(struct fl_options *o)
{
	memset(o, 0, sizeof(*o));
	memcpy(o->guest, DEFAULT_GUEST, sizeof(DEFAULT_GUEST));
	o->guest_mem = DEFAULT_GUEST_MEM;
	o->frames = DEFAULT_FRAMES;
	o->engine = FL_ENGINE_UNKNOWN;
	o->swap = FL_SWAP_RAM;
	o->swap_dist = FL_SWAP_DIST_FIXED;
	o->demo_fault = FL_DEMO_FAULT_NONE;
	o->swap_latency_us = DEFAULT_SWAP_LATENCY_US;
	o->swap_qd = SWAP_QD_DEFAULT;
	o->async_pf = true;
	o->trace = TRACE_SUMMARY;
	o->workload = FL_WORKLOAD_BASIC;
	o->seed = DEFAULT_SEED;
}

int fl_options_parse(struct fl_options *o, const char *text, char *err,
		     size_t errlen)
{
	struct sbuf e = sbuf_on(err, errlen);
	const char *p = text ? text : "";

	fl_options_defaults(o);
	for (;;) {
		size_t n = 0;

		while (is_blank(*p))
			p++;
		if (!*p)
			return 0;
		while (p[n] && !is_blank(p[n]))
			n++;
		if (parse_word(o, p, n, &e))
			return -1;
		p += n;
	}
}

