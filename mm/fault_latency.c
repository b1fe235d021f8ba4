/* mm/fault_latency.c - faultline's own cycles per fault, zero-fill and swap-in, into histograms. No KVM twin. Pure C: host tests compile it. */
#include "fault_latency.h"

void fault_latency_init(struct fault_latency *l, u32 *swapin_cycles,
			u64 nr_gfns)
{
	*l = (struct fault_latency){ .swapin_cycles = swapin_cycles,
				     .nr_gfns = nr_gfns,
				     .carry_gfn = ~0ull };
	lat_hist_init(&l->zero);
	lat_hist_init(&l->swapin);
	for (u64 g = 0; g < nr_gfns; g++)
		swapin_cycles[g] = 0;
}

void fault_latency_completed(struct fault_latency *l,
			     const struct swap_req *done)
{
	l->nr_completions++;
	if (done->op != SWAP_OP_READ)
		return;
	if (l->nr_swapins < FAULT_LATENCY_BATCH)
		l->swapin_gfn[l->nr_swapins] = done->gfn;
	else if (done->gfn < l->nr_gfns)
		l->swapin_cycles[done->gfn] = 0;	/* no sample: forget it */
	l->nr_swapins++;
}

void fault_latency_check_done(struct fault_latency *l, u64 cycles)
{
	u32 n = MIN(l->nr_swapins, (u32)FAULT_LATENCY_BATCH);
	u64 share;

	if (l->nr_completions == 0)
		return;
	share = cycles / l->nr_completions;
	for (u32 i = 0; i < n; i++) {
		gfn_t gfn = l->swapin_gfn[i];
		u64 fault_cycles = 0;

		/* A swap-in mm_pin_page() started had no fault: 0. */
		if (gfn < l->nr_gfns) {
			fault_cycles = l->swapin_cycles[gfn];
			l->swapin_cycles[gfn] = 0;
		}
		lat_hist_add(&l->swapin, fault_cycles + share);
	}
	l->nr_completions = 0;
	l->nr_swapins = 0;
}
