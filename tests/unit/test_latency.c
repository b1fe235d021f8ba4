/* tests/unit/test_latency.c - host tests for mm/latency.c: fixed and lognormal swap latency, integer exp. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include "../../mm/latency.h"

/* Is the fixed-point e^x within 0.05% (plus Q16 rounding) of libm's over the range used? */
Test(exp_q16, matches_libm)
{
	for (s64 x = -6 * 65536; x <= 6 * 65536; x += 4099) {
		double want = exp((double)x / 65536) * 65536;
		double got = (double)exp_q16(x);

		cr_assert(fabs(got - want) <= want * 0.0005 + 2,
			  "x=%lld got %f want %f", (long long)x, got, want);
	}
}

/* Does a fixed latency always give the median? */
Test(swap_latency, fixed_is_constant)
{
	struct swap_latency l;

	swap_latency_init(&l, LATENCY_FIXED, 300000, 500, 7);
	for (int i = 0; i < 100; i++)
		cr_assert_eq(swap_latency_sample(&l), 300000);
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* Is the lognormal's median the median, and its spread e^sigma per standard deviation? */
Test(swap_latency, lognormal_median_and_spread)
{
	enum { N = 20001 };
	static u64 s[N];
	struct swap_latency l;
	double p50, p84, p16;

	swap_latency_init(&l, LATENCY_LOGNORMAL, 300000, 500, 1);
	for (int i = 0; i < N; i++)
		s[i] = swap_latency_sample(&l);
	qsort(s, N, sizeof(s[0]), cmp_u64);
	p50 = (double)s[N / 2];
	p84 = (double)s[(int)(N * 0.8413)];
	p16 = (double)s[(int)(N * 0.1587)];
	cr_assert(fabs(p50 / 300000 - 1) < 0.02, "median %f", p50);
	/* p84 / p50 = e^sigma = 1.6487 for sigma = 0.5 */
	cr_assert(fabs(p84 / p50 - exp(0.5)) < 0.05, "p84/p50 %f", p84 / p50);
	cr_assert(fabs(p50 / p16 - exp(0.5)) < 0.05, "p50/p16 %f", p50 / p16);
}

/* Does the same seed give the same sequence, and another seed another? */
Test(swap_latency, seeded_sequence_reproducible)
{
	struct swap_latency a, b, c;
	int differ = 0;

	swap_latency_init(&a, LATENCY_LOGNORMAL, 1000000, 1000, 42);
	swap_latency_init(&b, LATENCY_LOGNORMAL, 1000000, 1000, 42);
	swap_latency_init(&c, LATENCY_LOGNORMAL, 1000000, 1000, 43);
	for (int i = 0; i < 1000; i++) {
		u64 x = swap_latency_sample(&a);

		cr_assert_eq(x, swap_latency_sample(&b));
		differ += x != swap_latency_sample(&c);
	}
	cr_assert_gt(differ, 990);
}
