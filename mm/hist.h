/* mm/hist.h - fixed-size latency histogram with percentiles (log2 buckets, each split linearly). Linux: none in-kernel; the shape of HdrHistogram and bcc's log2 hist. */
#ifndef FAULTLINE_MM_HIST_H
#define FAULTLINE_MM_HIST_H

#include "../include/types.h"

/*
 * A value v lands in bucket:
 *   v < 2^LAT_SUB_BITS                 : bucket v (exact)
 *   else, with m = index of v's top bit: bucket ((m - LAT_SUB_BITS + 1)
 *        << LAT_SUB_BITS) + the LAT_SUB_BITS bits below the top bit
 * so every power of two is split into 2^LAT_SUB_BITS equal buckets and a
 * reported percentile is high by at most 1/2^LAT_SUB_BITS (12.5%).
 * 496 buckets cover all of u64: 4 KiB, no allocation.
 */
#define LAT_SUB_BITS	3
#define LAT_SUB		(1u << LAT_SUB_BITS)
#define LAT_BUCKETS	((64 - LAT_SUB_BITS + 1) * LAT_SUB)

struct lat_hist {
	u64 count;
	u64 sum;
	u64 min, max;
	u64 bucket[LAT_BUCKETS];
};

void lat_hist_init(struct lat_hist *h);
void lat_hist_add(struct lat_hist *h, u64 value);
/*
 * The smallest bucket bound below which pct percent of the samples lie
 * (nearest rank), clamped to [min, max]: exact for values < 8 and for the
 * maximum. 0 when empty. pct in 1..100.
 */
u64 lat_hist_percentile(const struct lat_hist *h, unsigned pct);
unsigned lat_hist_bucket(u64 value);
/* The largest value that lands in bucket b. */
u64 lat_hist_bucket_max(unsigned b);

#endif
