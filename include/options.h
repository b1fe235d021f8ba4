/* include/options.h - faultline's options as parsed (boot/options.c), read by boot/ and vmm/ alike. Linux: the kernel command line's parsed values (kernel/params.c). */
#ifndef FAULTLINE_OPTIONS_H
#define FAULTLINE_OPTIONS_H

#include "types.h"
#include "guest_abi.h"
#include "trace.h"	/* enum trace_level: the trace= option */

#define FL_GUEST_PATH_MAX	128

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

/*
 * Every option whose value is a word is parsed into one of these; the
 * words are fl_*_names[] below, indexed by the enum, in the same order.
 */
enum fl_engine {		/* engine=: who runs faultline, set by the harness */
	FL_ENGINE_KVM,
	FL_ENGINE_BOCHS,
	FL_ENGINE_QEMU,
	FL_ENGINE_UNKNOWN,
};

/* guest_kind=: what runs in the VM, faultline's PV guest (an ELF) or a Linux bzImage. */
enum fl_guest_kind {
	FL_GUEST_PV,		/* guest=PATH, entered per guest_abi.h */
	FL_GUEST_LINUX,		/* the boot bundle, by the x86 boot protocol */
};

enum fl_swap {			/* swap=: the swap backend */
	FL_SWAP_RAM,		/* pages in RAM reserved at boot (mm/swap_ram.c) */
};

enum fl_swap_dist {		/* swap_dist=: each request's latency */
	FL_SWAP_DIST_FIXED,	/* swap_latency_us, always */
	FL_SWAP_DIST_LOGNORMAL,	/* median swap_latency_us, sigma swap_sigma */
};

/*
 * demo_fault=: for learners, break one thing on purpose and watch
 * faultline name it.
 */
enum fl_demo_fault {
	FL_DEMO_FAULT_NONE,
	/*
	 * Enter with HOST_TR_SELECTOR = 0, as OVMF leaves TR, and see VM
	 * entry fail with "invalid host-state field(s)".
	 */
	FL_DEMO_FAULT_HOST_TR,
	/*
	 * Send this CPU an NMI through its own APIC just before the first VM
	 * entry, while faultline runs in VMX root: it is counted (the
	 * summary's host_nmis) and returned from, and the run goes on.
	 */
	FL_DEMO_FAULT_HOST_NMI,
};

enum fl_workload {		/* workload=: guest-pv's, checked here */
	FL_WORKLOAD_BASIC,	/* N pages: write a pattern, read it back */
	FL_WORKLOAD_VERIFY,	/* a heap working set, several passes */
	FL_WORKLOAD_MIXED,	/* memory tasks beside compute tasks */
	FL_WORKLOAD_BENCH,	/* fixed duration, preemptive, work units */
};

/* NULL-terminated; an enum option's value is its index. boot/options.c. */
extern const char *const fl_engine_names[];
extern const char *const fl_guest_kind_names[];
extern const char *const fl_swap_names[];
extern const char *const fl_swap_dist_names[];
extern const char *const fl_onoff_names[];	/* [false] "off", [true] "on" */
extern const char *const fl_trace_names[];
extern const char *const fl_demo_fault_names[];
extern const char *const fl_workload_names[];

struct fl_options {
	enum fl_guest_kind guest_kind;
	char guest[FL_GUEST_PATH_MAX];	/* guest ELF on the boot volume */
	u64 guest_mem;			/* bytes of guest-physical memory */
	u64 frames;			/* bytes of host frames backing it */
	enum fl_engine engine;
	u64 ips;			/* Bochs instructions/s; 0 = unknown */
	enum fl_swap swap;
	u64 swap_size;			/* bytes of swap; 0 = what mm needs */
	u64 swap_latency_us;		/* modelled device latency (median) */
	enum fl_swap_dist swap_dist;
	u64 swap_sigma_milli;		/* lognormal sigma * 1000 */
	u64 swap_qd;			/* requests the device serves at once */
	bool async_pf;			/* true: offer KVM's async page faults */
	u64 tick_us;			/* guest PV tick period; 0 = off */
	enum trace_level trace;
	enum fl_demo_fault demo_fault;
	u64 seed;			/* faultline's and the guest's */
	enum fl_workload workload;	/* also passed on in guest_cmdline */
	/* The guest's own options, "key=value key=value", in given order. */
	char guest_cmdline[FL_CMDLINE_MAX];
};

#endif
