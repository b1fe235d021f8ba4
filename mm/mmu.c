/* mm/mmu.c - the hypervisor's page-fault path for guest memory. KVM: arch/x86/kvm/mmu/mmu.c (kvm_mmu_page_fault, direct_page_fault, kvm_faultin_pfn). */
#include "mm_internal.h"
#include "page.h"
#include "../include/lib.h"

static bool gpa_in_guest(const struct mm *mm, gpa_t gpa)
{
	return gpa < mm->guest_mem;
}

/*
 * A frame for a page about to come in: from the pool; else, with
 * write-backs in flight, RET_PF_RETRY at once: the vCPU waits for one,
 * and reclaim runs in that wait (mm_reclaim_idle), not in the fault;
 * else one eviction here (a clean page frees its frame now, a dirty one
 * starts the write-back to wait for). RET_PF_NOMEM when nothing will.
 */
static enum ret_pf get_frame(struct mm *mm, u32 *frame)
{
	hpa_t hpa = frame_alloc(mm->frames);

	if (hpa == FRAME_NONE && !mm->writebacks_in_flight &&
	    mm_reclaim(mm) == EVICT_FREED)
		hpa = frame_alloc(mm->frames);
	if (hpa != FRAME_NONE) {
		*frame = mm_frame_index(mm, hpa);
		return RET_PF_FIXED;
	}
	return mm->swap->queued ? RET_PF_RETRY : RET_PF_NOMEM;
}

/*
 * Map frame at gfn and make it the page's: the end of every way in.
 * leaf_bits: MM_LEAF_BITS_NEW for a page with no copy anywhere,
 * MM_LEAF_BITS for one whose swap copy is still good (clean).
 */
static bool install(struct mm *mm, gfn_t gfn, struct gfn_entry *e, u32 frame,
		    u64 leaf_bits)
{
	if (ept_map_4k_spte(mm->ept, gfn_to_gpa(gfn), mm_frame_hpa(mm, frame),
			    leaf_bits, &mm->sptep[frame]) != EPT_OK ||
	    !mm_set_state(mm, e, GFN_RESIDENT)) {
		ept_unmap_4k(mm->ept, gfn_to_gpa(gfn));
		return false;
	}
	e->frame = frame;
	mm->rmap[frame] = (u32)gfn;
	return true;
}

/* The stages of a fault that got its page, for the trace. */
static void trace_stages(const u64 *t, enum mm_stage last)
{
	trace(TRACE_mm_fault_stages, t[MM_STAGE_CLASSIFIED] - t[MM_STAGE_START],
	      t[MM_STAGE_FRAME] - t[MM_STAGE_CLASSIFIED],
	      t[MM_STAGE_DATA] - t[MM_STAGE_FRAME],
	      last == MM_STAGE_MAPPED ? t[MM_STAGE_MAPPED] - t[MM_STAGE_DATA]
				      : 0);
}

/*
 * A fault's stage stamps exist only in the timed copy of the fault path
 * (faultin_gfn(), while the trace records every event): the untimed copy
 * has none, so trace=off pays one patched NOP a fault for the choice,
 * not one a stage. timed is a constant in each copy.
 */
#define FAULT_PATH static inline __attribute__((always_inline))

FAULT_PATH void stamp(u64 *t, enum mm_stage stage, bool timed)
{
	if (timed)
		t[stage] = mm_stage_now();
}

/* t: stage TSCs when timed, t[MM_STAGE_START] set by the caller. */
FAULT_PATH enum ret_pf zero_fill(struct mm *mm, gfn_t gfn,
				 struct gfn_entry *e, u64 *t, bool timed)
{
	u32 frame;
	enum ret_pf r;

	stamp(t, MM_STAGE_CLASSIFIED, timed);
	r = get_frame(mm, &frame);
	if (r != RET_PF_FIXED)
		return r;
	stamp(t, MM_STAGE_FRAME, timed);
	clear_page(frame_virt(mm->frames, mm_frame_hpa(mm, frame)));
	stamp(t, MM_STAGE_DATA, timed);
	if (!install(mm, gfn, e, frame, MM_LEAF_BITS_NEW)) {
		frame_free(mm->frames, mm_frame_hpa(mm, frame));
		return RET_PF_NOMEM;
	}
	stamp(t, MM_STAGE_MAPPED, timed);
	return RET_PF_FIXED;
}

/*
 * Its only copy is in slot e->slot: read it into a frame. KVM:
 * kvm_faultin_pfn(), whose swap-in hides behind get_user_pages().
 */
FAULT_PATH enum ret_pf swap_in(struct mm *mm, struct mmu_fault *fault,
			       struct gfn_entry *e, u64 *t, bool timed)
{
	struct swap_req req;
	u32 frame;
	enum ret_pf r;

