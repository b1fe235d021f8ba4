/* tests/unit/test_hist.c - host tests for mm/hist.c: buckets and percentiles. */
#include <criterion/criterion.h>
#include "../../mm/hist.h"

static struct lat_hist h;

/* Are values below 8 their own bucket, and does each bucket hold what it claims? */
Test(lat_hist_bucket, bounds_hold_value)
{
	static const u64 values[] = { 0, 1, 7, 8, 9, 15, 16, 17, 100, 1000,
				      4095, 4096, 123456789, 1ull << 40,
				      (1ull << 63) + 12345, ~0ull };

	for (u64 v = 0; v < LAT_SUB; v++)
		cr_assert_eq(lat_hist_bucket(v), v);
	for (size_t i = 0; i < ARRAY_SIZE(values); i++) {
		u64 v = values[i];
		unsigned b = lat_hist_bucket(v);

		cr_assert_lt(b, LAT_BUCKETS);
		cr_assert_geq(lat_hist_bucket_max(b), v, "v %llu",
			      (unsigned long long)v);
		if (b)
			cr_assert_lt(lat_hist_bucket_max(b - 1), v);
		/* the bucket is at most 1/8 of its values wide */
		if (v >= LAT_SUB)
			cr_assert_leq(lat_hist_bucket_max(b) - v, v / LAT_SUB);
	}
	cr_assert_eq(lat_hist_bucket(~0ull), LAT_BUCKETS - 1);
	cr_assert_eq(lat_hist_bucket_max(LAT_BUCKETS - 1), ~0ull);
}

/* Is an empty histogram's percentile 0? */
Test(lat_hist_percentile, empty_zero)
{
	lat_hist_init(&h);
	cr_assert_eq(lat_hist_percentile(&h, 50), 0);
}

/* Does one sample give itself at every percentile? */
Test(lat_hist_percentile, single_sample_exact)
{
	lat_hist_init(&h);
	lat_hist_add(&h, 5000);
	cr_assert_eq(lat_hist_percentile(&h, 1), 5000);
	cr_assert_eq(lat_hist_percentile(&h, 50), 5000);
	cr_assert_eq(lat_hist_percentile(&h, 100), 5000);
	cr_assert_eq(h.min, 5000);
	cr_assert_eq(h.max, 5000);
}

/* Over 1..1000, are p50/p99 within 12.5% above the true ranks and p100 the max? */
Test(lat_hist_percentile, uniform_within_bound)
{
	static const struct { unsigned pct; u64 exact; } cases[] = {
		{ 1, 10 }, { 50, 500 }, { 90, 900 }, { 99, 990 }, { 100, 1000 },
	};

	lat_hist_init(&h);
	for (u64 v = 1000; v >= 1; v--)
		lat_hist_add(&h, v);
	cr_assert_eq(h.count, 1000);
	cr_assert_eq(h.sum, 500500);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		u64 p = lat_hist_percentile(&h, cases[i].pct);

		cr_assert_geq(p, cases[i].exact, "p%u", cases[i].pct);
		cr_assert_leq(p, cases[i].exact + cases[i].exact / LAT_SUB,
			      "p%u = %llu", cases[i].pct,
			      (unsigned long long)p);
	}
	cr_assert_eq(lat_hist_percentile(&h, 100), 1000);
}

/* Does a rare slow sample show at p99 but not p50? */
Test(lat_hist_percentile, tail_seen_at_p99)
{
	lat_hist_init(&h);
	for (int i = 0; i < 98; i++)
		lat_hist_add(&h, 2000);
	lat_hist_add(&h, 900000);
	lat_hist_add(&h, 900000);
	cr_assert_leq(lat_hist_percentile(&h, 50), 2000 + 2000 / LAT_SUB);
	cr_assert_geq(lat_hist_percentile(&h, 99), 900000);
}
