/* guest-pv/workload.h - the workloads guest-pv runs, chosen by workload= and sized by pages=, seed=, passes=. No Linux twin. */
#ifndef GUEST_WORKLOAD_H
#define GUEST_WORKLOAD_H

#include "../include/guest_abi.h"

#define DEFAULT_PAGES		64
#define DEFAULT_SEED		1
#define MISMATCHES_PRINTED	8	/* then only counted */

struct workload_args {
	const struct fl_boot_info *bi;
	u64 pages;	/* pages=: pages the workload touches */
	u64 seed;	/* seed=: pattern and order */
	u64 passes;	/* passes=: verify passes (verify, mixed) */
};

/* Each returns FL_RESULT_PASS or FL_RESULT_FAIL. */
int workload_basic(const struct workload_args *args);

#endif
