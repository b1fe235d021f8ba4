/* boot/options_check.c - the rules between options (sizes, ranges, swap space) and the one-line form of a parsed set. Linux: none (kernel/params.c checks one parameter at a time). Pure C: host tests compile it. */
#include "options.h"
#include "sbuf.h"
#include "../include/lib.h"
#include "../mm/mmu.h"		/* mm_swap_slots_needed() */
#include "../mm/swap.h"		/* SWAP_QD_MAX */

static int fail_range(struct sbuf *err, const char *key, const char *rule,
		      u64 lo, u64 hi)
{
	sb_puts(err, "option '");
	sb_puts(err, key);
	sb_puts(err, "' must be ");
	sb_puts(err, rule);
	sb_size(err, lo);
	if (hi) {
		sb_puts(err, " and ");
		sb_size(err, hi);
	}
	return -1;
}

int fl_options_check(const struct fl_options *o, char *err, size_t errlen)
{
	struct sbuf e = sbuf_on(err, errlen);

	if (o->guest_mem < FL_GUEST_MEM_MIN || o->guest_mem > FL_GUEST_MEM_MAX)
		return fail_range(&e, "guest_mem", "between ",
				  FL_GUEST_MEM_MIN, FL_GUEST_MEM_MAX);
	/* frames above guest_mem is allowed: the rest simply stays unused. */
	if (o->frames < FL_FRAMES_MIN)
		return fail_range(&e, "frames", "at least ", FL_FRAMES_MIN, 0);
	if (o->swap_size && o->swap_size < fl_swap_bytes_min(o))
		return fail_range(&e, "swap_size", "at least ",
				  fl_swap_bytes_min(o), 0);
	if (o->swap_sigma_milli > FL_SWAP_SIGMA_MILLI_MAX) {
		sb_puts(&e, "option 'swap_sigma' must be at most 2.0");
		return -1;
	}
	if (o->swap_qd < 1 || o->swap_qd > SWAP_QD_MAX) {
		sb_puts(&e, "option 'swap_qd' must be between 1 and ");
		sb_u64(&e, SWAP_QD_MAX);
		return -1;
	}
	if (o->swap_latency_us > FL_SWAP_LATENCY_US_MAX) {
		sb_puts(&e, "option 'swap_latency_us' must be at most ");
		sb_u64(&e, FL_SWAP_LATENCY_US_MAX);
		return -1;
	}
	return 0;
}

u64 fl_swap_bytes_min(const struct fl_options *o)
{
	return mm_swap_slots_needed(o->guest_mem, o->frames) * PAGE_SIZE;
}

u64 fl_swap_bytes(const struct fl_options *o)
{
	return o->swap_size ? o->swap_size : fl_swap_bytes_min(o);
}

size_t fl_options_format(const struct fl_options *o, char *buf, size_t len)
{
	struct sbuf sb = sbuf_on(buf, len);
	const char *g = o->guest_cmdline;

	sb_puts(&sb, "guest_kind=");
	sb_puts(&sb, fl_guest_kind_names[o->guest_kind]);
	sb_puts(&sb, " guest=");
	sb_puts(&sb, o->guest);
	sb_puts(&sb, " guest_mem=");
	sb_size(&sb, o->guest_mem);
	sb_puts(&sb, " frames=");
	sb_size(&sb, o->frames);
	sb_puts(&sb, " engine=");
	sb_puts(&sb, fl_engine_names[o->engine]);
	sb_puts(&sb, " ips=");
	sb_u64(&sb, o->ips);
	sb_puts(&sb, " swap=");
	sb_puts(&sb, fl_swap_names[o->swap]);
	sb_puts(&sb, " swap_size=");
	sb_size(&sb, fl_swap_bytes(o));
	sb_puts(&sb, " swap_latency_us=");
	sb_u64(&sb, o->swap_latency_us);
	sb_puts(&sb, " swap_qd=");
	sb_u64(&sb, o->swap_qd);
	sb_puts(&sb, " swap_dist=");
	sb_puts(&sb, fl_swap_dist_names[o->swap_dist]);
	sb_puts(&sb, " async_pf=");
	sb_puts(&sb, fl_onoff_names[o->async_pf]);
	sb_puts(&sb, " tick_us=");
	sb_u64(&sb, o->tick_us);
	sb_puts(&sb, " trace=");
	sb_puts(&sb, fl_trace_names[o->trace]);
	sb_puts(&sb, " seed=");
	sb_u64(&sb, o->seed);
	/* The guest's words, each as guest.key=value. */
	while (*g) {
		size_t n = 0;

		while (g[n] && g[n] != ' ')
			n++;
		sb_puts(&sb, " guest.");
		sb_putn(&sb, g, n);
		g += n;
		while (*g == ' ')
			g++;
	}
	return sb.len;
}
