/* mm/frame.c - 4 KiB frame allocator over one phys_region. No KVM twin: KVM takes host pages from Linux's page allocator. */
#include "frame.h"
#include "../include/lib.h"

/*
 * The pool is a stack of frame indices (index = (hpa - mem.hpa) / 4 KiB).
 * free_stack[0 .. nr_free) are the free frames, the top at nr_free - 1.
 * Filled in descending order, so the first allocations come out lowest
 * address first, which makes early runs easy to read in a trace.
 */

/* The index fits in a u32: 2^32 frames is 16 TiB, far beyond any pool. */
#define FRAME_INDEX_MAX		0xffffffffull

int frame_pool_init(struct frame_pool *fp, struct phys_region mem,
		    u32 *free_stack)
{
	u64 n = mem.size / PAGE_SIZE;

	if (!IS_ALIGNED(mem.hpa, PAGE_SIZE) || n == 0 || n > FRAME_INDEX_MAX ||
	    !free_stack)
		return -1;
	fp->mem = mem;
	fp->mem.size = n * PAGE_SIZE;	/* a partial last page is not a frame */
	fp->free_stack = free_stack;
	fp->nr_frames = n;
	fp->nr_free = n;
	for (u64 i = 0; i < n; i++)
		free_stack[i] = (u32)(n - 1 - i);
	return 0;
}

hpa_t frame_alloc_zeroed(struct frame_pool *fp)
{
	hpa_t hpa = frame_alloc(fp);

	if (hpa != FRAME_NONE)
		memset(frame_virt(fp, hpa), 0, PAGE_SIZE);
	return hpa;
}

/*
 * A frame from elsewhere is ignored rather than pushed, so a caller's bug
 * cannot hand out memory the pool does not own; a full stack likewise
 * means a double free, and pushing would overrun free_stack.
 */
void frame_free(struct frame_pool *fp, hpa_t hpa)
{
	if (!frame_pool_owns(fp, hpa) || fp->nr_free == fp->nr_frames)
		return;
	fp->free_stack[fp->nr_free++] = (u32)((hpa - fp->mem.hpa) / PAGE_SIZE);
}
