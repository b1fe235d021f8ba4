/* tests/unit/test_evict.c - host tests for mm/evict.c: CLOCK victim choice from A/D bits, clean drop vs write-back, rescue, pinning, swap full. */
#include <criterion/criterion.h>
#include "mm_fixture.h"
#include "../../mm/mm_internal.h"

static struct mm_fixture f;

static void teardown(void) { mm_fixture_fini(&f); }

/* Fill frames 0..n-1 with gfns 0..n-1 (writes), then clear every A bit as if CLOCK had passed. */
static void fill_and_age(u64 n)
{
	for (gfn_t g = 0; g < n; g++)
		touch(&f, g, ACCESS_WRITE);
	for (gfn_t g = 0; g < n; g++)
		*leaf_of(&f, g) &= ~VMX_EPT_ACCESS_BIT;
	f.fe.invepts = 0;
}

static u32 frame_of(gfn_t gfn)
{
	return f.mm.gfns[gfn].frame;
}

/* With A set on gfns 0 and 1 only, does CLOCK pick gfn 2, clear 0's and 1's A, and INVEPT once? */
Test(mm_clock_pick, skips_accessed_pages, .fini = teardown)
{
	mm_fixture_init(&f, 4, 8, 8);
	fill_and_age(4);
	*leaf_of(&f, 0) |= VMX_EPT_ACCESS_BIT;
	*leaf_of(&f, 1) |= VMX_EPT_ACCESS_BIT;
	f.mm.clock_hand = frame_of(0);
	cr_assert_eq(mm_clock_pick(&f.mm), frame_of(2));
	cr_assert_eq(*leaf_of(&f, 0) & VMX_EPT_ACCESS_BIT, 0);
	cr_assert_eq(*leaf_of(&f, 1) & VMX_EPT_ACCESS_BIT, 0);
	cr_assert_eq(fake_vm_entry(&f.fe), 1, "one flush for the whole sweep");
	cr_assert_eq(f.mm.clock_hand, (frame_of(2) + 1) % 4);
}

/* Does a victim choice leave dirty bits alone and need no flush when nothing was cleared? */
Test(mm_clock_pick, cold_page_no_flush, .fini = teardown)
{
	mm_fixture_init(&f, 4, 8, 8);
	fill_and_age(4);
	f.mm.clock_hand = frame_of(3);
	cr_assert_eq(mm_clock_pick(&f.mm), frame_of(3));
	cr_assert_eq(fake_vm_entry(&f.fe), 0);
	cr_assert(*leaf_of(&f, 3) & VMX_EPT_DIRTY_BIT);
}

/* When every page is accessed, does the second turn pick the page at the hand? */
Test(mm_clock_pick, all_accessed_second_turn, .fini = teardown)
{
	mm_fixture_init(&f, 4, 8, 8);
	fill_and_age(4);
	for (gfn_t g = 0; g < 4; g++)
		*leaf_of(&f, g) |= VMX_EPT_ACCESS_BIT;
	f.mm.clock_hand = frame_of(1);
	cr_assert_eq(mm_clock_pick(&f.mm), frame_of(1));
	cr_assert_eq(fake_vm_entry(&f.fe), 1);
}

/* Are pinned pages and pages with a write-back pending never picked, and nothing found when all are? */
Test(mm_clock_pick, pinned_and_pending_skipped, .fini = teardown)
{
	mm_fixture_init(&f, 3, 8, 8);
	fill_and_age(3);
	f.mm.gfns[0].pins = 1;
	f.mm.gfns[1].flags |= GFN_F_WB_PENDING;
	f.mm.clock_hand = frame_of(0);
	cr_assert_eq(mm_clock_pick(&f.mm), frame_of(2));
	f.mm.gfns[2].pins = 1;
	cr_assert_eq(mm_clock_pick(&f.mm), GFN_FRAME_NONE);
	f.mm.gfns[1].flags = 0;	/* keep the fixture's invariants */
}

