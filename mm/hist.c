/* mm/hist.c - latency histogram: add a sample, ask a percentile. Linux: none in-kernel (see hist.h). */
#include "hist.h"
#include "../include/lib.h"

#define PCT_ALL	100

void lat_hist_init(struct lat_hist *h)
{
	memset(h, 0, sizeof(*h));
	h->min = ~0ull;
}

static unsigned top_bit(u64 v)
{
	return 63 - (unsigned)__builtin_clzll(v);	/* v != 0 */
}

unsigned lat_hist_bucket(u64 value)
{
	unsigned m;

	if (value < LAT_SUB)
		return (unsigned)value;
	m = top_bit(value);
	return ((m - LAT_SUB_BITS + 1) << LAT_SUB_BITS) +
	       (unsigned)((value >> (m - LAT_SUB_BITS)) & (LAT_SUB - 1));
}

u64 lat_hist_bucket_max(unsigned b)
{
	unsigned m;
	u64 width;

	if (b < LAT_SUB)
		return b;
	m = (b >> LAT_SUB_BITS) + LAT_SUB_BITS - 1;	/* the top bit */
	width = 1ull << (m - LAT_SUB_BITS);
	/* lowest value: (LAT_SUB + sub) << (m - LAT_SUB_BITS) */
	return ((u64)(LAT_SUB + (b & (LAT_SUB - 1))) << (m - LAT_SUB_BITS)) +
	       (width - 1);
}

void lat_hist_add(struct lat_hist *h, u64 value)
{
	h->count++;
	h->sum += value;
	h->min = MIN(h->min, value);
	h->max = MAX(h->max, value);
	h->bucket[lat_hist_bucket(value)]++;
}

u64 lat_hist_percentile(const struct lat_hist *h, unsigned pct)
{
	u64 rank, seen = 0;

	if (h->count == 0)
		return 0;
	pct = MIN(MAX(pct, 1u), (unsigned)PCT_ALL);
	/* nearest rank: the ceil(pct% of count)-th smallest sample */
	rank = (h->count * pct + PCT_ALL - 1) / PCT_ALL;
	for (unsigned b = 0; b < LAT_BUCKETS; b++) {
		seen += h->bucket[b];
		if (seen >= rank)
			return MAX(MIN(lat_hist_bucket_max(b), h->max), h->min);
	}
	return h->max;
}
