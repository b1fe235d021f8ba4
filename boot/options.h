/* boot/options.h - faultline's options: "key=value" words, parsed and checked before the guest starts. Linux: the kernel command line (kernel/params.c). */
#ifndef FAULTLINE_BOOT_OPTIONS_H
#define FAULTLINE_BOOT_OPTIONS_H

#include "../include/types.h"
#include "../include/guest_abi.h"

#define FL_GUEST_PATH_MAX	128
#define FL_ENGINE_MAX		16
#define FL_SWAP_NAME_MAX	8

/*
 * The smallest frame pool faultline accepts: 1 MiB = 256 frames. The pool
 * holds the guest's pinned pages (boot info, GDT, page tables, the loaded
 * ELF image: a few dozen pages for guest-pv) plus the working set of one
 * faulting instruction (code, stack, two operands that may each straddle a
 * page, and the guest page-table pages behind each: about 16), with room
 * left for CLOCK to find a victim that the next instruction does not need.
 * 256 frames covers that for guest-pv several times over.
 */
#define FL_FRAMES_MIN		MiB(1)
/* A device latency above one second is a typo, and keeps us*ticks in u64. */
#define FL_SWAP_LATENCY_US_MAX	1000000ull
#define FL_SWAP_SIGMA_MILLI_MAX	2000	/* mm/latency.h LATENCY_SIGMA_MILLI_MAX */

enum fl_trace {
	FL_TRACE_OFF,		/* no trace records */
	FL_TRACE_SUMMARY,	/* counters and the summary line only */
	FL_TRACE_FULL,		/* every fault and exit, dumped at the end */
};

/* What runs in the VM: faultline's PV guest (an ELF) or a Linux bzImage. */
enum fl_guest_kind {
	FL_GUEST_PV,		/* guest=PATH, entered per guest_abi.h */
	FL_GUEST_LINUX,		/* the boot bundle, by the x86 boot protocol */
};

struct fl_options {
	enum fl_guest_kind guest_kind;
	char guest[FL_GUEST_PATH_MAX];	/* guest ELF on the boot volume */
	u64 guest_mem;			/* bytes of guest-physical memory */
	u64 frames;			/* bytes of host frames backing it */
	char engine[FL_ENGINE_MAX];	/* kvm|bochs|qemu, set by the harness */
	u64 ips;			/* Bochs instructions/s; 0 = unknown */
	char swap[FL_SWAP_NAME_MAX];	/* swap backend: "ram" */
	u64 swap_size;			/* bytes of swap; 0 = what mm needs */
	u64 swap_latency_us;		/* modelled device latency (median) */
	char swap_dist[12];		/* "fixed" or "lognormal" */
	u64 swap_sigma_milli;		/* lognormal sigma * 1000 */
	bool async_pf;			/* KVM's async page faults on/off */
	u64 tick_us;			/* guest PV tick period; 0 = off */
	enum fl_trace trace;
	/*
	 * For learners: break one thing on purpose and watch faultline name
	 * it. "host_tr": enter with HOST_TR_SELECTOR = 0, as OVMF leaves TR,
	 * and see VM entry fail with "invalid host-state field(s)".
	 */
	char demo_fault[12];
	u64 seed;			/* faultline's and the guest's */
	/* The guest's own options, "key=value key=value", in given order. */
	char guest_cmdline[FL_CMDLINE_MAX];
};

/* Every option at its default. */
void fl_options_defaults(struct fl_options *o);

/*
 * Set o to the defaults, then apply text: words separated by blanks, each
 * "key=value". A later word overrides an earlier one for faultline's keys;
 * the guest's are passed on in order. 0, or -1 with one line in err
 * naming the option (err is always NUL-terminated when errlen > 0).
 */
int fl_options_parse(struct fl_options *o, const char *text, char *err,
		     size_t errlen);

/*
 * Constraints between and on values: guest_mem in range, frames at least
 * FL_FRAMES_MIN, swap_size (when given) at least fl_swap_bytes_min().
 * 0, or -1 and err.
 */
int fl_options_check(const struct fl_options *o, char *err, size_t errlen);

/*
 * The least swap that lets every page that cannot be resident live in
 * swap, with room for pages on their way in or out: what
 * mm_swap_slots_needed() says, in bytes. 0 when frames cover guest_mem.
 */
u64 fl_swap_bytes_min(const struct fl_options *o);
/* Swap to reserve: swap_size if given, else fl_swap_bytes_min(). */
u64 fl_swap_bytes(const struct fl_options *o);

/*
 * The effective options on one line of key=value words, the guest's as
 * guest.key=value; NUL-terminated, cut to len - 1 characters. Returns the
 * length written.
 */
size_t fl_options_format(const struct fl_options *o, char *buf, size_t len);

#endif