/* Is a clean page that already has a swap copy dropped without a write? */
Test(mm_evict_frame, clean_page_with_slot_skips_write, .fini = teardown)
{
	mm_fixture_init(&f, 1, 2, 4);
	touch(&f, 0, ACCESS_WRITE);	/* GFN 0: zero-filled, dirty */
	touch(&f, 1, ACCESS_READ);	/* evicts GFN 0: its one swap write */
	touch(&f, 0, ACCESS_READ);	/* GFN 0 swapped back in, clean */
	touch(&f, 1, ACCESS_READ);	/* evicts GFN 0 again */

	cr_assert_eq(gfn_state_of(&f, 0), GFN_SWAPPED);
	cr_assert_eq(f.writes_of[0], 1);
	cr_assert_eq(f.mm.stats.clean_drops, 1);
	assert_verified(&f);
}

/* Is a page written again after swap-in evicted with a second write to the same slot? */
Test(mm_evict_frame, redirtied_page_written_again, .fini = teardown)
{
	u32 slot;

	mm_fixture_init(&f, 1, 2, 4);
	touch(&f, 0, ACCESS_WRITE)[0] = 1;
	touch(&f, 1, ACCESS_READ);
	slot = f.mm.gfns[0].slot;
	touch(&f, 0, ACCESS_WRITE)[0] = 2;
	touch(&f, 1, ACCESS_READ);
	cr_assert_eq(f.writes_of[0], 2);
	cr_assert_eq(f.mm.gfns[0].slot, slot, "the page keeps its slot");
	cr_assert_eq(touch(&f, 0, ACCESS_READ)[0], 2);
	assert_verified(&f);
}

/* Does a page with no swap copy get written even though EPT says clean? */
Test(mm_evict_frame, clean_without_slot_written, .fini = teardown)
{
	mm_fixture_init(&f, 1, 2, 4);
	touch(&f, 0, ACCESS_READ);	/* zero page, never written */
	touch(&f, 1, ACCESS_READ);
	cr_assert_eq(f.writes_of[0], 1);
	cr_assert_eq(f.mm.stats.clean_drops, 0);
}

/* Does a dirty victim go to WRITEBACK unmapped, keep its frame until the write completes, then free it? */
Test(mm_evict_frame, writeback_holds_frame_until_done, .fini = teardown)
{
	u32 frame;

	mm_fixture_init(&f, 2, 4, 4);
	fill_and_age(2);
	frame = frame_of(0);
	cr_assert_eq(mm_evict_frame(&f.mm, frame), EVICT_WRITEBACK);
	cr_assert_eq(gfn_state_of(&f, 0), GFN_WRITEBACK);
	cr_assert_eq(ept_translate(&f.fe.ept, 0), FRAME_NONE);
	cr_assert_eq(fake_vm_entry(&f.fe), 1, "unmap flushed");
	cr_assert_eq(frame_pool_used(&f.frames.pool), 2);
	assert_verified(&f);
	wait_for_io(&f);
	cr_assert_eq(gfn_state_of(&f, 0), GFN_SWAPPED);
	cr_assert_eq(frame_pool_used(&f.frames.pool), 1);
	assert_verified(&f);
}

/* Is a page touched during its write-back remapped at once with its data, and kept when the write completes? */
Test(mm_evict_frame, touch_during_writeback_rescues, .fini = teardown)
{
	struct mmu_fault fl;
	u8 *p;

	mm_fixture_init(&f, 2, 4, 4);
	fill_and_age(2);
	touch(&f, 0, ACCESS_WRITE)[100] = 0x5c;
	cr_assert_eq(mm_evict_frame(&f.mm, frame_of(0)), EVICT_WRITEBACK);
	cr_assert_eq(fault_on(&f, 0, PFERR_WRITE_MASK, &fl),
		     RET_PF_FIXED);
	cr_assert_eq(fl.kind, MM_FAULT_RESCUE);
	cr_assert_eq(gfn_state_of(&f, 0), GFN_RESIDENT);
	cr_assert(f.mm.gfns[0].flags & GFN_F_WB_PENDING);
	assert_verified(&f);
	p = touch(&f, 0, ACCESS_WRITE);
	cr_assert_eq(p[100], 0x5c);
	p[200] = 0x7d;			/* written after the copy was taken */
	wait_for_io(&f);
	cr_assert_eq(gfn_state_of(&f, 0), GFN_RESIDENT);
	cr_assert_not(f.mm.gfns[0].flags & GFN_F_WB_PENDING);
	assert_verified(&f);
	/* D is set by that write: the next eviction must write again. */
	f.mm.clock_hand = frame_of(0);
	*leaf_of(&f, 0) &= ~VMX_EPT_ACCESS_BIT;
	cr_assert_eq(mm_evict_frame(&f.mm, frame_of(0)), EVICT_WRITEBACK);
	wait_for_io(&f);
	cr_assert_eq(f.writes_of[0], 2);
	p = touch(&f, 0, ACCESS_READ);
	cr_assert_eq(p[100], 0x5c);
	cr_assert_eq(p[200], 0x7d);
}

