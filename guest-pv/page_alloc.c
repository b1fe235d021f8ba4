/* guest-pv/page_alloc.c - a bump allocator over the guest-physical pages above the image, counting the guest's own pages apart from the workload's. Linux: mm/memblock.c (memblock_alloc), much reduced. */
#include "page_alloc.h"
#include "lib/guest.h"
#include "lib/printk.h"
#include "lib/processor.h"
#include "../include/lib.h"

static gpa_t next_free;		/* lowest page not handed out */
static gpa_t limit;		/* guest_mem */
static u64 nr_own, nr_workload;

void page_alloc_init(const struct fl_boot_info *bi)
{
	next_free = ALIGN_UP(bi->first_free_gpa, PAGE_SIZE);
	limit = bi->guest_mem & PAGE_MASK;
	nr_own = nr_workload = 0;
}

u64 pages_free(void)
{
	return next_free < limit ? (limit - next_free) / PAGE_SIZE : 0;
}

/*
 * Interrupts off around the bump: a task allocating with interrupts on can
 * be interrupted by a heap fault that allocates too.
 */
static gpa_t take(u64 n, u64 *counter, const char *what)
{
	u64 flags = local_irq_save();
	gpa_t gpa = next_free;

	if (n > pages_free())
		panic("out of guest memory: %llu pages for %s, %llu free "
		      "(raise guest_mem= or lower pages=)\n",
		      (unsigned long long)n, what,
		      (unsigned long long)pages_free());
	next_free += n * PAGE_SIZE;
	*counter += n;
	local_irq_restore(flags);
	return gpa;
}

void *alloc_own_pages(u64 n)
{
	void *p = (void *)(uintptr_t)take(n, &nr_own, "the guest's own use");

	memset(p, 0, n * PAGE_SIZE);	/* identity map: GPA = pointer */
	return p;
}

gpa_t alloc_workload_pages(u64 n)
{
	return take(n, &nr_workload, "the workload");
}

u64 own_pages_allocated(void)
{
	return nr_own;
}

u64 workload_pages_allocated(void)
{
	return nr_workload;
}

u64 own_pages(void)
{
	return bss_pages() + nr_own;
}
