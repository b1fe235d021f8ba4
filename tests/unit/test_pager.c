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
	while (gfn_state_of(&f, gfn) == GFN_WRITEBACK)
		wait_for_io(&f);
	cr_assert_eq(gfn_state_of(&f, gfn), GFN_SWAPPED);
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

/* Are pages populated before swap was turned on adopted as pinned residents? */
Test(mm_swap_init, adopts_populated_pages)
{
	struct fake_ept fe;
	struct fake_pool frames;
	struct mm mm;
	struct swap_ram ram;
	struct swap_req q[4];
	static u8 store[4 * PAGE_SIZE] __attribute__((aligned(4096)));
	struct gfn_entry gfns[8];
	u32 rmap[4], stack[4];
	u8 in_use[4];
	struct mm_swap_storage st = { gfns, rmap, stack, in_use };
	const char *what = "";
	gfn_t bad;

	fake_ept_init(&fe, 16);
	fake_pool_init(&frames, 4, FAKE_HPA_BASE);
	mm_init(&mm, 8 * PAGE_SIZE, &frames.pool, &fe.ept);
	((u8 *)mm_populate(&mm, 3 * PAGE_SIZE))[0] = 9;
	cr_assert_eq(swap_ram_init(&ram, (struct phys_region){ store,
				   FIX_SWAP_BASE, sizeof(store) },
				   &frames.pool, 10, q, 4), 0);
	cr_assert_eq(mm_swap_init(&mm, &ram.dev, &st), 0);
	cr_assert_eq(gfns[3].state, GFN_RESIDENT);
	cr_assert(gfns[3].flags & GFN_F_PINNED);
	cr_assert_eq(gfns[2].state, GFN_UNBACKED);
	cr_assert_eq(mm_verify(&mm, &what, &bad), 0, "%s", what);
	cr_assert_eq(((u8 *)mm_gpa_to_virt(&mm, 3 * PAGE_SIZE))[0], 9);
	fake_pool_fini(&frames);
	fake_ept_fini(&fe);
}

/* Is missing storage refused? */
Test(mm_swap_init, missing_storage_refused)
{
	struct mm mm = { .guest_mem = PAGE_SIZE };
	struct swap_dev dev = { .nr_slots = 1 };
	struct mm_swap_storage st = { 0 };

	cr_assert_eq(mm_swap_init(&mm, &dev, &st), -1);
	cr_assert_eq(mm_swap_init(&mm, NULL, &st), -1);
	cr_assert_null(mm.gfns);
}

/* Does a touch of a swapped page submit one read, return RETRY/SWAPIN, and map the page on completion with its data? */
Test(mm_swap_poll, swapin_maps_on_completion, .fini = teardown)
{
	u8 *p;

	mm_fixture_init(&f, 2, 8, 8);
	touch(&f, 0, ACCESS_WRITE)[5] = 0xab;
	push_out(0, 1, 6);
	cr_assert_eq(mmu_page_fault_at(&f.mm, 0, 0, f.now), RET_PF_RETRY);
	cr_assert_eq(f.mm.last_fault, MM_FAULT_SWAPIN);
	cr_assert_eq(gfn_state_of(&f, 0), GFN_IN_FLIGHT);
	cr_assert_eq(f.reads_of[0], 1);
	assert_verified(&f);
	/* a second touch joins the wait instead of reading again */
	cr_assert_eq(mmu_page_fault_at(&f.mm, 0, 0, f.now), RET_PF_RETRY);
	cr_assert_eq(f.mm.last_fault, MM_FAULT_JOINED);
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

static gfn_t ready_gfn = ~0ull;
static unsigned ready_calls;

static void on_ready(void *ctx, gfn_t gfn)
{
	cr_assert_eq(ctx, &f);
	ready_gfn = gfn;
	ready_calls++;
}

/* Is page_ready called once per completed swap-in (not for write-backs)? */
Test(mm_swap_poll, page_ready_called_for_swapins, .fini = teardown)
{
	mm_fixture_init(&f, 2, 8, 8);
	f.mm.page_ready = on_ready;
	f.mm.page_ready_ctx = &f;
	touch(&f, 0, ACCESS_WRITE);
	push_out(0, 1, 6);
	cr_assert_eq(ready_calls, 0, "write-backs are not page-ready");
	touch(&f, 0, ACCESS_READ);
	cr_assert_eq(ready_calls, 1);
	cr_assert_eq(ready_gfn, 0);
}

/* Is a poll before any deadline a no-op? */
Test(mm_swap_poll, nothing_due_nothing_done, .fini = teardown)
{
	mm_fixture_init(&f, 2, 8, 8);
	touch(&f, 0, ACCESS_WRITE);
	touch(&f, 1, ACCESS_WRITE);
	cr_assert_eq(mm_swap_poll(&f.mm, f.now), 0);
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
	cr_assert(f.mm.gfns[6].flags & GFN_F_PINNED);
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
	wait_for_io(&f);
	r = mm_pin_page(&f.mm, 0, f.now);
	cr_assert(r == RET_PF_FIXED || r == RET_PF_SPURIOUS);
	cr_assert(f.mm.gfns[0].flags & GFN_F_PINNED);
	for (gfn_t g = 1; g < 8; g++)
		touch(&f, g, ACCESS_WRITE);
	cr_assert_eq(gfn_state_of(&f, 0), GFN_RESIDENT);
	cr_assert_eq(((u8 *)mm_gpa_to_virt(&f.mm, 0))[1], 4);
	mm_unpin_page(&f.mm, 0);
	push_out(0, 1, 7);
	cr_assert_eq(mm_pin_page(&f.mm, gfn_to_gpa(8), f.now), RET_PF_OUTSIDE);
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

/* Is a zero-fill sample its fault's cycles, and a swap-in sample its fault plus its share of the poll? */
Test(mm_account_fault, samples, .fini = teardown)
{
	mm_fixture_init(&f, 2, 8, 8);
	cr_assert_eq(mmu_page_fault_at(&f.mm, 0, PFERR_WRITE_MASK, 0),
		     RET_PF_FIXED);
	mm_account_fault(&f.mm, 700);
	cr_assert_eq(f.mm.lat_zero.count, 1);
	cr_assert_eq(f.mm.lat_zero.max, 700);
	push_out(0, 1, 6);
	cr_assert_eq(mmu_page_fault_at(&f.mm, 0, 0, f.now), RET_PF_RETRY);
	mm_account_fault(&f.mm, 1500);
	cr_assert_eq(f.mm.lat_swapin.count, 0, "not complete yet");
	f.now = swap_next_deadline(&f.ram.dev);
	cr_assert_eq(mm_swap_poll(&f.mm, f.now), 1);
	mm_account_poll(&f.mm, 300);
	cr_assert_eq(f.mm.lat_swapin.count, 1);
	cr_assert_eq(f.mm.lat_swapin.max, 1800);
	mm_account_poll(&f.mm, 300);
	cr_assert_eq(f.mm.lat_swapin.count, 1, "a poll is accounted once");
}

/* Does mmu_page_fault (no time) use the latest time a caller passed? */
Test(mmu_page_fault, uses_last_time, .fini = teardown)
{
	mm_fixture_init(&f, 1, 4, 4);
	mm_swap_poll(&f.mm, 5000);
	touch(&f, 0, ACCESS_WRITE);
	cr_assert_eq(mmu_page_fault(&f.mm, PAGE_SIZE, 0), RET_PF_RETRY);
	cr_assert_eq(swap_next_deadline(&f.ram.dev), 5000 + FIX_LATENCY);
}
