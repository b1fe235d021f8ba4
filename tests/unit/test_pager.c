/* tests/unit/test_pager.c - host tests for mm/pager.c and the swap-aware parts of mm/mmu.c: setup, completions, pinning, latency accounting. */
#include <criterion/criterion.h>
#include "mm_fixture.h"

static struct mm_fixture f;

static void teardown(void) { mm_fixture_fini(&f); }

/* Evict gfn 0 (written) by touching others until it is SWAPPED. */
static void push_out(gfn_t gfn, gfn_t first_other, gfn_t nr_others)
{
	for (gfn_t g = first_other; g < first_other + nr_others &&
	     gfn_state_of(&f, gfn) != GFN_SWAPPED; g++)
		touch(&f, g, ACCESS_WRITE);
	/* All I/O done: a fault with write-backs in flight would wait for one. */
	while (f.ram.dev.queued)
		wait_for_io(&f);
	cr_assert_eq(gfn_state_of(&f, gfn), GFN_SWAPPED);
}

/*
 * Fault on gpa until it is past waiting for a frame: with the pool full
 * of dirty pages the fault evicts one and waits for its write-back
 * (MM_FAULT_NOFRAME) before it can start its own work.
 */
static enum ret_pf fault_past_noframe(gpa_t gpa, struct mmu_fault *fl)
{
	enum ret_pf r;

	for (int tries = 0; tries < 8; tries++) {
		r = fault_on(&f, gpa, 0, fl);
		if (r != RET_PF_RETRY || fl->kind != MM_FAULT_NOFRAME)
			return r;
		wait_for_io(&f);
	}
	cr_assert_fail("gpa %#llx: no frame after 8 waits",
		       (unsigned long long)gpa);
	return r;
}

