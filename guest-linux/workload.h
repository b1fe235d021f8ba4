/* guest-linux/workload.h - the default Linux workload's processes and what each reports. No Linux twin (cf. tools/testing/selftests/mm). */
#ifndef GUEST_LINUX_WORKLOAD_H
#define GUEST_LINUX_WORKLOAD_H

#include <stdint.h>

/*
 * The timed phase starts for all processes at once: each one readies its
 * memory, checks in, and waits for the parent to set start.
 */
struct run_clock {
	volatile uint64_t start;	/* TSC; 0 until every process checked in */
	volatile uint64_t ready;	/* processes that checked in */
	uint64_t duration;		/* TSC ticks of the timed phase */
};

/* Check in, wait for the start, return the deadline. */
uint64_t run_clock_wait(struct run_clock *c);

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
 * memory, then, from the clock's start until its deadline, verify every
 * word of each page in turn and rewrite it with the next generation.
 * Under memory pressure the re-touches are swap-ins, taken as async
 * "page not present".
 */
void memory_process(struct proc_result *r, uint64_t pages, uint64_t seed,
		    struct run_clock *clock);

/* A compute process: count work units from the clock's start to its deadline. */
void compute_process(struct proc_result *r, struct run_clock *clock);

/*
 * Linux's own cost of an anonymous first-touch page fault, in TSC cycles:
 * each of pages fresh pages is touched once between two TSC reads, then
 * touched again (no fault) to measure the loop; the difference per page.
 */
uint64_t first_touch_cycles(uint64_t pages);

#endif
