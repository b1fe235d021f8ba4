/* guest-linux/workload.c - the default Linux workload's memory and compute processes, and Linux's own cycles per first-touch fault. No Linux twin (cf. tools/testing/selftests/mm). */
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>
#include "workload.h"
#include "../guest-pv/pattern.h"

#define PAGE_BYTES	4096
#define COMPUTE_ROUNDS	1000	/* xorshift steps per work unit */
#define CLOCK_POLL_US	1000	/* sleep between looks at the start flag */

uint64_t run_clock_wait(struct run_clock *c)
{
	__atomic_fetch_add(&c->ready, 1, __ATOMIC_SEQ_CST);
	while (!c->start)
		usleep(CLOCK_POLL_US);
	return c->start + c->duration;
}

/*
 * Fresh anonymous memory with 4 KiB pages only: the cloud kernel's
 * transparent huge pages ("always") would turn 512 first touches into one.
 */
static uint64_t *map_pages(uint64_t pages)
{
	void *p = mmap(0, pages * PAGE_BYTES, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return 0;
	madvise(p, pages * PAGE_BYTES, MADV_NOHUGEPAGE);
	return p;
}

static void write_page(uint64_t *w, uint64_t seed, uint64_t page,
		       uint64_t gen)
{
	for (uint64_t i = 0; i < WORDS_PER_PAGE; i++)
		w[i] = pattern_word(seed, page, i, gen);
}

void memory_process(struct proc_result *r, uint64_t pages, uint64_t seed,
		    struct run_clock *clock)
{
	uint64_t *mem = map_pages(pages), gen = 0, sum = CHECKSUM_INIT;
	uint64_t deadline;

	if (!mem) {
		r->mismatches = 1;	/* no memory: a failure, said as one */
		run_clock_wait(clock);
		return;
	}
	for (uint64_t p = 0; p < pages; p++)
		write_page(mem + p * WORDS_PER_PAGE, seed, p, gen);
	deadline = run_clock_wait(clock);
	for (;;) {
		for (uint64_t p = 0; p < pages; p++) {
			uint64_t *w = mem + p * WORDS_PER_PAGE;

			if (rdtsc() >= deadline)
				goto out;
			for (uint64_t i = 0; i < WORDS_PER_PAGE; i++) {
				sum = checksum_add(sum, w[i]);
				if (w[i] != pattern_word(seed, p, i, gen))
					r->mismatches++;
			}
			write_page(w, seed, p, gen + 1);
			r->pages_verified++;
		}
		gen++;
		r->passes++;
	}
out:
	r->checksum = sum;
	r->done = 1;
}

void compute_process(struct proc_result *r, struct run_clock *clock)
{
	uint64_t x = 0x9e3779b97f4a7c15ull, deadline = run_clock_wait(clock);

	while (rdtsc() < deadline) {
		for (int i = 0; i < COMPUTE_ROUNDS; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
		}
		r->compute_units++;
	}
	r->checksum = x;
	r->done = 1;
}

static uint64_t touch_each(volatile uint8_t *mem, uint64_t pages)
{
	uint64_t total = 0;

	for (uint64_t p = 0; p < pages; p++) {
		uint64_t t0 = rdtsc();

		mem[p * PAGE_BYTES] = 1;
		total += rdtsc() - t0;
	}
	return total;
}

uint64_t first_touch_cycles(uint64_t pages)
{
	volatile uint8_t *mem = (volatile uint8_t *)map_pages(pages);
	uint64_t faulting, resident;

	if (!mem || !pages)
		return 0;
	faulting = touch_each(mem, pages);
	resident = touch_each(mem, pages);
	munmap((void *)mem, pages * PAGE_BYTES);
	return faulting > resident ? (faulting - resident) / pages : 0;
}
