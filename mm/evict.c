/* mm/evict.c - choose and evict victims: CLOCK over the frames with EPT accessed/dirty bits, write-back, clean drop. Linux: mm/vmscan.c (shrink_page_list, pageout), reduced to one CLOCK hand. */
#include "mm_internal.h"

/*
 * Which pages can be victims. Only RESIDENT pages, and of those never:
 *   - pinned ones (gfn_pinned(): a count of holders, see gfn.h): what
 *     faultline populated before the guest ran (its page tables, GDT,
 *     boot info, image) and what the vmm pins (the async-PF area, a copy
 *     in progress). faultline writes those behind the CPU's back or needs
 *     them to deliver an event, so they must stay put;
 *   - pages whose write-back is still in flight (GFN_F_WB_PENDING).
 * A page that a fault is still serving is not RESIDENT (IN_FLIGHT, or
 * UNBACKED until its frame is mapped) and, once mapped, is
 * mm->serving_gfn until the fault returns, so background reclaim after
 * it cannot take it back; later, its accessed bit, preset by
 * MM_LEAF_BITS, gives the instruction that faulted a full CLOCK turn. Together
 * these keep reclaim from taking a page the faulting access needs: no
 * deadlock, and no livelock while frames >= FL_FRAMES_MIN.
 */
static bool evictable(const struct gfn_entry *e)
{
	return e->state == GFN_RESIDENT && !gfn_pinned(e) &&
	       !(e->flags & GFN_F_WB_PENDING);
}

/*
 * CLOCK (second chance): sweep frames from the hand; a page with the
 * accessed bit loses it and is passed over, the first without it is the
 * victim. Two turns at most: after one, every candidate has A clear.
 * The A bits cleared on the way are flushed by one INVEPT before the next
 * VM entry, so the next access walks EPT and sets A again. GFN_FRAME_NONE: nothing
 * evictable.
 */
u32 mm_clock_pick(struct mm *mm)
{
	u32 nr = (u32)mm->frames->nr_frames;
	u32 victim = GFN_FRAME_NONE, first = GFN_FRAME_NONE;
	u64 tested = 0;

	for (u64 scanned = 0; scanned < 2ull * nr; scanned++) {
		u32 f = mm->clock_hand;
		u32 gfn = mm->rmap[f];

		mm->clock_hand = (f + 1) % nr;
		if (gfn == MM_RMAP_NONE || gfn == mm->serving_gfn ||
		    !evictable(&mm->gfns[gfn]))
			continue;
		/*
		 * A bounded hand: after MM_CLOCK_TESTS_MAX accessed bits, the
		 * first page passed over goes, its second chance spent. A
		 * turn over a hot pool would otherwise cost one EPT walk per
		 * frame inside one fault (~180 cycles each).
		 */
		if (tested++ == MM_CLOCK_TESTS_MAX) {
			victim = first;
			break;
		}
		if (ept_spte_test_and_clear_accessed(mm->ept, mm->sptep[f])) {
			if (first == GFN_FRAME_NONE)
				first = f;
			continue;
		}
		victim = f;
		break;
	}
	if (victim == GFN_FRAME_NONE)
		victim = first;
	return victim;
}

/*
 * Swap is full: take the slot of a resident page whose copy is only a
 * spare (it is mapped; its next eviction writes it again). Linux frees
 * swap of resident pages the same way when swap runs low
 * (try_to_free_swap). SWAP_SLOT_NONE if no page has one to give.
 */
static u32 steal_slot(struct mm *mm)
{
	for (u32 f = 0; f < mm->frames->nr_frames; f++) {
		u32 gfn = mm->rmap[f];
		struct gfn_entry *e;

		if (gfn == MM_RMAP_NONE)
			continue;
		e = &mm->gfns[gfn];
		if (evictable(e) && e->slot != SWAP_SLOT_NONE) {
			swap_slot_free(&mm->slots, e->slot);
			e->slot = SWAP_SLOT_NONE;
			mm->stats.slot_steals++;
			return swap_slot_alloc(&mm->slots);
		}
	}
	return SWAP_SLOT_NONE;
}

/*
 * Evict the page in frame (evictable), in the order decided:
 *   1. clean (EPT D clear) with a swap copy: unmap, free the frame, done;
 *   2. otherwise it needs a write: a slot (its own, a free one, or a
 *      stolen spare), unmap first so the copy being written cannot
 *      change, then submit. A touch before the write completes finds
 *      GFN_WRITEBACK and remaps the same frame (mmu.c rescue); the frame
 *      is freed only by mm_writeback_done().
 * Reading D before the unmap is exact: the guest does not run meanwhile.
 */
enum evict_result mm_evict_frame(struct mm *mm, u32 frame)
{
	u32 gfn = mm->rmap[frame];
	struct gfn_entry *e = &mm->gfns[gfn];
	gpa_t gpa = gfn_to_gpa(gfn);
	u64 *sptep = mm->sptep[frame];
	bool dirty = ept_spte_test_dirty(sptep);
	struct swap_req req;
	bool new_slot = false;

