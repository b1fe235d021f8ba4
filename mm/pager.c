/* mm/pager.c - the swap side of mm: setup, completions (swap-in mapped, write-back done), fault latency. KVM: kvm_check_async_pf_completion() in virt/kvm/async_pf.c for the completion side. */
#include "mm_internal.h"

/* Room for pages in write-back or being read beyond guest_mem - frames. */
#define MM_SWAP_SLACK_FRACTION	8	/* frames / 8 */
#define MM_SWAP_SLACK_PAGES	128
/* Background reclaim keeps 1/64 of the pool free or being freed... */
#define MM_FREE_TARGET_FRACTION	64

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

/*
 * Adopt what is already mapped (populated before the guest ran, or
 * faulted in before swap was on): resident and pinned, since faultline
 * may hold pointers into it.
 */
static void adopt_mapped(struct mm *mm)
{
	for (gfn_t gfn = 0; gfn < mm->nr_gfns; gfn++) {
		hpa_t hpa = ept_translate(mm->ept, gfn_to_gpa(gfn));
		struct gfn_entry *e = &mm->gfns[gfn];

		if (hpa == FRAME_NONE || !frame_pool_owns(mm->frames, hpa))
			continue;
		mm_set_state(mm, e, GFN_RESIDENT);
		e->flags |= GFN_F_PINNED;
		e->frame = mm_frame_index(mm, hpa);
		mm->rmap[e->frame] = (u32)gfn;
	}
}

int mm_swap_init(struct mm *mm, struct swap_dev *swap,
		 const struct mm_swap_storage *st)
{
	u64 nr_frames;

	if (!swap || !st->gfns || !st->rmap || !mm->frames ||
	    mm->guest_mem / PAGE_SIZE >= MM_RMAP_NONE ||
	    swap_slots_init(&mm->slots, st->slot_stack, st->slot_in_use,
			    swap->nr_slots))
		return -1;
	nr_frames = mm->frames->nr_frames;
	mm->gfns = st->gfns;
	mm->nr_gfns = mm->guest_mem / PAGE_SIZE;
	mm->rmap = st->rmap;
	mm->swap = swap;
	mm->clock_hand = 0;
	mm->free_target = (u32)(nr_frames / MM_FREE_TARGET_FRACTION);
	mm->writebacks_in_flight = 0;
	mm->serving_gfn = MM_NO_GFN;
	mm->carry_gfn = MM_NO_GFN;
	gfn_table_init(mm->gfns, mm->nr_gfns);
	for (u64 f = 0; f < nr_frames; f++)
		mm->rmap[f] = MM_RMAP_NONE;
	adopt_mapped(mm);
	mm_update_slot_stat(mm);
	return 0;
}

/* The read finished: map the page; its slot keeps a valid copy. */
static void swapin_done(struct mm *mm, const struct swap_req *req)
{
	struct gfn_entry *e = &mm->gfns[req->gfn];
	gpa_t gpa = gfn_to_gpa(req->gfn);

	if (e->state != GFN_IN_FLIGHT ||
	    e->frame != mm_frame_index(mm, req->frame) ||
	    ept_map_4k(mm->ept, gpa, req->frame, MM_LEAF_BITS) != EPT_OK) {
		mm->stats.state_errors++;
		return;
	}
	mm_set_state(mm, e, GFN_RESIDENT);
	mm->stats.swapins_done++;
	if (mm->poll_swapins < MM_POLL_SAMPLES)
		mm->poll_gfn[mm->poll_swapins] = (u32)req->gfn;
	mm->poll_swapins++;
	if (mm->page_ready)
		mm->page_ready(mm->page_ready_ctx, req->gfn);
}

unsigned mm_swap_poll(struct mm *mm, u64 now)
{
	struct swap_req req;
	unsigned n = 0;

	mm_advance(mm, now);
	mm->poll_completions = 0;
	mm->poll_swapins = 0;
	if (!mm->swap)
		return 0;
	while (swap_complete(mm->swap, mm->now, &req)) {
		if (req.op == SWAP_OP_READ)
			swapin_done(mm, &req);
		else
			mm_writeback_done(mm, &req);
		n++;
	}
	mm->poll_completions = n;
	return n;
}

static u32 saturate_u32(u64 v)
{
	return v > 0xffffffffull ? 0xffffffffu : (u32)v;
}

/*
 * Cycles of the fault just handled. A NOFRAME fault's cycles (reclaim
 * work) are carried into the same page's next fault, which is the one
 * that brings it in.
 */
void mm_account_fault(struct mm *mm, u64 cycles)
{
	struct gfn_entry *e;

	if (mm->carry_gfn == mm->last_gfn) {
		cycles += mm->carry_cycles;
		mm->carry_cycles = 0;
	}
	switch (mm->last_fault) {
	case MM_FAULT_ZERO:
		lat_hist_add(&mm->lat_zero, cycles);
		break;
	case MM_FAULT_SWAPIN:
		e = &mm->gfns[mm->last_gfn];
		e->fault_cycles = saturate_u32(cycles);
		break;
	case MM_FAULT_NOFRAME:
		mm->carry_gfn = mm->last_gfn;
		mm->carry_cycles = cycles;
		break;
	default:
		break;
	}
}

/* Cycles of the last mm_swap_poll(), shared equally by its completions. */
void mm_account_poll(struct mm *mm, u64 cycles)
{
	u64 share;
	u32 n = MIN(mm->poll_swapins, (u32)MM_POLL_SAMPLES);

	if (mm->poll_completions == 0)
		return;
	share = cycles / mm->poll_completions;
	for (u32 i = 0; i < n; i++)
		lat_hist_add(&mm->lat_swapin,
			     mm->gfns[mm->poll_gfn[i]].fault_cycles + share);
	mm->poll_completions = 0;
	mm->poll_swapins = 0;
}