/* After a rescue with no further write, is the next eviction a clean drop? */
Test(mm_evict_frame, rescued_clean_page_dropped_later, .fini = teardown)
{
	mm_fixture_init(&f, 2, 4, 4);
	fill_and_age(2);
	mm_evict_frame(&f.mm, frame_of(0));
	touch(&f, 0, ACCESS_READ);	/* rescue */
	wait_for_io(&f);
	cr_assert_eq(mm_evict_frame(&f.mm, frame_of(0)), EVICT_FREED);
	cr_assert_eq(f.writes_of[0], 1);
	cr_assert_eq(gfn_state_of(&f, 0), GFN_SWAPPED);
	assert_verified(&f);
}

/*
 * With swap full, is a resident page's spare copy taken back so a dirty
 * victim can still go? Swap is guest - frames + 1 pages: the least that
 * works, since the page coming in keeps its slot until it is read while
 * the victim already needs one.
 */
Test(mm_evict_frame, swap_full_steals_spare_slot, .fini = teardown)
{
	mm_fixture_init(&f, 2, 4, 3);
	touch(&f, 0, ACCESS_WRITE);
	touch(&f, 1, ACCESS_WRITE);
	touch(&f, 2, ACCESS_WRITE);	/* 0 out: slot 0 */
	touch(&f, 3, ACCESS_WRITE);	/* 1 out: slot 1 */
	touch(&f, 0, ACCESS_READ);	/* 2 out: slot 2, swap full; 0 in */
	touch(&f, 1, ACCESS_READ);	/* 3 must go: takes 0's spare slot */
	cr_assert_eq(f.mm.stats.slot_steals, 1);
	cr_assert_eq(f.mm.gfns[0].slot, SWAP_SLOT_NONE);
	assert_verified(&f);
	for (gfn_t g = 0; g < 4; g++)
		touch(&f, g, ACCESS_WRITE)[8] = (u8)(g + 1);
	for (gfn_t g = 0; g < 4; g++)
		cr_assert_eq(touch(&f, g, ACCESS_READ)[8], g + 1);
	cr_assert_gt(f.mm.stats.slot_steals, 1);
	cr_assert_eq(swap_slots_used(&f.mm.slots), 3);
	assert_verified(&f);
}

/* With one frame holding a dirty page, does a fault wait for the write (NOFRAME) and then succeed? */
Test(mm_reclaim, single_frame_waits_for_writeback, .fini = teardown)
{
	struct mmu_fault fl;

	mm_fixture_init(&f, 1, 2, 2);
	touch(&f, 0, ACCESS_WRITE);
	cr_assert_eq(fault_on(&f, gfn_to_gpa(1), 0, &fl),
		     RET_PF_RETRY);
	cr_assert_eq(fl.kind, MM_FAULT_NOFRAME);
	cr_assert_eq(f.mm.stats.faults_noframe, 1);
	wait_for_io(&f);
	cr_assert_eq(fault_on(&f, gfn_to_gpa(1), 0, &fl),
		     RET_PF_FIXED);
	cr_assert_eq(fl.kind, MM_FAULT_ZERO);
}

/* With every frame pinned and nothing in flight, is the fault RET_PF_NOMEM? */
Test(mm_reclaim, all_pinned_nomem, .fini = teardown)
{
	struct mmu_fault fl;

	mm_fixture_init(&f, 2, 4, 4);
	cr_assert_not_null(mm_populate(&f.mm, 0));
	cr_assert_not_null(mm_populate(&f.mm, PAGE_SIZE));
	cr_assert_eq(fault_on(&f, 2 * PAGE_SIZE, 0, &fl),
		     RET_PF_NOMEM);
	cr_assert_eq(fl.kind, MM_FAULT_NOMEM);
	assert_verified(&f);
}