	stamp(t, MM_STAGE_CLASSIFIED, timed);
	r = get_frame(mm, &frame);
	if (r != RET_PF_FIXED)
		return r;
	stamp(t, MM_STAGE_FRAME, timed);
	req = (struct swap_req){ .op = SWAP_OP_READ, .slot = e->slot,
				 .frame = mm_frame_hpa(mm, frame),
				 .gfn = fault->gfn };
	if (swap_submit(mm->swap, &req, mm->now) ||
	    !mm_set_state(mm, e, GFN_IN_FLIGHT)) {
		frame_free(mm->frames, req.frame);
		return mm->swap->queued ? RET_PF_RETRY : RET_PF_NOMEM;
	}
	e->frame = frame;
	mm->rmap[frame] = (u32)fault->gfn;
	mm->stats.faults_swapin++;
	fault->kind = MM_FAULT_SWAPIN;
	if (timed) {
		stamp(t, MM_STAGE_DATA, timed);
		trace_stages(t, MM_STAGE_DATA);
	}
	return RET_PF_RETRY;
}

/*
 * Touched while its write-back runs: the frame still holds the data, so
 * map it again at once; mm_writeback_done() will then keep the frame.
 */
static enum ret_pf rescue(struct mm *mm, struct mmu_fault *fault,
			  struct gfn_entry *e)
{
	if (!install(mm, fault->gfn, e, e->frame, MM_LEAF_BITS))
		return RET_PF_NOMEM;
	e->flags |= GFN_F_WB_PENDING;
	mm->stats.faults_rescue++;
	fault->kind = MM_FAULT_RESCUE;
	return RET_PF_FIXED;
}

/*
 * A fault on a page that is mapped: under software A/D (EPT_AD_SW) its
 * first access since CLOCK aged it, or its first write since it was
 * clean, and ept_fast_page_fault() gives the rights back (RET_PF_FIXED);
 * otherwise a stale translation (RET_PF_SPURIOUS). KVM: fast_page_fault().
 */
static enum ret_pf mapped_fault(struct mm *mm, struct mmu_fault *fault)
{
	if (ept_fast_page_fault(mm->ept, gfn_to_gpa(fault->gfn),
				fault->error_code & PFERR_WRITE_MASK)) {
		mm->stats.faults_fast++;
		fault->kind = MM_FAULT_FAST;
		return RET_PF_FIXED;
	}
	mm->stats.faults_spurious++;
	fault->kind = MM_FAULT_SPURIOUS;
	return RET_PF_SPURIOUS;
}

/*
 * Bring the faulting page in, by its state: the one classifier, whatever
 * the configuration.
 *   RESIDENT   already mapped: software A/D tracking (RET_PF_FIXED,
 *              MM_FAULT_FAST) or a stale TLB entry (RET_PF_SPURIOUS);
 *   UNBACKED   first touch: zeroed frame (RET_PF_FIXED);
 *   WRITEBACK  being written out: remap the same frame (RET_PF_FIXED);
 *   SWAPPED    submit the read (RET_PF_RETRY, MM_FAULT_SWAPIN);
 *   IN_FLIGHT  already coming: wait with the others (RET_PF_RETRY).
 * Any that needs a frame may instead wait for one (RET_PF_RETRY,
 * MM_FAULT_NOFRAME) or find none (RET_PF_NOMEM: the pool is full and
 * nothing can be evicted, as always with a swap device of no slots).
 */
FAULT_PATH enum ret_pf faultin_gfn_path(struct mm *mm,
					struct mmu_fault *fault, bool timed)
{
	struct gfn_entry *e = &mm->gfns[fault->gfn];
	u64 t[NR_MM_STAGES];	/* each stage sets its own: no zeroing */
	enum ret_pf r;

	stamp(t, MM_STAGE_START, timed);
	mm->serving_gfn = fault->gfn;
	switch ((enum gfn_state)e->state) {
	case GFN_RESIDENT:
		r = mapped_fault(mm, fault);
		break;
	case GFN_IN_FLIGHT:
		mm->stats.faults_joined++;
		fault->kind = MM_FAULT_JOINED;
		r = RET_PF_RETRY;
		break;
	case GFN_WRITEBACK:
		r = rescue(mm, fault, e);
		break;
	case GFN_UNBACKED:
		r = zero_fill(mm, fault->gfn, e, t, timed);
		if (r == RET_PF_FIXED) {
			mm->stats.faults_zero++;
			fault->kind = MM_FAULT_ZERO;
			if (timed)
				trace_stages(t, MM_STAGE_MAPPED);
		}
		break;
	case GFN_SWAPPED:
		r = swap_in(mm, fault, e, t, timed);
		break;
	default:
		mm->stats.state_errors++;
		r = RET_PF_NOMEM;
		break;
	}
	if (r == RET_PF_RETRY && fault->kind == MM_FAULT_NONE) {
		mm->stats.faults_noframe++;
		fault->kind = MM_FAULT_NOFRAME;
	} else if (r == RET_PF_NOMEM) {
		fault->kind = MM_FAULT_NOMEM;
	}
	mm->serving_gfn = MM_NO_GFN;
	return r;
}

