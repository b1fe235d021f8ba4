/* mm/mm_internal.h - helpers shared by mm/mmu.c, mm/evict.c, mm/pager.c and mm/check.c; not for other folders. */
#ifndef FAULTLINE_MM_INTERNAL_H
#define FAULTLINE_MM_INTERNAL_H

#include "mmu.h"

/*
 * Leaf bits for a page faultline maps: guest RAM, with the accessed bit
 * preset so CLOCK gives a page just brought in one full turn before it
 * can be a victim, even if the instruction that faulted has not run yet.
 */
#define MM_LEAF_BITS	(EPT_LEAF_RAM | VMX_EPT_ACCESS_BIT)

/*
 * A zero-filled page has no copy anywhere: it is dirty from birth, so it
 * is mapped with D set. Under software A/D (EPT_AD_SW) that also maps it
 * writable at once, sparing an EPT violation on its first write.
 */
#define MM_LEAF_BITS_NEW	(MM_LEAF_BITS | VMX_EPT_DIRTY_BIT)

/* mm->serving_gfn when no fault is being served. */
#define MM_NO_GFN		(~0ull)

/* Accessed bits one CLOCK pick tests before it takes a page anyway. */
#define MM_CLOCK_TESTS_MAX	8
/* Evictions one mm_reclaim_idle() call starts at most. */
#define MM_RECLAIM_IDLE_MAX	32

static inline hpa_t mm_frame_hpa(const struct mm *mm, u32 frame)
{
	return mm->frames->mem.hpa + (u64)frame * PAGE_SIZE;
}

static inline u32 mm_frame_index(const struct mm *mm, hpa_t hpa)
{
	return (u32)((hpa - mm->frames->mem.hpa) / PAGE_SIZE);
}

/*
 * Per-stage timing of a fault (mm_fault_stages, mm_swapin_stages): a TSC
 * less the trace's own cycles so far, so a stage holding a record (an
 * eviction's, a submit's) is timed without it; while the trace records
 * every event, else 0. The fault path asks mm_stages_timed() once and
 * runs a copy without stamps when it says no (mm/mmu.c), so trace=off
 * pays one patched NOP a fault there, and one a stamp of a completion
 * (mm/pager.c); host tests a test of the level; a build without tracing
 * nothing.
 */
static inline bool mm_stages_timed(void)
{
#if defined(FL_NO_TRACE)
	return false;
#elif defined(FL_JUMP_LABEL)
	return static_branch_unlikely(&trace_full_key) && trace_buffer.clock;
#else
	return trace_buffer.level == TRACE_FULL && trace_buffer.clock;
#endif
}

/* The stage clock itself: only where mm_stages_timed() said yes. */
static inline u64 mm_stage_now(void)
{
	return trace_clock() - trace_buffer.self_cycles;
}

static inline u64 mm_stage_clock(void)
{
	return mm_stages_timed() ? mm_stage_now() : 0;
}

/* Stage boundaries of one fault, in mm_stage_clock() TSCs. */
enum mm_stage {
	MM_STAGE_START,		/* faultin_gfn() entered */
	MM_STAGE_CLASSIFIED,	/* its state looked at: what to do */
	MM_STAGE_FRAME,		/* a frame in hand */
	MM_STAGE_DATA,		/* zeroed, or the read submitted */
	MM_STAGE_MAPPED,	/* EPT maps it (zero-fill) */
	NR_MM_STAGES,
};

/* Time only moves forward, whatever order callers pass it in. */
static inline void mm_advance(struct mm *mm, u64 now)
{
	mm->now = MAX(mm->now, now);
}

/* The one door to gfn_set_state(): a refusal is counted, never ignored. */
static inline bool mm_set_state(struct mm *mm, struct gfn_entry *e,
				enum gfn_state to)
{
	if (gfn_set_state(e, to) == 0)
		return true;
	mm->stats.state_errors++;
	return false;
}

static inline void mm_update_slot_stat(struct mm *mm)
{
	mm->stats.swap_slots_used = swap_slots_used(&mm->slots);
}

/* mm/evict.c */
enum evict_result {
	EVICT_FREED,		/* a frame went back to the pool */
	EVICT_WRITEBACK,	/* a write-back started; its frame frees later */
	EVICT_NONE,		/* no victim, or none could be written */
};

u32 mm_clock_pick(struct mm *mm);
enum evict_result mm_evict_frame(struct mm *mm, u32 frame);
enum evict_result mm_reclaim(struct mm *mm);
void mm_writeback_done(struct mm *mm, const struct swap_req *req);

#endif
