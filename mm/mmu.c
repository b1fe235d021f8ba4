/* mm/mmu.c - the hypervisor's page-fault path for guest memory. KVM: arch/x86/kvm/mmu/mmu.c (kvm_mmu_page_fault, direct_page_fault, kvm_faultin_pfn). */
#include "mm_internal.h"
#include "../include/lib.h"

void mm_init(struct mm *mm, u64 guest_mem, struct frame_pool *frames,
	     struct ept *ept)
{
	memset(mm, 0, sizeof(*mm));
	mm->guest_mem = guest_mem;
	mm->frames = frames;
	mm->ept = ept;
	lat_hist_init(&mm->lat_zero);
	lat_hist_init(&mm->lat_swapin);
}

static bool gpa_in_guest(const struct mm *mm, gpa_t gpa)
{
	return gpa < mm->guest_mem;
}

/* ---- before mm_swap_init(): demand-zero only, EPT is the state ---- */

static void *back_with_zero_frame(struct mm *mm, gpa_t gpa)
{
	hpa_t hpa = frame_alloc_zeroed(mm->frames);

	if (hpa == FRAME_NONE)
		return NULL;
	if (ept_map_4k(mm->ept, gpa & PAGE_MASK, hpa, MM_LEAF_BITS) != EPT_OK) {
		frame_free(mm->frames, hpa);
		return NULL;
	}
	return frame_virt(mm->frames, hpa);
}

static enum ret_pf zero_only_fault(struct mm *mm, gpa_t gpa)
{
	if (ept_translate(mm->ept, gpa) != FRAME_NONE) {
		mm->last_fault = MM_FAULT_SPURIOUS;
		return RET_PF_SPURIOUS;
	}
	if (!back_with_zero_frame(mm, gpa)) {
		mm->last_fault = MM_FAULT_NOMEM;
		return RET_PF_NOMEM;
	}
	mm->stats.faults_zero++;
	mm->last_fault = MM_FAULT_ZERO;
	return RET_PF_FIXED;
}

/* ---- with swap: the GFN table is the state ---- */

/*
 * A frame for a page about to come in: from the pool, else by reclaim.
 * RET_PF_RETRY when only a write-back (or a swap-in holding frames) can
 * free one; RET_PF_NOMEM when nothing will.
 */
static enum ret_pf get_frame(struct mm *mm, u32 *frame)
{
	hpa_t hpa = frame_alloc(mm->frames);

	if (hpa == FRAME_NONE && mm_reclaim(mm) == EVICT_FREED)
		hpa = frame_alloc(mm->frames);
	if (hpa != FRAME_NONE) {
		*frame = mm_frame_index(mm, hpa);
		return RET_PF_FIXED;
	}
	return mm->swap->queued ? RET_PF_RETRY : RET_PF_NOMEM;
}

/* Map frame at gfn and make it the page's: the end of every way in. */
static bool install(struct mm *mm, gfn_t gfn, struct gfn_entry *e, u32 frame)
{
	if (ept_map_4k(mm->ept, gfn_to_gpa(gfn), mm_frame_hpa(mm, frame),
		       MM_LEAF_BITS) != EPT_OK || !mm_set_state(mm, e,
								GFN_RESIDENT)) {
		ept_unmap_4k(mm->ept, gfn_to_gpa(gfn));
		return false;
	}
	e->frame = frame;
	mm->rmap[frame] = (u32)gfn;
	return true;
}

static enum ret_pf zero_fill(struct mm *mm, gfn_t gfn, struct gfn_entry *e)
{
	u32 frame;
	enum ret_pf r = get_frame(mm, &frame);

	if (r != RET_PF_FIXED)
		return r;
	memset(frame_virt(mm->frames, mm_frame_hpa(mm, frame)), 0, PAGE_SIZE);
	if (!install(mm, gfn, e, frame)) {
		frame_free(mm->frames, mm_frame_hpa(mm, frame));
		return RET_PF_NOMEM;
	}
	return RET_PF_FIXED;
}

/*
 * Its only copy is in slot e->slot: read it into a frame. KVM:
 * kvm_faultin_pfn(), whose swap-in hides behind get_user_pages().
 */