/* Does idle reclaim bring free + in-flight frames back to free_target between faults? */
Test(mm_reclaim_idle, keeps_free_target, .fini = teardown)
{
	mm_fixture_init(&f, 128, 512, 512);
	cr_assert_eq(f.mm.free_target, 8);
	for (gfn_t g = 0; g < 300; g++) {
		touch(&f, g, ACCESS_WRITE);
		mm_reclaim_idle(&f.mm);		/* the vCPU would wait here */
		cr_assert_geq(f.frames.pool.nr_free +
			      f.mm.writebacks_in_flight, 8, "gfn %llu",
			      (unsigned long long)g);
	}
	cr_assert_gt(f.mm.stats.reclaim_idle, 0);
	assert_verified(&f);
}

/* Does a CLOCK pick over a hot pool test at most MM_CLOCK_TESTS_MAX accessed bits, then take the first it passed? */
Test(mm_clock_pick, bounded_hand_takes_first_passed, .fini = teardown)
{
	mm_fixture_init(&f, 64, 128, 128);
	for (gfn_t g = 0; g < 64; g++)
		touch(&f, g, ACCESS_WRITE);	/* all hot: A set */
	f.mm.clock_hand = 0;
	cr_assert_eq(mm_clock_pick(&f.mm), 0);
	cr_assert_eq(f.mm.clock_hand, MM_CLOCK_TESTS_MAX + 1,
		     "8 tests, then the 9th frame ends the pick");
}

/* Does a page just brought in (A preset, never accessed yet) survive one CLOCK turn while a cold page goes? */
Test(mm_clock_pick, new_page_gets_second_chance, .fini = teardown)
{
	mm_fixture_init(&f, 2, 4, 4);
	fill_and_age(1);			/* gfn 0: old and cold */
	cr_assert_eq(fault_on(&f, gfn_to_gpa(1), 0, NULL),
		     RET_PF_FIXED);		/* gfn 1: mapped, not yet used */
	cr_assert(*leaf_of(&f, 1) & VMX_EPT_ACCESS_BIT);
	f.mm.clock_hand = frame_of(1);
	cr_assert_eq(mm_clock_pick(&f.mm), frame_of(0));
}

/* ---- software A/D (EPT_AD_SW): CLOCK and clean drops from faultline's own bits ---- */

/* Under software A/D, is a page read after its swap-in still clean (mapped without W) and dropped without a second write? */
Test(mm_evict_frame, sw_ad_read_page_stays_clean, .fini = teardown)
{
	mm_fixture_init_ad(&f, 1, 2, 4, EPT_AD_SW);
	touch(&f, 0, ACCESS_WRITE);	/* zero-filled: dirty, writable */
	touch(&f, 1, ACCESS_READ);	/* evicts GFN 0: its one swap write */
	touch(&f, 0, ACCESS_READ);	/* swapped back in, clean */
	cr_assert_eq(*leaf_of(&f, 0) & VMX_EPT_WRITABLE_MASK, 0,
		     "clean: W withheld");
	touch(&f, 1, ACCESS_READ);	/* evicts GFN 0 again */
	cr_assert_eq(f.writes_of[0], 1);
	cr_assert_eq(f.mm.stats.clean_drops, 1);
	assert_verified(&f);
}

/* Under software A/D, does the first write after a swap-in fault, set D, and make the next eviction write again? */
Test(mm_evict_frame, sw_ad_first_write_dirties, .fini = teardown)
{
	u64 fast;

	mm_fixture_init_ad(&f, 1, 2, 4, EPT_AD_SW);
	touch(&f, 0, ACCESS_WRITE)[0] = 1;
	touch(&f, 1, ACCESS_READ);
	cr_assert_eq(touch(&f, 0, ACCESS_READ)[0], 1);
	fast = f.mm.stats.faults_fast;
	touch(&f, 0, ACCESS_WRITE)[0] = 2;	/* faults once: W was withheld */
	cr_assert_eq(f.mm.stats.faults_fast, fast + 1);
	cr_assert(*leaf_of(&f, 0) & VMX_EPT_DIRTY_BIT);
	touch(&f, 1, ACCESS_READ);
	cr_assert_eq(f.writes_of[0], 2, "dirty: written again");
	cr_assert_eq(touch(&f, 0, ACCESS_READ)[0], 2);
	assert_verified(&f);
}

