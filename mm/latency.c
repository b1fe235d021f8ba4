/* mm/latency.c - modelled swap latency: fixed, or a seeded lognormal in integer arithmetic. No Linux twin. Pure C: host tests compile it. */
#include "latency.h"

/*
 * faultline runs with -mgeneral-regs-only: no floating point in VMX root
 * (the guest's FPU state is never saved). So the lognormal is built from
 * integers in Q16 fixed point (value * 65536):
 *   Z     ~ sum of 12 uniforms on [0, 1) minus 6 (Irwin-Hall): mean 0,
 *           variance 1, tails cut at +-6 sigma;
 *   e^x   = 2^(x log2 e), 2^frac by a cubic (error < 0.015%).
 */
#define Q16		65536
#define LOG2E_Q16	94548		/* log2(e) */
/* 2^f - 1 ~ f (c1 + f (c2 + f c3)) on [0, 1), least squares with c1 + c2 + c3 = 1 (exact at f = 1) */
#define TWO_POW_C1	45608
#define TWO_POW_C2	14742
#define TWO_POW_C3	5186
#define IRWIN_HALL_N	12

static u64 splitmix64(u64 *state)
{
	u64 z = (*state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

void swap_latency_init(struct swap_latency *l, enum latency_dist dist,
		       u64 median_ticks, u32 sigma_milli, u64 seed)
{
	l->dist = dist;
	l->median = median_ticks;
	l->sigma_milli = MIN(sigma_milli, LATENCY_SIGMA_MILLI_MAX);
	l->rng = seed;
}

u64 exp_q16(s64 x_q16)
{
	s64 y = x_q16 * LOG2E_Q16 / Q16;	/* log2 of the result, Q16 */
	s64 k = y >> 16;			/* floor, also for y < 0 */
	u64 f = (u64)(y & (Q16 - 1));
	u64 frac = Q16 + f * (TWO_POW_C1 + f * (TWO_POW_C2 + f * TWO_POW_C3 /
						   Q16) / Q16) / Q16;

	if (k >= 0)
		return k >= 40 ? ~0ull : frac << k;
	return k <= -40 ? 0 : frac >> -k;
}

static s64 standard_normal_q16(u64 *rng)
{
	s64 sum = 0;

	for (int i = 0; i < IRWIN_HALL_N; i++)
		sum += (s64)(splitmix64(rng) >> 48);	/* uniform, Q16 */
	return sum - (IRWIN_HALL_N / 2) * (s64)Q16;
}

u64 swap_latency_sample_lognormal(struct swap_latency *l)
{
	s64 x;
	u64 e;

	x = standard_normal_q16(&l->rng) * (s64)l->sigma_milli / 1000;
	e = exp_q16(x);
	/* median * e / Q16 without overflow for median < 2^40 */
	return (l->median >> 16) * e + ((l->median & (Q16 - 1)) * e >> 16);
}