static enum ret_pf swap_in(struct mm *mm, gfn_t gfn, struct gfn_entry *e)
{
	struct swap_req req;
	u32 frame;
	enum ret_pf r = get_frame(mm, &frame);

	if (r != RET_PF_FIXED)
		return r;
	req = (struct swap_req){ .op = SWAP_OP_READ, .slot = e->slot,
				 .frame = mm_frame_hpa(mm, frame), .gfn = gfn };
	if (swap_submit(mm->swap, &req, mm->now) ||
	    !mm_set_state(mm, e, GFN_IN_FLIGHT)) {
		frame_free(mm->frames, req.frame);
		return mm->swap->queued ? RET_PF_RETRY : RET_PF_NOMEM;
	}
	e->frame = frame;
	e->fault_cycles = 0;
	mm->rmap[frame] = (u32)gfn;
	mm->stats.faults_swapin++;
	mm->last_fault = MM_FAULT_SWAPIN;
	return RET_PF_RETRY;
}

/*
 * Touched while its write-back runs: the frame still holds the data, so
 * map it again at once; mm_writeback_done() will then keep the frame.
 */
static enum ret_pf rescue(struct mm *mm, gfn_t gfn, struct gfn_entry *e)
{
	u32 frame = e->frame;

	if (!install(mm, gfn, e, frame))
		return RET_PF_NOMEM;
	e->flags |= GFN_F_WB_PENDING;
	mm->stats.faults_rescue++;
	mm->last_fault = MM_FAULT_RESCUE;
	return RET_PF_FIXED;
}

/*
 * Bring gfn's page in, by its state:
 *   RESIDENT   already mapped: a stale TLB entry (RET_PF_SPURIOUS);
 *   UNBACKED   first touch: zeroed frame (RET_PF_FIXED);
 *   WRITEBACK  being written out: remap the same frame (RET_PF_FIXED);
 *   SWAPPED    submit the read (RET_PF_RETRY, MM_FAULT_SWAPIN);
 *   IN_FLIGHT  already coming: wait with the others (RET_PF_RETRY).
 * Any that needs a frame may instead wait for one (RET_PF_RETRY,
 * MM_FAULT_NOFRAME) or find none (RET_PF_NOMEM).
 */
static enum ret_pf faultin_gfn(struct mm *mm, gfn_t gfn)
{
	struct gfn_entry *e = &mm->gfns[gfn];
	enum ret_pf r;

	mm->serving_gfn = gfn;
	switch ((enum gfn_state)e->state) {
	case GFN_RESIDENT:
		mm->last_fault = MM_FAULT_SPURIOUS;
		r = RET_PF_SPURIOUS;
		break;
	case GFN_IN_FLIGHT:
		mm->stats.faults_joined++;
		mm->last_fault = MM_FAULT_JOINED;
		r = RET_PF_RETRY;
		break;
	case GFN_WRITEBACK:
		r = rescue(mm, gfn, e);
		break;
	case GFN_UNBACKED:
		r = zero_fill(mm, gfn, e);
		if (r == RET_PF_FIXED) {
			mm->stats.faults_zero++;
			mm->last_fault = MM_FAULT_ZERO;
		}
		break;
	case GFN_SWAPPED:
		r = swap_in(mm, gfn, e);
		break;
	default:
		mm->stats.state_errors++;
		r = RET_PF_NOMEM;
		break;
	}
	if (r == RET_PF_RETRY && mm->last_fault == MM_FAULT_NONE) {
		mm->stats.faults_noframe++;
		mm->last_fault = MM_FAULT_NOFRAME;
	} else if (r == RET_PF_NOMEM) {
		mm->last_fault = MM_FAULT_NOMEM;
	}
	mm_reclaim_background(mm);
	mm->serving_gfn = MM_NO_GFN;
	return r;
}