/* Under software A/D, does CLOCK age a page by taking its rights, so its next touch faults (fast) and earns a second chance? */
Test(mm_clock_pick, sw_ad_aging_takes_rights, .fini = teardown)
{
	mm_fixture_init_ad(&f, 2, 4, 4, EPT_AD_SW);
	touch(&f, 0, ACCESS_WRITE);
	touch(&f, 1, ACCESS_WRITE);
	f.mm.clock_hand = frame_of(0);
	f.fe.invepts = 0;
	cr_assert_eq(mm_clock_pick(&f.mm), frame_of(0),
		     "both aged on the first turn, 0 picked on the second");
	cr_assert_eq(fake_vm_entry(&f.fe), 1, "one flush for the sweep");
	cr_assert_eq(*leaf_of(&f, 1) & VMX_EPT_RWX_MASK, 0,
		     "aged: no rights until touched");
	cr_assert_not_null(touch(&f, 1, ACCESS_READ));
	cr_assert_eq(f.mm.stats.faults_fast, 1);
	cr_assert(*leaf_of(&f, 1) & VMX_EPT_ACCESS_BIT, "young again");
	f.mm.clock_hand = frame_of(0);
	cr_assert_eq(mm_clock_pick(&f.mm), frame_of(0),
		     "1 was touched: 0 is still the victim");
	assert_verified(&f);
}

/* Faults that only map pages, under a TLB model: how many INVEPTs at entry. */
static unsigned invepts_for_mapping_faults(enum ept_ad ad)
{
	mm_fixture_init_ad(&f, 16, 16, 16, ad);
	f.fe.tlb_on = true;
	for (gfn_t g = 0; g < 16; g++)
		touch(&f, g, g % 2 ? ACCESS_WRITE : ACCESS_READ);
	for (gfn_t g = 0; g < 16; g++)
		touch(&f, g, ACCESS_WRITE);
	cr_assert_eq(f.mm.stats.ept_violations, 16);
	return fake_vm_entry(&f.fe);
}

/* Do faults that only map pages leave no INVEPT owed (the fast path pays nothing)? */
Test(mm_flush, mapping_faults_cost_no_invept, .fini = teardown)
{
	cr_assert_eq(invepts_for_mapping_faults(EPT_AD_HW), 0);
}

/* The same with software A/D: new pages are mapped dirty, nothing is taken away? */
Test(mm_flush, mapping_faults_cost_no_invept_sw_ad, .fini = teardown)
{
	cr_assert_eq(invepts_for_mapping_faults(EPT_AD_SW), 0);
}

/* Do four evictions in one exit share one INVEPT, done before the guest runs again? */
Test(mm_flush, evictions_share_one_invept, .fini = teardown)
{
	mm_fixture_init(&f, 4, 8, 8);
	f.fe.tlb_on = true;
	for (gfn_t g = 0; g < 4; g++)
		touch(&f, g, ACCESS_WRITE);	/* cached, A and D set */
	for (u32 n = 0; n < 4; n++) {
		u32 victim = mm_clock_pick(&f.mm);

		cr_assert_neq(victim, GFN_FRAME_NONE);
		cr_assert_eq(mm_evict_frame(&f.mm, victim), EVICT_WRITEBACK);
	}
	cr_assert_eq(f.fe.invepts, 0, "the guest is out: requested only");
	cr_assert_not_null(fake_tlb_stale(&f.fe), "the TLB still maps them");
	cr_assert_eq(fake_vm_entry(&f.fe), 1, "one INVEPT for the exit");
	cr_assert_null(fake_tlb_stale(&f.fe));
	assert_verified(&f);
}

/* Does the TLB check see a right taken away behind the flush request's back (the check can fail)? */
Test(mm_flush, stale_translation_is_seen, .fini = teardown)
{
	mm_fixture_init(&f, 2, 2, 2);
	f.fe.tlb_on = true;
	touch(&f, 0, ACCESS_WRITE);
	cr_assert_null(fake_tlb_stale(&f.fe));
	*leaf_of(&f, 0) &= ~VMX_EPT_WRITABLE_MASK;	/* no request */
	ept_flush_if_requested(&f.fe.ept);
	cr_assert_not_null(fake_tlb_stale(&f.fe));
	cr_assert_not_null(hw_access(&f, 0, ACCESS_WRITE),
			   "the stale W still writes, as on hardware");
}
