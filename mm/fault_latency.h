/* mm/fault_latency.h - faultline's own cycles per fault (VM exit to resume, device time excluded), as the vmm measures them, in histograms for the summary. No KVM twin (KVM leaves this to tracepoint timestamps). */
#ifndef FAULTLINE_MM_FAULT_LATENCY_H
#define FAULTLINE_MM_FAULT_LATENCY_H

#include "../include/types.h"
#include "hist.h"
#include "mmu.h"

/* Swap-ins completed in one check whose latency is recorded. */
#define FAULT_LATENCY_BATCH	16

/*
 * A zero-fill sample is its fault's cycles. A swap-in sample is the
 * cycles of the fault that submitted it plus its equal share of the
 * completion check that mapped it; the device time in between is not
 * faultline's. A NOFRAME fault's cycles (reclaim work) are carried into
 * the same page's next fault, the one that brings it in.
 */
struct fault_latency {
	struct lat_hist zero, swapin;
	u32 *swapin_cycles;	/* per GFN: its submitting fault, until done */
	u64 nr_gfns;
	gfn_t carry_gfn;	/* NOFRAME: whose cycles are carried */
	u64 carry_cycles;
	/* the completion check in progress */
	u32 nr_completions;	/* swap I/Os, reads and writes */
	u32 nr_swapins;
	gfn_t swapin_gfn[FAULT_LATENCY_BATCH];
};

/* swapin_cycles: caller storage for nr_gfns entries (guest memory's pages). */
void fault_latency_init(struct fault_latency *l, u32 *swapin_cycles,
			u64 nr_gfns);

/*
 * The fault is done: fault->kind, ->gfn and ->cycles are final. Inline:
 * every fault ends here.
 */
static inline u32 saturate_u32(u64 v)
{
	return v > 0xffffffffull ? 0xffffffffu : (u32)v;
}

static inline void fault_latency_fault(struct fault_latency *l,
				       const struct mmu_fault *fault)
{
	u64 cycles = fault->cycles;

	if (l->carry_gfn == fault->gfn) {
		cycles += l->carry_cycles;
		l->carry_cycles = 0;
	}
	switch (fault->kind) {
	case MM_FAULT_ZERO:
		lat_hist_add(&l->zero, cycles);
		break;
	case MM_FAULT_SWAPIN:
		if (fault->gfn < l->nr_gfns)
			l->swapin_cycles[fault->gfn] = saturate_u32(cycles);
		break;
	case MM_FAULT_NOFRAME:
		l->carry_gfn = fault->gfn;
		l->carry_cycles = cycles;
		break;
	default:
		break;
	}
}


/* One swap I/O taken by the completion check now running. */
void fault_latency_completed(struct fault_latency *l,
			     const struct swap_req *done);

/* That check is over and took cycles: record its swap-ins' samples. */
void fault_latency_check_done(struct fault_latency *l, u64 cycles);

#endif
