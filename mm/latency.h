/* mm/latency.h - the swap device's modelled latency: fixed, or drawn from a seeded lognormal. No Linux twin (closest: the null_blk driver's completion_nsec). */
#ifndef FAULTLINE_MM_LATENCY_H
#define FAULTLINE_MM_LATENCY_H

#include "../include/types.h"

enum latency_dist {
	LATENCY_FIXED,		/* every request takes median ticks */
	LATENCY_LOGNORMAL,	/* median * e^(sigma * Z), Z ~ N(0, 1) */
};

#define LATENCY_SIGMA_MILLI_MAX	2000u	/* sigma <= 2: e^(6 sigma) stays in range */

struct swap_latency {
	enum latency_dist dist;
	u64 median;		/* TSC ticks */
	u32 sigma_milli;	/* sigma * 1000 */
	u64 rng;		/* splitmix64 state: the run's seed */
};

void swap_latency_init(struct swap_latency *l, enum latency_dist dist,
		       u64 median_ticks, u32 sigma_milli, u64 seed);
u64 swap_latency_sample_lognormal(struct swap_latency *l);

/* The next request's latency, in ticks. Same seed, same sequence. */
static inline u64 swap_latency_sample(struct swap_latency *l)
{
	if (l->dist == LATENCY_FIXED || l->sigma_milli == 0)
		return l->median;
	return swap_latency_sample_lognormal(l);
}

/* Fixed point used inside, exposed for tests: e^x for x in Q16. */
u64 exp_q16(s64 x_q16);

#endif
