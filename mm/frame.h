/* mm/frame.h - 4 KiB frame allocator over one phys_region. No KVM twin: KVM takes host pages from Linux. */
#ifndef FAULTLINE_MM_FRAME_H
#define FAULTLINE_MM_FRAME_H

#include "../include/phys.h"

#define FRAME_NONE	(~0ull)		/* frame_alloc() found no free frame */

/*
 * A pool of page frames: guest memory's backing store is one, EPT's
 * paging structures another. Frames come back zeroed only if the caller
 * asks (frame_alloc_zeroed), because zeroing 4 KiB is the largest cost of
 * a demand-zero fault and a swap-in overwrites the frame anyway.
 *
 * free_stack is caller-provided storage for size/PAGE_SIZE entries: no
 * hidden allocation. Frames are handed out lowest address first at the
 * start, then LIFO as they are freed.
 */
struct frame_pool {
	struct phys_region mem;
	u32 *free_stack;
	u64 nr_frames;
	u64 nr_free;
};

/* 0, or -1 if mem is not page aligned or has no whole page. */
int frame_pool_init(struct frame_pool *fp, struct phys_region mem,
		    u32 *free_stack);
/* A free frame's HPA, or FRAME_NONE. Inline: every fault that maps asks. */
static inline hpa_t frame_alloc(struct frame_pool *fp)
{
	if (fp->nr_free == 0)
		return FRAME_NONE;
	return fp->mem.hpa + (u64)fp->free_stack[--fp->nr_free] * PAGE_SIZE;
}

hpa_t frame_alloc_zeroed(struct frame_pool *fp);
/* Returns a frame; freeing one the pool does not own, or twice, is a bug the caller catches with frame_pool_owns(). */
void frame_free(struct frame_pool *fp, hpa_t hpa);
static inline bool frame_pool_owns(const struct frame_pool *fp, hpa_t hpa)
{
	return phys_region_contains(&fp->mem, hpa) &&
	       IS_ALIGNED(hpa, PAGE_SIZE);
}

/*
 * Where faultline reaches frame hpa, or NULL if the pool does not own it.
 * Inline: every EPT walk takes it once a level.
 */
static inline void *frame_virt(const struct frame_pool *fp, hpa_t hpa)
{
	if (!phys_region_contains(&fp->mem, hpa))
		return NULL;
	return phys_region_virt(&fp->mem, hpa);
}
static inline u64 frame_pool_used(const struct frame_pool *fp)
{
	return fp->nr_frames - fp->nr_free;
}

#endif