enum ret_pf mmu_page_fault_at(struct mm *mm, gpa_t gpa, u64 error_code,
			      u64 now)
{
	(void)error_code;	/* guest RAM is RWX: any access is served alike */
	mm_advance(mm, now);
	mm->stats.ept_violations++;
	mm->last_fault = MM_FAULT_NONE;
	mm->last_gfn = gpa_to_gfn(gpa);
	if (!gpa_in_guest(mm, gpa)) {
		mm->last_fault = MM_FAULT_OUTSIDE;
		return RET_PF_OUTSIDE;
	}
	if (!mm->gfns)
		return zero_only_fault(mm, gpa);
	return faultin_gfn(mm, gpa_to_gfn(gpa));
}

/*
 * The guest touched gpa and EPT said no: outside guest memory
 * (RET_PF_OUTSIDE), or see faultin_gfn(). Before swap is on, a mapped
 * GPA is spurious, an unmapped one gets a zeroed frame or RET_PF_NOMEM.
 */
enum ret_pf mmu_page_fault(struct mm *mm, gpa_t gpa, u64 error_code)
{
	return mmu_page_fault_at(mm, gpa, error_code, mm->now);
}

void *mm_populate(struct mm *mm, gpa_t gpa)
{
	struct gfn_entry *e;
	u8 *page;

	if (!gpa_in_guest(mm, gpa))
		return NULL;
	if (!mm->gfns) {
		page = mm_gpa_to_virt(mm, gpa & PAGE_MASK);
		if (page)
			return page;
		page = back_with_zero_frame(mm, gpa);
		if (page)
			mm->stats.pages_populated++;
		return page;
	}
	e = &mm->gfns[gpa_to_gfn(gpa)];
	if (e->state == GFN_UNBACKED) {
		if (zero_fill(mm, gpa_to_gfn(gpa), e) != RET_PF_FIXED)
			return NULL;
		mm->stats.pages_populated++;
	}
	if (e->state != GFN_RESIDENT)
		return NULL;		/* its data is elsewhere: never zero it */
	e->flags |= GFN_F_PINNED;
	return mm_gpa_to_virt(mm, gpa & PAGE_MASK);
}

void *mm_gpa_to_virt(struct mm *mm, gpa_t gpa)
{
	hpa_t hpa;
	u64 *leaf;

	if (!gpa_in_guest(mm, gpa))
		return NULL;
	hpa = ept_translate(mm->ept, gpa);
	if (hpa == FRAME_NONE)
		return NULL;
	/* The caller may write: no CPU will set D for it (see mmu.h). */
	leaf = ept_lookup(mm->ept, gpa);
	if (mm->gfns)
		*leaf |= VMX_EPT_ACCESS_BIT | VMX_EPT_DIRTY_BIT;
	return (u8 *)frame_virt(mm->frames, hpa) + (gpa & ~PAGE_MASK);
}

enum ret_pf mm_pin_page(struct mm *mm, gpa_t gpa, u64 now)
{
	enum ret_pf r;

	mm_advance(mm, now);
	if (!gpa_in_guest(mm, gpa))
		return RET_PF_OUTSIDE;
	if (!mm->gfns)
		return mm_populate(mm, gpa) ? RET_PF_FIXED : RET_PF_NOMEM;
	mm->last_fault = MM_FAULT_NONE;
	r = faultin_gfn(mm, gpa_to_gfn(gpa));
	if (r == RET_PF_FIXED || r == RET_PF_SPURIOUS)
		mm->gfns[gpa_to_gfn(gpa)].flags |= GFN_F_PINNED;
	return r;
}

void mm_unpin_page(struct mm *mm, gpa_t gpa)
{
	if (mm->gfns && gpa_in_guest(mm, gpa))
		mm->gfns[gpa_to_gfn(gpa)].flags &= (u8)~GFN_F_PINNED;
}

enum gfn_state mm_gfn_state(const struct mm *mm, gpa_t gpa)
{
	if (!gpa_in_guest(mm, gpa))
		return GFN_UNBACKED;
	if (!mm->gfns)
		return ept_translate(mm->ept, gpa) == FRAME_NONE ?
		       GFN_UNBACKED : GFN_RESIDENT;
	return (enum gfn_state)mm->gfns[gpa_to_gfn(gpa)].state;
}
