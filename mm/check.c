/* mm/check.c - mm_verify(): every invariant between GFN states, frames, the reverse map and EPT, walked in full. Linux: the spirit of CONFIG_DEBUG_VM checks. */
#include "mm_internal.h"

/*
 * The rules, per state (hpa(f) = the frame's host-physical address):
 *   UNBACKED   no frame, no slot, EPT maps nothing
 *   RESIDENT   frame f with rmap[f] = gfn, EPT maps gfn -> hpa(f);
 *              WB_PENDING only with a slot
 *   WRITEBACK  frame f with rmap[f] = gfn, a slot, EPT maps nothing
 *   SWAPPED    no frame, a slot, EPT maps nothing
 *   IN_FLIGHT  frame f with rmap[f] = gfn, a slot, EPT maps nothing
 *   any        pinned (pins > 0) only when RESIDENT
 * and overall: frames held by pages = frames the pool has handed out;
 * rmap points only at pages that hold that frame; slots held by pages =
 * slots allocated; write-backs in flight = pages WRITEBACK or
 * WB_PENDING; no refused transition, pin or unpin ever happened.
 */
#define FAIL(msg)	do { *what = (msg); return -1; } while (0)

static bool holds_frame(enum gfn_state s)
{
	return s == GFN_RESIDENT || s == GFN_WRITEBACK || s == GFN_IN_FLIGHT;
}

static bool needs_slot(enum gfn_state s)
{
	return s == GFN_WRITEBACK || s == GFN_SWAPPED || s == GFN_IN_FLIGHT;
}

static int check_gfn(const struct mm *mm, gfn_t gfn, const char **what)
{
	const struct gfn_entry *e = &mm->gfns[gfn];
	enum gfn_state s = (enum gfn_state)e->state;
	hpa_t mapped = ept_translate(mm->ept, gfn_to_gpa(gfn));

	if (s >= NR_GFN_STATES)
		FAIL("state out of range");
	if (gfn_pinned(e) && s != GFN_RESIDENT)
		FAIL("pinned page is not resident");
	if ((e->flags & GFN_F_WB_PENDING) &&
	    (s != GFN_RESIDENT || e->slot == SWAP_SLOT_NONE))
		FAIL("write-back pending on a page that cannot have one");
	if (holds_frame(s)) {
		if (e->frame >= mm->frames->nr_frames)
			FAIL("frame index out of the pool");
		if (mm->rmap[e->frame] != gfn)
			FAIL("rmap of the page's frame names another page");
	} else if (e->frame != GFN_FRAME_NONE) {
		FAIL("page without data in a frame still names one");
	}
	if (needs_slot(s) && e->slot == SWAP_SLOT_NONE)
		FAIL("page whose data is in swap has no slot");
	if (s == GFN_UNBACKED && e->slot != SWAP_SLOT_NONE)
		FAIL("untouched page has a slot");
	if (e->slot != SWAP_SLOT_NONE && (e->slot >= mm->slots.nr_slots ||
					   !mm->slots.in_use[e->slot]))
		FAIL("page's slot is not allocated");
	if (s == GFN_RESIDENT) {
		if (mapped != mm_frame_hpa(mm, e->frame))
			FAIL("resident page not mapped to its frame in EPT");
	} else if (mapped != FRAME_NONE) {
		FAIL("EPT maps a page that is not resident");
	}
	return 0;
}

int mm_verify(const struct mm *mm, const char **what, gfn_t *gfn)
{
	u64 frames = 0, slots = 0, writebacks = 0;

	*gfn = 0;
	if (mm->stats.state_errors)
		FAIL("a gfn transition was refused");
	if (mm->stats.pin_errors)
		FAIL("a pin or unpin was refused");
	for (*gfn = 0; *gfn < mm->nr_gfns; (*gfn)++) {
		const struct gfn_entry *e = &mm->gfns[*gfn];

		if (check_gfn(mm, *gfn, what))
			return -1;
		frames += holds_frame((enum gfn_state)e->state);
		slots += e->slot != SWAP_SLOT_NONE;
		writebacks += e->state == GFN_WRITEBACK ||
			      (e->flags & GFN_F_WB_PENDING);
	}
	*gfn = 0;
	for (u32 f = 0; f < mm->frames->nr_frames; f++) {
		u32 g = mm->rmap[f];

		if (g != MM_RMAP_NONE && (g >= mm->nr_gfns ||
					  mm->gfns[g].frame != f ||
					  !holds_frame(mm->gfns[g].state))) {
			*gfn = g;
			FAIL("rmap names a page that does not hold the frame");
		}
		if (g != MM_RMAP_NONE && mm->gfns[g].state == GFN_RESIDENT &&
		    mm->sptep[f] != ept_lookup(mm->ept, gfn_to_gpa(g))) {
			*gfn = g;
			FAIL("the leaf kept for a frame is not its page's");
		}
	}
	if (frames != frame_pool_used(mm->frames))
		FAIL("pages hold a different number of frames than are used");
	if (slots != swap_slots_used(&mm->slots))
		FAIL("pages hold a different number of slots than are used");
	if (slots != mm->stats.swap_slots_used)
		FAIL("swap_slots_used stat is stale");
	if (writebacks != mm->writebacks_in_flight)
		FAIL("write-backs in flight miscounted");
	return 0;
}
