/* mm/pager.c - guest memory's setup and the completion side of swap I/O (swap-in mapped, write-back done). Linux: the end_io side of mm/page_io.c (end_swap_bio_read, end_swap_bio_write). */
#include "mm_internal.h"
#include "../include/lib.h"

/* Room for pages in write-back or being read beyond guest_mem - frames. */
#define MM_SWAP_SLACK_FRACTION	8	/* frames / 8 */
#define MM_SWAP_SLACK_PAGES	128
/* Idle reclaim keeps 1/16 of the pool free or being freed... */
#define MM_FREE_TARGET_FRACTION	16

u64 mm_swap_slots_needed(u64 guest_mem, u64 frames)
{
	u64 guest_pages = guest_mem / PAGE_SIZE, frame_pages = frames / PAGE_SIZE;
	u64 need;

	if (frame_pages >= guest_pages)
		return 0;
	need = guest_pages - frame_pages + frame_pages / MM_SWAP_SLACK_FRACTION +
	       MM_SWAP_SLACK_PAGES;
	return MIN(need, guest_pages);
}

int mm_init(struct mm *mm, u64 guest_mem, struct frame_pool *frames,
	    struct ept *ept, struct swap_dev *swap, const struct mm_storage *st)
{
	memset(mm, 0, sizeof(*mm));
	if (!frames || !ept || !swap || !st->gfns || !st->rmap || !st->sptep ||
	    guest_mem / PAGE_SIZE >= MM_RMAP_NONE ||
	    swap_slots_init(&mm->slots, st->slot_stack, st->slot_in_use,
			    swap->nr_slots))
		return -1;
	mm->guest_mem = guest_mem;
	mm->frames = frames;
	mm->ept = ept;
	mm->gfns = st->gfns;
	mm->nr_gfns = guest_mem / PAGE_SIZE;
	mm->rmap = st->rmap;
	mm->sptep = st->sptep;
	mm->swap = swap;
	/*
	 * With no slot nothing can be evicted: background reclaim would
	 * only sweep CLOCK in vain after every fault.
	 */
	mm->free_target = swap->nr_slots ?
		(u32)(frames->nr_frames / MM_FREE_TARGET_FRACTION) : 0;
	mm->serving_gfn = MM_NO_GFN;
	gfn_table_init(mm->gfns, mm->nr_gfns);
	for (u64 f = 0; f < frames->nr_frames; f++)
		mm->rmap[f] = MM_RMAP_NONE;
	return 0;
}

/* The read finished: map the page; its slot keeps a valid copy. */
/* t0, t1: stage TSCs around the backend's completion (its copy). */
static void swapin_done(struct mm *mm, const struct swap_req *req, u64 t0,
			u64 t1)
{
	struct gfn_entry *e = &mm->gfns[req->gfn];
	gpa_t gpa = gfn_to_gpa(req->gfn);

	if (e->state != GFN_IN_FLIGHT ||
	    e->frame != mm_frame_index(mm, req->frame) ||
	    ept_map_4k_spte(mm->ept, gpa, req->frame, MM_LEAF_BITS,
			    &mm->sptep[mm_frame_index(mm, req->frame)]) != EPT_OK) {
		mm->stats.state_errors++;
		return;
	}
	mm_set_state(mm, e, GFN_RESIDENT);
	mm->stats.swapins_done++;
	trace(TRACE_mm_swapin_stages, req->gfn, t1 - t0,
	      mm_stage_clock() - t1, 0);
}

bool mm_swap_complete(struct mm *mm, u64 now, struct swap_req *done)
{
	u64 t0;

	mm_advance(mm, now);
	t0 = mm_stage_clock();
	if (!swap_complete(mm->swap, mm->now, done))
		return false;
	if (done->op == SWAP_OP_READ)
		swapin_done(mm, done, t0, mm_stage_clock());
	else
		mm_writeback_done(mm, done);
	return true;
}
