/* guest-linux/workload.h - the default Linux workload's processes and what each reports. No Linux twin (cf. tools/testing/selftests/mm). */
#ifndef GUEST_LINUX_WORKLOAD_H
#define GUEST_LINUX_WORKLOAD_H

#include <stdint.h>

/* One process's results, in a shared page the parent reads after wait(). */
struct proc_result {
	uint64_t pages_verified;	/* pages whose every word was checked */
	uint64_t mismatches;		/* words that held the wrong value */
	uint64_t passes;		/* complete passes over the region */
	uint64_t compute_units;		/* work units counted */
	uint64_t checksum;		/* over every word read */
	int done;			/* reached the end without dying */
};

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
	return (uint64_t)hi << 32 | lo;
}

/*
 * A memory process: write the pattern over pages pages of fresh anonymous
 * memory, then until TSC deadline verify every word of each page in turn
 * and rewrite it with the next generation. Under memory pressure the
 * re-touches are swap-ins, taken as async "page not present".
 */
void memory_process(struct proc_result *r, uint64_t pages, uint64_t seed,
		    uint64_t deadline);

/* A compute process: count work units until TSC deadline. */
void compute_process(struct proc_result *r, uint64_t deadline);

/*
 * Linux's own cost of an anonymous first-touch page fault, in TSC cycles:
 * each of pages fresh pages is touched once between two TSC reads, then
 * touched again (no fault) to measure the loop; the difference per page.
 */
uint64_t first_touch_cycles(uint64_t pages);

#endif
