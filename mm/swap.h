/* mm/swap.h - swap: the slot allocator and the backend interface with asynchronous completion. Linux: mm/swapfile.c (slots), the bio submit/end_io split (completion). */
#ifndef FAULTLINE_MM_SWAP_H
#define FAULTLINE_MM_SWAP_H

#include "../include/types.h"
#include "../include/phys.h"
#include "../include/trace.h"	/* enum swap_op: SWAP_OP_READ, SWAP_OP_WRITE */
#include "frame.h"
#include "gfn.h"
#include "latency.h"

/* ---- slots: which swap pages are taken (mm/swap.c) ---- */

/*
 * Same shape as the frame pool: free_stack is caller storage for nr_slots
 * entries, lowest slot first, then LIFO. in_use (nr_slots bytes, caller
 * storage) catches a double or foreign free.
 */
struct swap_slots {
	u32 *free_stack;
	u8 *in_use;
	u32 nr_slots;
	u32 nr_free;
};

int swap_slots_init(struct swap_slots *s, u32 *free_stack, u8 *in_use,
		    u32 nr_slots);
/* A free slot, or SWAP_SLOT_NONE when swap is full. */
u32 swap_slot_alloc(struct swap_slots *s);
/* -1 for a slot that is not allocated (double free): nothing changes. */
int swap_slot_free(struct swap_slots *s, u32 slot);
static inline u32 swap_slots_used(const struct swap_slots *s)
{
	return s->nr_slots - s->nr_free;
}

/* ---- the device: submit now, completion later ---- */

#define SWAP_NO_DEADLINE	(~0ull)

/* One page of I/O. */
struct swap_req {
	enum swap_op op;	/* READ: slot -> frame; WRITE: frame -> slot */
	u32 slot;
	hpa_t frame;		/* a frame of the pool the device was given */
	gfn_t gfn;		/* whose page: returned with the completion */
	u64 due;		/* set by the device: when it completes */
	u64 submitted;		/* set by swap_submit(): when it was queued */
};

struct swap_dev;

/*
 * A backend. Time is the caller's: TSC ticks passed in as now, never read
 * by the backend. A RAM backend completes at submit time + latency; a
 * disk backend would complete when its IRQ says so and return
 * SWAP_NO_DEADLINE from next_deadline (the IRQ wakes faultline instead).
 * The frame belongs to the device from submit until its completion has
 * been taken: nobody else reads or writes it meanwhile.
 */
struct swap_ops {
	/*
	 * Queue req at time now and set req->due (SWAP_NO_DEADLINE if the
	 * device cannot tell). 0, or -1 if the device queue is full.
	 */
	int (*submit)(struct swap_dev *dev, struct swap_req *req, u64 now);
	/*
	 * Take one request finished by now into *done (its data moved):
	 * true, or false when none is. Repeat until false.
	 */
	bool (*complete)(struct swap_dev *dev, u64 now, struct swap_req *done);
	/* When the earliest queued request finishes, or SWAP_NO_DEADLINE. */
	u64 (*next_deadline)(const struct swap_dev *dev);
};

/*
 * Device busy time: the union of [submitted, due] over requests, so two
 * overlapping requests count their overlap once. Requests reach the
 * device in time order, so the union grows at its end only.
 */
struct swap_busy {
	u64 until;		/* the latest due so far */
	u64 cycles;		/* length of the union */
};

struct swap_dev {
	const struct swap_ops *ops;
	const char *name;	/* the swap= option's value */
	u32 nr_slots;		/* pages of swap space */
	u32 queued;		/* submitted, completion not yet taken */
	u64 reads, writes;	/* completed */
	u64 read_device_cycles;	/* sum of completed reads' submit-to-done time */
	/*
	 * The device's own clock: a request is stamped when it reaches the
	 * device, not when faultline's fault handling began (the CLOCK sweep
	 * and evictions before a submit are faultline's time, not the
	 * device's). rdtsc in faultline; NULL in tests: the caller's now.
	 */
	u64 (*clock)(void);
	u32 qd;			/* requests served at once (swap_qd=) */
	struct swap_busy busy_read, busy_write, busy;	/* reads, writes, all */
	/*
	 * ops->next_deadline(), read before every VM entry (twice): a field
	 * load there rather than an indirect call. Only a submit (which can
	 * only bring it forward, to the new request's due) and a completion
	 * (asked of the backend again) move it: a backend's submit must not
	 * move the dues of requests already queued. Backends' init sets it
	 * to SWAP_NO_DEADLINE (0 would read as "due now" at every entry).
	 */
	u64 next_due;
};

/* Queue req: now is a lower bound on the submission time (see clock). */
int swap_submit(struct swap_dev *dev, struct swap_req *req, u64 now);
bool swap_complete(struct swap_dev *dev, u64 now, struct swap_req *done);
/* The TSC to program the VMX-preemption timer for (SWAP_NO_DEADLINE: none). */
static inline u64 swap_next_deadline(const struct swap_dev *dev)
{
	return dev->next_due;
}

/* ---- swap=ram: pages in memory reserved at boot (mm/swap_ram.c) ---- */

/*
 * The device serves qd requests at a time (swap_qd=; 1: one request at a
 * time, like a disk without command queueing). A request waits in the
 * queue until one of the qd is free, then takes its latency:
 *
 *	start = max(submitted, the earliest time one of the qd is free)
 *	due   = max(start + latency, the previous request's due)
 *
 * so requests complete in submission order and a run's timing depends
 * only on its inputs. Reads and writes share the one queue. The data
 * moves at completion, as a DMA engine's would: a frame reused before
 * its completion shows up as wrong data in tests, not as luck.
 */
#define SWAP_QD_MAX	64
#define SWAP_QD_DEFAULT	32

struct swap_ram {
	struct swap_dev dev;		/* first: ops get &dev */
	struct phys_region store;	/* nr_slots pages */
	const struct frame_pool *frames;	/* how to reach a frame's bytes */
	struct swap_latency latency;	/* ticks from start to completion */
	u64 last_due;			/* completions stay in submission order */
	u64 free_at[SWAP_QD_MAX];	/* when each of the qd is free */
	u32 next_server;		/* the one free first: see ram_submit() */
	struct swap_req *queue;		/* ring, caller storage */
	u32 queue_cap, head;
};

/*
 * queue_cap: the most requests in flight at once; each holds a frame,
 * so frames->nr_frames always suffices. An empty store is a device with
 * no slots ("no swap"), which needs no queue. 0, or -1 on a bad argument.
 */
int swap_ram_init(struct swap_ram *r, struct phys_region store,
		  const struct frame_pool *frames, u64 latency_ticks,
		  struct swap_req *queue, u32 queue_cap);
/*
 * Draw each request's latency from latency instead: a
 * lognormal models a device's tail. Completions still come in submission
 * order, as from one queue: a request drawn shorter than the one ahead of
 * it completes with that one (due = max(now + sample, previous due)).
 */
void swap_ram_set_latency(struct swap_ram *r, const struct swap_latency *l);
/* Serve qd requests at once (1..SWAP_QD_MAX; SWAP_QD_DEFAULT after init). */
int swap_ram_set_qd(struct swap_ram *r, u32 qd);

/* Ticks for us microseconds at tsc_hz, rounded up (us <= 1e6, tsc_hz < 2^44). */
static inline u64 swap_us_to_ticks(u64 us, u64 tsc_hz)
{
	return (us * tsc_hz + 999999) / 1000000;
}

#endif