/* The one choice trace=off pays for: which copy of the path runs. */
static enum ret_pf faultin_gfn(struct mm *mm, struct mmu_fault *fault)
{
	if (mm_stages_timed())
		return faultin_gfn_path(mm, fault, true);
	return faultin_gfn_path(mm, fault, false);
}

/*
 * The guest touched fault->gpa and EPT said no: outside guest memory
 * (RET_PF_OUTSIDE), or see faultin_gfn(). Guest RAM is RWX, so any access
 * is served alike; error_code's write bit matters only to software A/D.
 * KVM: kvm_mmu_page_fault().
 */
enum ret_pf mmu_page_fault(struct mm *mm, struct mmu_fault *fault)
{
	mm_advance(mm, fault->exit_tsc);
	mm->stats.ept_violations++;
	fault->kind = MM_FAULT_NONE;
	if (!gpa_in_guest(mm, fault->gpa)) {
		fault->kind = MM_FAULT_OUTSIDE;
		return RET_PF_OUTSIDE;
	}
	return faultin_gfn(mm, fault);
}

enum ret_pf mmu_fault_again(struct mm *mm, struct mmu_fault *fault, u64 now)
{
	mm_advance(mm, now);
	fault->kind = MM_FAULT_NONE;
	return faultin_gfn(mm, fault);
}

void *mm_populate(struct mm *mm, gpa_t gpa)
{
	struct gfn_entry *e;

	if (!gpa_in_guest(mm, gpa))
		return NULL;
	e = &mm->gfns[gpa_to_gfn(gpa)];
	if (e->state == GFN_UNBACKED) {
		if (zero_fill(mm, gpa_to_gfn(gpa), e, NULL, false) != RET_PF_FIXED)
			return NULL;
		mm->stats.pages_populated++;
	}
	if (e->state != GFN_RESIDENT)
		return NULL;		/* its data is elsewhere: never zero it */
	if (gfn_pin(e)) {
		mm->stats.pin_errors++;
		return NULL;
	}
	return mm_gpa_to_virt(mm, gpa & PAGE_MASK);
}

/* The byte at gpa in its frame, or NULL if not resident. Marks nothing. */
static u8 *gpa_to_virt(struct mm *mm, gpa_t gpa)
{
	hpa_t hpa;

	if (!gpa_in_guest(mm, gpa))
		return NULL;
	hpa = ept_translate(mm->ept, gpa);
	if (hpa == FRAME_NONE)
		return NULL;
	return (u8 *)frame_virt(mm->frames, hpa) + (gpa & ~PAGE_MASK);
}

void *mm_gpa_to_virt(struct mm *mm, gpa_t gpa)
{
	u8 *p = gpa_to_virt(mm, gpa);

	/* The caller writes: no CPU will set D for it (see mmu.h). */
	if (p)
		ept_mark_accessed_dirty(mm->ept, gpa & PAGE_MASK);
	return p;
}

const void *mm_gpa_to_virt_read(struct mm *mm, gpa_t gpa)
{
	u8 *p = gpa_to_virt(mm, gpa);

	/* A read leaves D alone: a clean page keeps its swap copy. */
	if (p)
		ept_mark_accessed(mm->ept, gpa & PAGE_MASK);
	return p;
}

enum ret_pf mm_pin_page(struct mm *mm, gpa_t gpa, u64 now)
{
	struct mmu_fault fault = mmu_fault_init(gpa, 0, now);
	enum ret_pf r;

	mm_advance(mm, now);
	if (!gpa_in_guest(mm, gpa))
		return RET_PF_OUTSIDE;
	r = faultin_gfn(mm, &fault);
	if (r != RET_PF_FIXED && r != RET_PF_SPURIOUS)
		return r;
	if (gfn_pin(&mm->gfns[fault.gfn])) {
		mm->stats.pin_errors++;		/* GFN_PINS_MAX: a leak */
		return RET_PF_NOMEM;
	}
	return r;
}

int mm_unpin_page(struct mm *mm, gpa_t gpa)
{
	if (gpa_in_guest(mm, gpa) && !gfn_unpin(&mm->gfns[gpa_to_gfn(gpa)]))
		return 0;
	mm->stats.pin_errors++;		/* not pinned: a double unpin */
	return -1;
}

enum gfn_state mm_gfn_state(const struct mm *mm, gpa_t gpa)
{
	if (!gpa_in_guest(mm, gpa))
		return GFN_UNBACKED;
	return (enum gfn_state)mm->gfns[gpa_to_gfn(gpa)].state;
}
