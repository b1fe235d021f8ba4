/* guest-pv/workload.h - the workloads guest-pv runs, chosen by workload= and sized by pages=, seed=, passes=. No Linux twin. */
#ifndef GUEST_WORKLOAD_H
#define GUEST_WORKLOAD_H

#include "../include/guest_abi.h"

#define DEFAULT_PAGES		64
#define DEFAULT_SEED		1
#define MISMATCHES_PRINTED	8	/* then only counted */

#define DEFAULT_VERIFY_TASKS	1	/* verify: tasks= memory tasks */
#define DEFAULT_MEM_TASKS	1	/* mixed: mem_tasks= */
#define DEFAULT_COMPUTE_TASKS	1	/* mixed: compute_tasks= */

struct workload_args {
	const struct fl_boot_info *bi;
	u64 pages;	/* pages=: pages the workload touches */
	u64 seed;	/* seed=: pattern and order */
	u64 passes;	/* passes=: verify passes (verify, mixed) */
	bool apf;	/* async page faults are on */
};

/* Each returns FL_RESULT_PASS or FL_RESULT_FAIL. */
int workload_basic(const struct workload_args *args);

/*
 * verify and mixed: mem memory tasks share the pages= working set in the
 * lazily mapped heap, compute tasks count work units while any memory
 * task runs (workload_tasks.c).
 */
/*
 * bench: memory and compute tasks over working sets of their own, for
 * duration_ms of TSC time, counting work units (workload_bench.c).
 */
int workload_bench(const struct workload_args *args);

int run_task_workload(const struct workload_args *args, unsigned mem,
		      unsigned compute);

#endif