/* Does mm_swap_slots_needed cover guest_mem - frames plus slack, capped at guest memory? */
Test(mm_swap_slots_needed, table)
{
	static const struct { u64 guest, frames, slots; } cases[] = {
		{ MiB(256), MiB(32), 57344 + 1024 + 128 },
		{ MiB(64), MiB(64), 0 },
		{ MiB(4), MiB(8), 0 },
		{ MiB(4), MiB(3), 256 + 96 + 128 },
		{ MiB(4), MiB(1), 768 + 32 + 128 },
		{ KiB(32), KiB(16), 8 },	/* capped at guest memory */
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		cr_assert_eq(mm_swap_slots_needed(cases[i].guest,
						  cases[i].frames),
			     cases[i].slots, "case %zu", i);
}

/* Does mm_init start every page UNBACKED, and is a populated page a pinned resident that pressure never evicts? */
Test(mm_init, populated_pages_pinned, .fini = teardown)
{
	mm_fixture_init(&f, 2, 8, 8);
	for (gfn_t g = 0; g < 8; g++)
		cr_assert_eq(gfn_state_of(&f, g), GFN_UNBACKED);
	((u8 *)mm_populate(&f.mm, 3 * PAGE_SIZE))[0] = 9;
	cr_assert_eq(gfn_state_of(&f, 3), GFN_RESIDENT);
	cr_assert_eq(f.mm.gfns[3].pins, 1);
	assert_verified(&f);
	for (gfn_t g = 4; g < 8; g++)
		touch(&f, g, ACCESS_WRITE);
	cr_assert_eq(gfn_state_of(&f, 3), GFN_RESIDENT);
	cr_assert_eq(((u8 *)mm_gpa_to_virt(&f.mm, 3 * PAGE_SIZE))[0], 9);
	assert_verified(&f);
}

/* Is missing storage, or a missing swap device, refused? */
Test(mm_init, missing_storage_refused)
{
	struct mm mm;
	struct swap_dev dev = { .nr_slots = 1 };
	struct mm_storage st = { 0 };
	struct frame_pool pool = { 0 };
	struct ept ept = { 0 };

	cr_assert_eq(mm_init(&mm, PAGE_SIZE, &pool, &ept, &dev, &st), -1);
	cr_assert_eq(mm_init(&mm, PAGE_SIZE, &pool, &ept, NULL, &st), -1);
	cr_assert_null(mm.gfns);
}

/* Does a touch of a swapped page submit one read, return RETRY/SWAPIN, and map the page on completion with its data? */
Test(mm_swap_complete, swapin_maps_on_completion, .fini = teardown)
{
	struct mmu_fault fl;
	u8 *p;

	mm_fixture_init(&f, 2, 8, 8);
	touch(&f, 0, ACCESS_WRITE)[5] = 0xab;
	push_out(0, 1, 6);
	cr_assert_eq(fault_past_noframe(0, &fl), RET_PF_RETRY);
	cr_assert_eq(fl.kind, MM_FAULT_SWAPIN);
	cr_assert_eq(gfn_state_of(&f, 0), GFN_IN_FLIGHT);
	cr_assert_eq(f.reads_of[0], 1);
	assert_verified(&f);
	/* a second touch joins the wait instead of reading again */
	cr_assert_eq(fault_on(&f, 0, 0, &fl), RET_PF_RETRY);
	cr_assert_eq(fl.kind, MM_FAULT_JOINED);
	cr_assert_eq(f.reads_of[0], 1);
	wait_for_io(&f);
	cr_assert_eq(gfn_state_of(&f, 0), GFN_RESIDENT);
	p = hw_access(&f, 0, ACCESS_READ);
	cr_assert_not_null(p);
	cr_assert_eq(p[5], 0xab);
	cr_assert_eq(f.mm.stats.faults_swapin, 1);
	cr_assert_eq(f.mm.stats.swapins_done, 1);
	assert_verified(&f);
}

/* Does mm_swap_complete hand back each finished I/O, write-backs and swap-ins alike, with its op and gfn? */
Test(mm_swap_complete, returns_each_io, .fini = teardown)
{
	struct swap_req done;
	struct mmu_fault fl;

	mm_fixture_init(&f, 2, 8, 8);
	touch(&f, 0, ACCESS_WRITE);
	push_out(0, 1, 6);
	cr_assert_eq(fault_past_noframe(0, &fl), RET_PF_RETRY);
	cr_assert_eq(fl.kind, MM_FAULT_SWAPIN);
	f.now = swap_next_deadline(&f.ram.dev);
	while (mm_swap_complete(&f.mm, f.now, &done) &&
	       done.op == SWAP_OP_WRITE)
		;
	cr_assert_eq(done.op, SWAP_OP_READ);
	cr_assert_eq(done.gfn, 0);
	cr_assert_eq(gfn_state_of(&f, 0), GFN_RESIDENT);
	cr_assert_not(mm_swap_complete(&f.mm, f.now, &done),
		      "nothing else was due");
	assert_verified(&f);
}

/* Is a poll before any deadline a no-op? */
Test(mm_swap_complete, nothing_due_nothing_done, .fini = teardown)
{
	mm_fixture_init(&f, 2, 8, 8);
	touch(&f, 0, ACCESS_WRITE);
	touch(&f, 1, ACCESS_WRITE);
	cr_assert_eq(swap_poll(&f, f.now), 0);
	cr_assert_eq(swap_next_deadline(&f.ram.dev), SWAP_NO_DEADLINE);
}

/* Does populate refuse to zero a swapped page, and pin a resident one? */
Test(mm_populate, swapped_null_resident_pinned, .fini = teardown)
{
	mm_fixture_init(&f, 2, 8, 8);
	touch(&f, 0, ACCESS_WRITE)[0] = 3;
	push_out(0, 1, 6);
	cr_assert_null(mm_populate(&f.mm, 0));
	cr_assert_eq(gfn_state_of(&f, 0), GFN_SWAPPED);
	touch(&f, 6, ACCESS_WRITE);
	cr_assert_not_null(mm_populate(&f.mm, gfn_to_gpa(6)));
	cr_assert_eq(f.mm.gfns[6].pins, 1);
	assert_verified(&f);
}

/* Does mm_pin_page bring a swapped page back (RETRY, then FIXED/SPURIOUS) and keep it from eviction until unpinned? */
Test(mm_pin_page, swapped_then_pinned, .fini = teardown)
{
	enum ret_pf r;

	mm_fixture_init(&f, 2, 8, 8);
	touch(&f, 0, ACCESS_WRITE)[1] = 4;
	push_out(0, 1, 6);
	cr_assert_eq(mm_pin_page(&f.mm, 0, f.now), RET_PF_RETRY);
	/* a frame (a write-back to wait for), then the read */
	for (int tries = 0; tries < 8 && (r = mm_pin_page(&f.mm, 0, f.now)) ==
	     RET_PF_RETRY; tries++)
		wait_for_io(&f);
	cr_assert(r == RET_PF_FIXED || r == RET_PF_SPURIOUS);
	cr_assert_eq(f.mm.gfns[0].pins, 1);
	for (gfn_t g = 1; g < 8; g++)
		touch(&f, g, ACCESS_WRITE);
	cr_assert_eq(gfn_state_of(&f, 0), GFN_RESIDENT);
	cr_assert_eq(((u8 *)mm_gpa_to_virt(&f.mm, 0))[1], 4);
	mm_unpin_page(&f.mm, 0);
	push_out(0, 1, 7);
	cr_assert_eq(mm_pin_page(&f.mm, gfn_to_gpa(8), f.now), RET_PF_OUTSIDE);
}

/* Are pins counted: does unpinning one holder's pin (the async-PF area) leave a page faultline populated pinned and resident under pressure? */
Test(mm_unpin_page, other_holder_keeps_page, .fini = teardown)
{
	mm_fixture_init(&f, 2, 8, 8);
	((u8 *)mm_populate(&f.mm, 3 * PAGE_SIZE))[0] = 7;	/* boot info */
	cr_assert_eq(mm_pin_page(&f.mm, 3 * PAGE_SIZE, f.now), RET_PF_SPURIOUS);
	cr_assert_eq(f.mm.gfns[3].pins, 2);
	cr_assert_eq(mm_unpin_page(&f.mm, 3 * PAGE_SIZE), 0);	/* APF off */
	cr_assert_eq(f.mm.gfns[3].pins, 1);
	for (gfn_t g = 0; g < 8; g++)
		if (g != 3)
			touch(&f, g, ACCESS_WRITE);
	cr_assert_eq(gfn_state_of(&f, 3), GFN_RESIDENT);
	cr_assert_eq(f.writes_of[3], 0, "never evicted");
	cr_assert_eq(((u8 *)mm_gpa_to_virt(&f.mm, 3 * PAGE_SIZE))[0], 7);
	assert_verified(&f);
}

/* Is a pin past GFN_PINS_MAX, or an unpin at zero, refused and counted, the count never wrapping? */
Test(mm_pin_page, count_bounded_both_ways, .fini = teardown)
{
	const char *what = "";
	gfn_t gfn;

	mm_fixture_init(&f, 2, 8, 8);
	touch(&f, 0, ACCESS_WRITE);
	for (u32 i = 0; i < GFN_PINS_MAX; i++)
		cr_assert_eq(mm_pin_page(&f.mm, 0, f.now), RET_PF_SPURIOUS);
	cr_assert_eq(mm_pin_page(&f.mm, 0, f.now), RET_PF_NOMEM);
	cr_assert_null(mm_populate(&f.mm, 0));
	cr_assert_eq(f.mm.gfns[0].pins, GFN_PINS_MAX);
	cr_assert_eq(f.mm.stats.pin_errors, 2);
	for (u32 i = 0; i < GFN_PINS_MAX; i++)
		cr_assert_eq(mm_unpin_page(&f.mm, 0), 0);
	cr_assert_eq(mm_unpin_page(&f.mm, 0), -1);
	cr_assert_eq(mm_unpin_page(&f.mm, gfn_to_gpa(8)), -1, "outside");
	cr_assert_eq(f.mm.gfns[0].pins, 0);
	cr_assert_eq(f.mm.stats.pin_errors, 4);
	cr_assert_eq(mm_verify(&f.mm, &what, &gfn), -1, "a bug is reported");
	push_out(0, 1, 7);	/* unpinned: evictable again */
}

/* Does a write through mm_gpa_to_virt survive eviction although no CPU set D? */
Test(mm_gpa_to_virt, faultline_write_not_lost, .fini = teardown)
{
	mm_fixture_init(&f, 2, 8, 8);
	touch(&f, 0, ACCESS_WRITE);
	push_out(0, 1, 6);
	touch(&f, 0, ACCESS_READ);	/* back in, clean, slot valid */
	((u8 *)mm_gpa_to_virt(&f.mm, 0x10))[0] = 0xee;
	push_out(0, 1, 6);
	cr_assert_eq(touch(&f, 0, ACCESS_READ)[0x10], 0xee);
	cr_assert_eq(f.writes_of[0], 2);
}

/*
 * Page 0, guest-written, evicted and read back by the guest: resident,
 * clean, its swap copy valid (one write-back so far). Then faultline
 * reads it (write = false) or writes it, and it is evicted again.
 */
static void vmm_access_then_evict(enum ept_ad ad, bool write)
{
	mm_fixture_init_ad(&f, 2, 8, 8, ad);
	touch(&f, 0, ACCESS_WRITE)[0x10] = 0x5a;
	push_out(0, 1, 6);
	cr_assert_eq(touch(&f, 0, ACCESS_READ)[0x10], 0x5a);
	cr_assert_eq(f.writes_of[0], 1);
	if (write)
		((u8 *)mm_gpa_to_virt(&f.mm, 0x10))[0] = 0xee;
	else
		cr_assert_eq(((const u8 *)mm_gpa_to_virt_read(&f.mm, 0x10))[0],
			     0x5a);
	push_out(0, 1, 6);
	assert_verified(&f);
	cr_assert_eq(touch(&f, 0, ACCESS_READ)[0x10], write ? 0xee : 0x5a);
}

/* Is a clean page faultline only read dropped without a write-back, with hardware A/D? */
Test(mm_gpa_to_virt_read, read_not_written_back_hw, .fini = teardown)
{
	vmm_access_then_evict(EPT_AD_HW, false);
	cr_assert_eq(f.writes_of[0], 1, "a VMM read dirtied the page");
	cr_assert_eq(f.mm.stats.clean_drops, 1);
}

/* Is a clean page faultline only read dropped without a write-back, with faultline's own A/D? */
Test(mm_gpa_to_virt_read, read_not_written_back_sw, .fini = teardown)
{
	vmm_access_then_evict(EPT_AD_SW, false);
	cr_assert_eq(f.writes_of[0], 1, "a VMM read dirtied the page");
	cr_assert_eq(f.mm.stats.clean_drops, 1);
}

/* Is a clean page faultline wrote written back, with hardware A/D? */
Test(mm_gpa_to_virt, write_written_back_hw, .fini = teardown)
{
	vmm_access_then_evict(EPT_AD_HW, true);
	cr_assert_eq(f.writes_of[0], 2);
}

/* Is a clean page faultline wrote written back, with faultline's own A/D? */
Test(mm_gpa_to_virt, write_written_back_sw, .fini = teardown)
{
	vmm_access_then_evict(EPT_AD_SW, true);
	cr_assert_eq(f.writes_of[0], 2);
}

/* Is a fault's swap-in submitted at the fault's own time, its exit TSC? */
Test(mmu_page_fault, submits_at_exit_tsc, .fini = teardown)
{
	struct mmu_fault fault = mmu_fault_init(PAGE_SIZE, 0, 5000);

	mm_fixture_init(&f, 1, 4, 4);
	touch(&f, 0, ACCESS_WRITE);
	cr_assert_eq(mmu_page_fault(&f.mm, &fault), RET_PF_RETRY);
	cr_assert_eq(fault.kind, MM_FAULT_NOFRAME, "gfn 0's write-back");
	cr_assert_eq(swap_next_deadline(&f.ram.dev), 5000 + FIX_LATENCY);
}

/* With no swap slots, is a full pool RET_PF_NOMEM with no I/O, every invariant kept? */
Test(mm_reclaim, no_slots_full_pool_nomem, .fini = teardown)
{
	struct mmu_fault fl;

	mm_fixture_init(&f, 2, 4, 0);
	cr_assert_eq(f.mm.free_target, 0, "nothing to reclaim into");
	touch(&f, 0, ACCESS_WRITE);
	touch(&f, 1, ACCESS_READ);
	cr_assert_eq(fault_on(&f, gfn_to_gpa(2), 0, &fl), RET_PF_NOMEM);
	cr_assert_eq(fl.kind, MM_FAULT_NOMEM);
	cr_assert_eq(swap_next_deadline(&f.ram.dev), SWAP_NO_DEADLINE);
	cr_assert_eq(f.mm.stats.evictions, 0);
	assert_verified(&f);
}