	if (!dirty && e->slot != SWAP_SLOT_NONE) {
		if (!mm_set_state(mm, e, GFN_SWAPPED))
			return EVICT_NONE;
		ept_spte_unmap(mm->ept, sptep);
		frame_free(mm->frames, mm_frame_hpa(mm, frame));
		mm->rmap[frame] = MM_RMAP_NONE;
		e->frame = GFN_FRAME_NONE;
		mm->stats.evictions++;
		mm->stats.clean_drops++;
		trace(TRACE_mm_page_evict, gfn, 0, 0, 0);
		return EVICT_FREED;
	}
	if (e->slot == SWAP_SLOT_NONE) {
		e->slot = swap_slot_alloc(&mm->slots);
		if (e->slot == SWAP_SLOT_NONE)
			e->slot = steal_slot(mm);
		if (e->slot == SWAP_SLOT_NONE)
			return EVICT_NONE;
		new_slot = true;
	}
	req = (struct swap_req){ .op = SWAP_OP_WRITE, .slot = e->slot,
				 .frame = mm_frame_hpa(mm, frame), .gfn = gfn };
	if (!mm_set_state(mm, e, GFN_WRITEBACK))
		goto undo_slot;
	ept_spte_unmap(mm->ept, sptep);
	if (swap_submit(mm->swap, &req, mm->now)) {
		/* The device queue is full: put the page back as it was. */
		mm_set_state(mm, e, GFN_RESIDENT);
		ept_map_4k(mm->ept, gpa, req.frame, MM_LEAF_BITS |
			   (dirty ? VMX_EPT_DIRTY_BIT : 0));
		goto undo_slot;
	}
	mm->writebacks_in_flight++;
	mm->stats.evictions++;
	mm->stats.writebacks++;
	mm_update_slot_stat(mm);
	trace(TRACE_mm_page_evict, gfn, 1, 0, 0);
	trace(TRACE_mm_page_writeback, gfn, e->slot, 0, 0);
	return EVICT_WRITEBACK;

undo_slot:
	if (new_slot) {
		swap_slot_free(&mm->slots, e->slot);
		e->slot = SWAP_SLOT_NONE;
	}
	mm_update_slot_stat(mm);
	return EVICT_NONE;
}

/*
 * The pool is empty, no write-back is in flight, and a fault needs a
 * frame: evict one page, CLOCK's pick. A clean one frees its frame now
 * (EVICT_FREED); a dirty one starts its write-back (EVICT_WRITEBACK),
 * and the fault waits for it, reclaiming to the watermark in that wait
 * (mm_reclaim_idle). So no fault pays for more than one eviction: a
 * batch here put up to 8 write-backs inside one fault, its cycles the
 * zero-fill p99 (12k cycles against a p50 of 1.3k at a 1/8 pool and
 * 10 us). EVICT_NONE: nothing can go.
 */
enum evict_result mm_reclaim(struct mm *mm)
{
	u32 victim = mm_clock_pick(mm);

	return victim == GFN_FRAME_NONE ? EVICT_NONE
					: mm_evict_frame(mm, victim);
}

/*
 * While the vCPU waits or idles: if free frames plus frames soon freed by
 * write-backs fall below free_target, start evictions now, so the next
 * faults find a frame without a CLOCK sweep or a wait for a write (Linux:
 * kswapd's low watermark). At most MM_RECLAIM_IDLE_MAX evictions a call,
 * so a completion due meanwhile is noticed late by at most that much.
 * Off when free_target is 0 (tiny pools). Returns the evictions started.
 */
unsigned mm_reclaim_idle(struct mm *mm)
{
	unsigned n = 0;

	if (!mm->gfns)
		return 0;
	while (n < MM_RECLAIM_IDLE_MAX && mm->frames->nr_free +
	       mm->writebacks_in_flight < mm->free_target) {
		u32 victim = mm_clock_pick(mm);

		if (victim == GFN_FRAME_NONE ||
		    mm_evict_frame(mm, victim) == EVICT_NONE)
			break;
		n++;
	}
	mm->stats.reclaim_idle += n;
	return n;
}

/*
 * A write-back finished. Either the page is still in GFN_WRITEBACK (free
 * its frame: the slot now holds the only copy) or it was touched meanwhile
 * and is RESIDENT with GFN_F_WB_PENDING: its copy is as of the unmap, and
 * it was remapped with D clear, so the copy stays valid until the guest
 * writes (D set) — the same rule as every other clean page.
 */
void mm_writeback_done(struct mm *mm, const struct swap_req *req)
{
	struct gfn_entry *e = &mm->gfns[req->gfn];
	u32 frame = mm_frame_index(mm, req->frame);

	mm->writebacks_in_flight--;
	if (e->frame != frame) {
		mm->stats.state_errors++;
		return;
	}
	if (e->state == GFN_RESIDENT && (e->flags & GFN_F_WB_PENDING)) {
		e->flags &= (u8)~GFN_F_WB_PENDING;
		return;
	}
	if (!mm_set_state(mm, e, GFN_SWAPPED))
		return;
	frame_free(mm->frames, req->frame);
	mm->rmap[frame] = MM_RMAP_NONE;
	e->frame = GFN_FRAME_NONE;
}
