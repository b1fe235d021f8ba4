/* guest-pv/workload_basic.c - workload=basic: write a page-unique pattern to N pages of free guest memory, read it all back, verify every word. No Linux twin. */
#include "workload.h"
#include "page_alloc.h"
#include "pattern.h"
#include "lib/printk.h"

/*
 * The pages are guest-physical [first_free_gpa, + N pages), reached
 * through faultline's identity map: no guest page fault, no page table of
 * the guest's own, so the EPT violations of the run are exactly these N
 * pages (each first touched by its first write) plus the guest's own
 * pages (own_pages: the bss, zeroed at entry; basic allocates nothing
 * else). Each word is pattern_word(seed, GFN, index, 0). Interrupts stay
 * off throughout, so every fault is synchronous.
 */
int workload_basic(const struct workload_args *a)
{
	u64 mismatches = 0, sum = CHECKSUM_INIT;
	gpa_t base;

	report("workload_pages", "%llu", (unsigned long long)a->pages);
	report("own_pages", "%llu", (unsigned long long)own_pages());
	if (a->pages == 0 || a->pages > pages_free()) {
		printk("basic: pages=%llu does not fit: 1 to %llu pages are "
		       "free\n", (unsigned long long)a->pages,
		       (unsigned long long)pages_free());
		return FL_RESULT_FAIL;
	}
	base = alloc_workload_pages(a->pages);	/* = first_free_gpa */

	printk("basic: writing %llu pages at GPA %#llx-%#llx (seed %llu), "
	       "one page at a time\n", (unsigned long long)a->pages,
	       (unsigned long long)base,
	       (unsigned long long)(base + a->pages * PAGE_SIZE - 1),
	       (unsigned long long)a->seed);
	for (u64 p = 0; p < a->pages; p++) {
		gpa_t gpa = base + p * PAGE_SIZE;
		volatile u64 *page = (volatile u64 *)(uintptr_t)gpa;

		for (u64 i = 0; i < WORDS_PER_PAGE; i++)
			page[i] = pattern_word(a->seed, gpa_to_gfn(gpa), i, 0);
	}

	for (u64 p = 0; p < a->pages; p++) {
		gpa_t gpa = base + p * PAGE_SIZE;
		volatile u64 *page = (volatile u64 *)(uintptr_t)gpa;

		for (u64 i = 0; i < WORDS_PER_PAGE; i++) {
			u64 want = pattern_word(a->seed, gpa_to_gfn(gpa), i, 0);
			u64 got = page[i];

			sum = checksum_add(sum, got);
			if (got == want)
				continue;
			if (mismatches++ < MISMATCHES_PRINTED)
				printk("basic: mismatch at GFN %#llx word %llu:"
				       " expected %#018llx, found %#018llx\n",
				       (unsigned long long)gpa_to_gfn(gpa),
				       (unsigned long long)i,
				       (unsigned long long)want,
				       (unsigned long long)got);
		}
	}

	report("checksum", "%#018llx", (unsigned long long)sum);
	report("mismatches", "%llu", (unsigned long long)mismatches);
	printk("basic: %s: %llu pages, %llu words verified, %llu mismatches, "
	       "checksum %#018llx\n", mismatches ? "FAIL" : "PASS",
	       (unsigned long long)a->pages,
	       (unsigned long long)(a->pages * WORDS_PER_PAGE),
	       (unsigned long long)mismatches, (unsigned long long)sum);
	return mismatches ? FL_RESULT_FAIL : FL_RESULT_PASS;
}
