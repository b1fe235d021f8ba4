/* tests/unit/test_ept.c - host tests for ept/ept.c, compiled unchanged. */
#include <criterion/criterion.h>
#include "fake_phys.h"

#define NR_TABLES	16
#define GUEST_FRAME	(FAKE_HPA_BASE + GiB(2))	/* never dereferenced */

static struct fake_ept fe;

static void setup(void) { fake_ept_init(&fe, NR_TABLES); }
static void teardown(void) { fake_ept_fini(&fe); }

TestSuite(ept, .init = setup, .fini = teardown);

/* Do the entry and EPTP bits have the SDM's values (Tables 29-2..29-6, 25-9)? */
Test(ept, encodings_table)
{
	static const struct { const char *name; u64 got, want; } cases[] = {
		{ "R", VMX_EPT_READABLE_MASK, 1ull << 0 },
		{ "W", VMX_EPT_WRITABLE_MASK, 1ull << 1 },
		{ "X", VMX_EPT_EXECUTABLE_MASK, 1ull << 2 },
		{ "RWX", VMX_EPT_RWX_MASK, 0x7 },
		{ "MT WB in leaf", MTRR_TYPE_WRBACK << VMX_EPT_MT_SHIFT, 0x30 },
		{ "IPAT", VMX_EPT_IPAT_BIT, 1ull << 6 },
		{ "large page", VMX_EPT_LARGE_BIT, 1ull << 7 },
		{ "accessed", VMX_EPT_ACCESS_BIT, 1ull << 8 },
		{ "dirty", VMX_EPT_DIRTY_BIT, 1ull << 9 },
		{ "address 51:12", VMX_EPT_ADDR_MASK, 0x000ffffffffff000ull },
		{ "EPT_LEAF_RAM", EPT_LEAF_RAM, 0x77 },
		{ "EPTP WB", VMX_EPTP_MT_WB, 6 },
		{ "EPTP 4-level", EPTP_PAGE_WALK_LEVELS(4), 3 << 3 },
		{ "EPTP A/D", VMX_EPTP_AD_ENABLE_BIT, 1ull << 6 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		cr_assert_eq(cases[i].got, cases[i].want, "%s: %#llx != %#llx",
			     cases[i].name, (unsigned long long)cases[i].got,
			     (unsigned long long)cases[i].want);
}

/* Is the EPTP the PML4's HPA | 0x5e (WB, 4-level walk, A/D on)? */
Test(ept, eptp_is_pml4_or_0x5e)
{
	cr_assert(IS_ALIGNED(fe.ept.pml4, PAGE_SIZE));
	cr_assert(frame_pool_owns(&fe.tables.pool, fe.ept.pml4));
	cr_assert_eq(ept_eptp(&fe.ept), fe.ept.pml4 | 0x5e);
}

/* Does ept_index split a GPA into the four 9-bit indices of the SDM walk? */
Test(ept, index_table)
{
	static const struct { gpa_t gpa; unsigned idx[5]; } cases[] = {
		{ 0, { 0, 0, 0, 0, 0 } },
		{ 0x1000, { 0, 1, 0, 0, 0 } },
		{ 0x200000, { 0, 0, 1, 0, 0 } },
		{ 0x40000000, { 0, 0, 0, 1, 0 } },
		{ 0x8000000000ull, { 0, 0, 0, 0, 1 } },
		{ 0xffffffffffffull, { 0, 511, 511, 511, 511 } },
		{ 0x12345678000ull, { 0, 0x078, 0x02b, 0x08d, 0x002 } },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		for (int level = 1; level <= EPT_LEVELS; level++)
			cr_assert_eq(ept_index(cases[i].gpa, level),
				     cases[i].idx[level], "gpa %#llx level %d",
				     (unsigned long long)cases[i].gpa, level);
}

/* Does a fresh EPT map nothing? */
Test(ept, translate_fresh_is_none)
{
	cr_assert_eq(ept_translate(&fe.ept, 0), FRAME_NONE);
	cr_assert_null(ept_lookup(&fe.ept, 0x1000));
	cr_assert_eq(fe.tables.pool.nr_free, NR_TABLES - 1);
}

/* Does mapping one page build PDPT, PD, PT (non-leaf RWX) and a leaf with the given bits? */
Test(ept, map_4k_builds_walk)
{
	gpa_t gpa = 0x40201000;	/* PML4 0, PDPT 1, PD 1, PT 1 */
	u64 *t, e;

	cr_assert_eq(ept_map_4k(&fe.ept, gpa, GUEST_FRAME, EPT_LEAF_RAM),
		     EPT_OK);
	cr_assert_eq(fe.tables.pool.nr_free, NR_TABLES - 4);
	t = frame_virt(&fe.tables.pool, fe.ept.pml4);
	for (int level = EPT_LEVELS; level > 1; level--) {
		e = t[ept_index(gpa, level)];
		cr_assert_eq(e & ~VMX_EPT_ADDR_MASK, VMX_EPT_RWX_MASK,
			     "level %d entry %#llx", level,
			     (unsigned long long)e);
		t = frame_virt(&fe.tables.pool, e & VMX_EPT_ADDR_MASK);
		cr_assert_not_null(t);
	}
	cr_assert_eq(t[ept_index(gpa, 1)], GUEST_FRAME | EPT_LEAF_RAM);
	cr_assert_eq(ept_lookup(&fe.ept, gpa + 0x123), &t[ept_index(gpa, 1)]);
	cr_assert_eq(ept_translate(&fe.ept, gpa + 0xfff), GUEST_FRAME);
	cr_assert_eq(ept_translate(&fe.ept, gpa + PAGE_SIZE), FRAME_NONE);
	cr_assert_eq(fake_vm_entry(&fe), 0,
		     "mapping a not-present GPA needs no INVEPT");
}

/* Do neighbours share tables: a second page in the same 2 MiB costs no table? */
Test(ept, map_4k_neighbour_shares_tables)
{
	cr_assert_eq(ept_map_4k(&fe.ept, 0, GUEST_FRAME, EPT_LEAF_RAM), EPT_OK);
	cr_assert_eq(ept_map_4k(&fe.ept, 0x1ff000, GUEST_FRAME + PAGE_SIZE,
				EPT_LEAF_RAM), EPT_OK);
	cr_assert_eq(fe.tables.pool.nr_free, NR_TABLES - 4);
	cr_assert_eq(ept_map_4k(&fe.ept, 0x200000, GUEST_FRAME, EPT_LEAF_RAM),
		     EPT_OK);
	cr_assert_eq(fe.tables.pool.nr_free, NR_TABLES - 5);
}

/* Is mapping a mapped GPA refused without changing it? */
Test(ept, map_4k_twice_eexist)
{
	cr_assert_eq(ept_map_4k(&fe.ept, 0x5000, GUEST_FRAME, EPT_LEAF_RAM),
		     EPT_OK);
	cr_assert_eq(ept_map_4k(&fe.ept, 0x5000, GUEST_FRAME + PAGE_SIZE,
				EPT_LEAF_RAM), EPT_EEXIST);
	cr_assert_eq(ept_translate(&fe.ept, 0x5000), GUEST_FRAME);
}

/* Are bad GPAs, HPAs and leaf bits refused, each with its own error? */
Test(ept, map_4k_bad_input_table)
{
	static const struct {
		gpa_t gpa; hpa_t hpa; u64 bits; enum ept_result want;
	} cases[] = {
		{ 0x1001, GUEST_FRAME, EPT_LEAF_RAM, EPT_ERANGE },
		{ 1ull << EPT_GPA_BITS, GUEST_FRAME, EPT_LEAF_RAM, EPT_ERANGE },
		{ 0x1000, GUEST_FRAME + 4, EPT_LEAF_RAM, EPT_ERANGE },
		{ 0x1000, 1ull << 52, EPT_LEAF_RAM, EPT_ERANGE },
		{ 0x1000, GUEST_FRAME, 0, EPT_EINVAL },
		{ 0x1000, GUEST_FRAME, VMX_EPT_WRITABLE_MASK, EPT_EINVAL },
		{ 0x1000, GUEST_FRAME, EPT_LEAF_RAM | VMX_EPT_LARGE_BIT,
		  EPT_EINVAL },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		cr_assert_eq(ept_map_4k(&fe.ept, cases[i].gpa, cases[i].hpa,
					cases[i].bits), cases[i].want,
			     "case %zu", i);
	cr_assert_eq(fe.tables.pool.nr_free, NR_TABLES - 1,
		     "a refused map must not build tables");
}

/* Does a map that needs more tables than the pool has fail with EPT_ENOMEM? */
Test(ept, map_4k_table_pool_empty_enomem)
{
	while (frame_alloc(&fe.tables.pool) != FRAME_NONE)
		;
	cr_assert_eq(ept_map_4k(&fe.ept, 0, GUEST_FRAME, EPT_LEAF_RAM),
		     EPT_ENOMEM);
	cr_assert_eq(ept_translate(&fe.ept, 0), FRAME_NONE);
}

/* Does unmap clear the leaf, INVEPT once, and refuse an unmapped GPA? */
Test(ept, unmap_4k_clears_and_flushes)
{
	cr_assert_eq(ept_unmap_4k(&fe.ept, 0x3000), EPT_ENOENT);
	cr_assert_eq(ept_map_4k(&fe.ept, 0x3000, GUEST_FRAME, EPT_LEAF_RAM),
		     EPT_OK);
	cr_assert_eq(ept_unmap_4k(&fe.ept, 0x3000), EPT_OK);
	cr_assert_eq(fake_vm_entry(&fe), 1);
	cr_assert_eq(ept_translate(&fe.ept, 0x3000), FRAME_NONE);
	cr_assert_not_null(ept_lookup(&fe.ept, 0x3000), "tables stay");
	cr_assert_eq(ept_unmap_4k(&fe.ept, 0x3000), EPT_ENOENT);
	cr_assert_eq(ept_unmap_4k(&fe.ept, 0x3001), EPT_ERANGE);
	cr_assert_eq(fake_vm_entry(&fe), 1);
	cr_assert_eq(ept_map_4k(&fe.ept, 0x3000, GUEST_FRAME, EPT_LEAF_RAM),
		     EPT_OK, "an unmapped GPA can be mapped again");
}

/* Does test-and-clear of A report, clear and request a flush only when A was set? */
Test(ept, test_and_clear_accessed_cases)
{
	u64 *leaf;

	cr_assert_not(ept_test_and_clear_accessed(&fe.ept, 0x2000));
	ept_map_4k(&fe.ept, 0x2000, GUEST_FRAME, EPT_LEAF_RAM);
	leaf = ept_lookup(&fe.ept, 0x2000);
	cr_assert_not(ept_test_and_clear_accessed(&fe.ept, 0x2000));
	cr_assert_eq(fake_vm_entry(&fe), 0, "nothing cleared, nothing to flush");
	*leaf |= VMX_EPT_ACCESS_BIT;	/* what the CPU does on a walk */
	cr_assert(ept_test_and_clear_accessed(&fe.ept, 0x2000));
	cr_assert_eq(*leaf & VMX_EPT_ACCESS_BIT, 0);
	cr_assert_eq(fake_vm_entry(&fe), 1);
	*leaf |= VMX_EPT_ACCESS_BIT;
	cr_assert(ept_test_and_clear_accessed(&fe.ept, 0x2000));
	cr_assert_eq(fake_vm_entry(&fe), 2, "every clear of a set A flushes");
	cr_assert_eq(*leaf & ~VMX_EPT_ACCESS_BIT, GUEST_FRAME | EPT_LEAF_RAM,
		     "only A changes");
}

/* Is D read without change, and cleared with an immediate INVEPT? */
Test(ept, dirty_test_and_clear)
{
	u64 *leaf;

	ept_map_4k(&fe.ept, 0x2000, GUEST_FRAME, EPT_LEAF_RAM);
	leaf = ept_lookup(&fe.ept, 0x2000);
	cr_assert_not(ept_test_dirty(&fe.ept, 0x2000));
	cr_assert_not(ept_test_and_clear_dirty(&fe.ept, 0x2000));
	cr_assert_eq(fake_vm_entry(&fe), 0);
	*leaf |= VMX_EPT_DIRTY_BIT | VMX_EPT_ACCESS_BIT;
	cr_assert(ept_test_dirty(&fe.ept, 0x2000));
	cr_assert(ept_test_dirty(&fe.ept, 0x2000), "testing does not clear");
	cr_assert(ept_test_and_clear_dirty(&fe.ept, 0x2000));
	cr_assert_eq(fake_vm_entry(&fe), 1);
	cr_assert_eq(*leaf & VMX_EPT_DIRTY_BIT, 0);
	cr_assert(*leaf & VMX_EPT_ACCESS_BIT, "A is left alone");
	cr_assert_not(ept_test_dirty(&fe.ept, 0x9000), "unmapped: clean");
}

/* Does changing rights flush only when a right is removed, and refuse bad rights? */
Test(ept, set_leaf_perms_cases)
{
	u64 *leaf;

	cr_assert_eq(ept_set_leaf_perms(&fe.ept, 0x2000, VMX_EPT_READABLE_MASK),
		     EPT_ENOENT);
	ept_map_4k(&fe.ept, 0x2000, GUEST_FRAME, EPT_LEAF_RAM);
	leaf = ept_lookup(&fe.ept, 0x2000);
	cr_assert_eq(ept_set_leaf_perms(&fe.ept, 0x2000,
					VMX_EPT_READABLE_MASK |
					VMX_EPT_EXECUTABLE_MASK), EPT_OK);
	cr_assert_eq(*leaf, GUEST_FRAME | (EPT_LEAF_RAM & ~VMX_EPT_WRITABLE_MASK));
	cr_assert_eq(fake_vm_entry(&fe), 1, "W removed: flush");
	cr_assert_eq(ept_set_leaf_perms(&fe.ept, 0x2000, VMX_EPT_RWX_MASK),
		     EPT_OK);
	cr_assert_eq(fake_vm_entry(&fe), 1, "rights added: no flush");
	cr_assert_eq(ept_set_leaf_perms(&fe.ept, 0x2000, VMX_EPT_WRITABLE_MASK),
		     EPT_EINVAL);
	cr_assert_eq(ept_set_leaf_perms(&fe.ept, 0x2000, 0), EPT_EINVAL);
	cr_assert_eq(*leaf, GUEST_FRAME | EPT_LEAF_RAM);
}

/* Does ept_init fail cleanly when there is no frame for the PML4? */
Test(ept, init_empty_pool_enomem)
{
	struct ept e;

	while (frame_alloc(&fe.tables.pool) != FRAME_NONE)
		;
	cr_assert_eq(ept_init(&e, &fe.tables.pool, fake_invept, EPT_AD_HW),
		     EPT_ENOMEM);
}

/* ---- software A/D (EPT_AD_SW): the CPU sets nothing, rights do it ---- */

static struct fake_ept sw;

static void sw_setup(void) { fake_ept_init_ad(&sw, NR_TABLES, EPT_AD_SW); }
static void sw_teardown(void) { fake_ept_fini(&sw); }

TestSuite(ept_sw_ad, .init = sw_setup, .fini = sw_teardown);

#define RX	(VMX_EPT_READABLE_MASK | VMX_EPT_EXECUTABLE_MASK)
#define RAM_A	(EPT_LEAF_RAM | VMX_EPT_ACCESS_BIT)

/* Without hardware A/D, is the EPTP's bit 6 off (0x1e), and on with it? */
Test(ept_sw_ad, eptp_has_no_ad_bit)
{
	cr_assert_eq(ept_eptp(&sw.ept), sw.ept.pml4 | 0x1e);
	cr_assert_eq(ept_eptp(&sw.ept) & VMX_EPTP_AD_ENABLE_BIT, 0);
}

/* Is a clean page mapped without W (to catch its first write), and a dirty one with it? */
Test(ept_sw_ad, map_clean_withholds_write)
{
	u64 *leaf;

	cr_assert_eq(ept_map_4k(&sw.ept, 0x2000, GUEST_FRAME, RAM_A), EPT_OK);
	leaf = ept_lookup(&sw.ept, 0x2000);
	cr_assert_eq(*leaf & VMX_EPT_RWX_MASK, RX);
	cr_assert(*leaf & SPTE_MMU_WRITABLE, "writable once dirty");
	cr_assert_eq(ept_translate(&sw.ept, 0x2000), GUEST_FRAME);
	cr_assert_eq(ept_map_4k(&sw.ept, 0x3000, GUEST_FRAME,
				RAM_A | VMX_EPT_DIRTY_BIT), EPT_OK);
	cr_assert_eq(*ept_lookup(&sw.ept, 0x3000) & VMX_EPT_RWX_MASK,
		     VMX_EPT_RWX_MASK);
}

/* Does the first write fault get fixed by setting D and W, with no INVEPT, and a second call find nothing to fix? */
Test(ept_sw_ad, first_write_sets_dirty)
{
	u64 *leaf;

	ept_map_4k(&sw.ept, 0x2000, GUEST_FRAME, RAM_A);
	leaf = ept_lookup(&sw.ept, 0x2000);
	cr_assert_not(ept_fast_page_fault(&sw.ept, 0x2000, false),
		      "a read of a readable page: spurious");
	cr_assert(ept_fast_page_fault(&sw.ept, 0x2000, true));
	cr_assert(*leaf & VMX_EPT_WRITABLE_MASK);
	cr_assert(ept_test_dirty(&sw.ept, 0x2000));
	cr_assert_not(ept_fast_page_fault(&sw.ept, 0x2000, true));
	cr_assert_eq(fake_vm_entry(&sw), 0, "rights added: no flush");
	cr_assert_not(ept_fast_page_fault(&sw.ept, 0x9000, true),
		      "not mapped: not ours to fix");
}

/* Does clearing A take every right away (flushed), keep the mapping, and the next access give them back with A? */
Test(ept_sw_ad, clear_accessed_tracks_access)
{
	u64 *leaf;

	ept_map_4k(&sw.ept, 0x2000, GUEST_FRAME, RAM_A | VMX_EPT_DIRTY_BIT);
	leaf = ept_lookup(&sw.ept, 0x2000);
	cr_assert(ept_test_and_clear_accessed(&sw.ept, 0x2000));
	cr_assert_eq(fake_vm_entry(&sw), 1);
	cr_assert_eq(*leaf & VMX_EPT_RWX_MASK, 0, "the CPU sees not present");
	cr_assert_eq(ept_translate(&sw.ept, 0x2000), GUEST_FRAME,
		     "still faultline's mapping");
	cr_assert_not(ept_test_and_clear_accessed(&sw.ept, 0x2000));
	cr_assert_eq(ept_map_4k(&sw.ept, 0x2000, GUEST_FRAME, RAM_A),
		     EPT_EEXIST);
	cr_assert(ept_fast_page_fault(&sw.ept, 0x2000, false));
	cr_assert_eq(*leaf & VMX_EPT_RWX_MASK, VMX_EPT_RWX_MASK,
		     "dirty: W comes back too");
	cr_assert(*leaf & VMX_EPT_ACCESS_BIT);
	cr_assert_eq(fake_vm_entry(&sw), 1);
}

/* Does a write to an aged clean page restore access and set D in one fault? */
Test(ept_sw_ad, write_to_aged_clean_page)
{
	u64 *leaf;

	ept_map_4k(&sw.ept, 0x2000, GUEST_FRAME, RAM_A);
	leaf = ept_lookup(&sw.ept, 0x2000);
	ept_test_and_clear_accessed(&sw.ept, 0x2000);
	cr_assert_eq(fake_vm_entry(&sw), 1, "access tracking took R/W/X");
	cr_assert(ept_fast_page_fault(&sw.ept, 0x2000, true));
	cr_assert_eq(*leaf & (VMX_EPT_RWX_MASK | VMX_EPT_ACCESS_BIT |
			      VMX_EPT_DIRTY_BIT),
		     VMX_EPT_RWX_MASK | VMX_EPT_ACCESS_BIT | VMX_EPT_DIRTY_BIT);
}

/* Does clearing D also take W away, even while the page is access-tracked? */
Test(ept_sw_ad, clear_dirty_takes_write)
{
	u64 *leaf;

	ept_map_4k(&sw.ept, 0x2000, GUEST_FRAME, RAM_A | VMX_EPT_DIRTY_BIT);
	leaf = ept_lookup(&sw.ept, 0x2000);
	cr_assert(ept_test_and_clear_dirty(&sw.ept, 0x2000));
	cr_assert_eq(*leaf & VMX_EPT_RWX_MASK, RX);
	cr_assert_eq(fake_vm_entry(&sw), 1);
	ept_fast_page_fault(&sw.ept, 0x2000, true);
	ept_test_and_clear_accessed(&sw.ept, 0x2000);
	cr_assert(ept_test_and_clear_dirty(&sw.ept, 0x2000));
	cr_assert(ept_fast_page_fault(&sw.ept, 0x2000, false));
	cr_assert_eq(*leaf & VMX_EPT_RWX_MASK, RX,
		     "the saved rights lost W with D");
}

/* Does faultline's own write (a hypercall result) set A and D and give W back? */
Test(ept_sw_ad, mark_accessed_dirty_restores)
{
	u64 *leaf;

	ept_map_4k(&sw.ept, 0x2000, GUEST_FRAME, RAM_A);
	leaf = ept_lookup(&sw.ept, 0x2000);
	ept_test_and_clear_accessed(&sw.ept, 0x2000);
	ept_mark_accessed_dirty(&sw.ept, 0x2000);
	cr_assert_eq(*leaf & (VMX_EPT_RWX_MASK | VMX_EPT_ACCESS_BIT |
			      VMX_EPT_DIRTY_BIT),
		     VMX_EPT_RWX_MASK | VMX_EPT_ACCESS_BIT | VMX_EPT_DIRTY_BIT);
	ept_mark_accessed_dirty(&sw.ept, 0x9000);	/* unmapped: nothing */
	cr_assert_eq(*ept_lookup(&sw.ept, 0x9000), 0);
}

/* Does faultline's own read set A and give R/X back, but leave D clear and W withheld? */
Test(ept_sw_ad, mark_accessed_leaves_clean)
{
	u64 *leaf;

	ept_map_4k(&sw.ept, 0x2000, GUEST_FRAME, RAM_A);
	leaf = ept_lookup(&sw.ept, 0x2000);
	ept_test_and_clear_accessed(&sw.ept, 0x2000);
	ept_mark_accessed(&sw.ept, 0x2000);
	cr_assert_eq(*leaf & (VMX_EPT_RWX_MASK | VMX_EPT_ACCESS_BIT |
			      VMX_EPT_DIRTY_BIT), RX | VMX_EPT_ACCESS_BIT);
	cr_assert_not(ept_test_dirty(&sw.ept, 0x2000));
	cr_assert(ept_fast_page_fault(&sw.ept, 0x2000, true),
		  "the first write still faults and sets D");
	cr_assert(ept_test_dirty(&sw.ept, 0x2000));
	ept_mark_accessed(&sw.ept, 0x9000);	/* unmapped: nothing */
	cr_assert_eq(*ept_lookup(&sw.ept, 0x9000), 0);
}

/* Does unmapping an access-tracked page clear it, and the aging and the unmap share one flush? */
Test(ept_sw_ad, unmap_tracked)
{
	ept_map_4k(&sw.ept, 0x2000, GUEST_FRAME, RAM_A);
	ept_test_and_clear_accessed(&sw.ept, 0x2000);
	cr_assert_eq(ept_unmap_4k(&sw.ept, 0x2000), EPT_OK);
	cr_assert_eq(*ept_lookup(&sw.ept, 0x2000), 0);
	cr_assert_eq(fake_vm_entry(&sw), 1, "one INVEPT for both, at entry");
	cr_assert_eq(ept_translate(&sw.ept, 0x2000), FRAME_NONE);
}

/* Does set_leaf_perms keep W withheld on a clean page, and flush only when a live right goes? */
Test(ept_sw_ad, set_leaf_perms_keeps_invariant)
{
	u64 *leaf;

	ept_map_4k(&sw.ept, 0x2000, GUEST_FRAME, RAM_A);
	leaf = ept_lookup(&sw.ept, 0x2000);
	cr_assert_eq(ept_set_leaf_perms(&sw.ept, 0x2000, VMX_EPT_RWX_MASK),
		     EPT_OK);
	cr_assert_eq(*leaf & VMX_EPT_RWX_MASK, RX, "clean: still no W");
	cr_assert_eq(fake_vm_entry(&sw), 0);
	cr_assert_eq(ept_set_leaf_perms(&sw.ept, 0x2000,
					VMX_EPT_READABLE_MASK), EPT_OK);
	cr_assert_eq(fake_vm_entry(&sw), 1, "X removed: flush");
	cr_assert_not(*leaf & SPTE_MMU_WRITABLE);
	cr_assert_not(ept_fast_page_fault(&sw.ept, 0x2000, true),
		      "not writable: a real violation, not tracking");
}

/* ---- the flush request: asked for by every reduction, done once at entry ---- */

/* Is a reduction only a request (no INVEPT yet), served by one INVEPT at entry and not again? */
Test(ept, reduction_requests_one_flush_at_entry)
{
	for (gpa_t gpa = 0; gpa < 4 * PAGE_SIZE; gpa += PAGE_SIZE)
		ept_map_4k(&fe.ept, gpa, GUEST_FRAME + gpa,
			   EPT_LEAF_RAM | VMX_EPT_ACCESS_BIT |
			   VMX_EPT_DIRTY_BIT);
	cr_assert_not(ept_flush_if_requested(&fe.ept), "nothing taken away");
	ept_unmap_4k(&fe.ept, 0);
	ept_test_and_clear_accessed(&fe.ept, PAGE_SIZE);
	ept_test_and_clear_dirty(&fe.ept, 2 * PAGE_SIZE);
	ept_set_leaf_perms(&fe.ept, 3 * PAGE_SIZE, VMX_EPT_READABLE_MASK);
	cr_assert_eq(fe.invepts, 0, "requested, not done: the guest is out");
	cr_assert(fe.ept.flush_requested);
	cr_assert(ept_flush_if_requested(&fe.ept));
	cr_assert_eq(fe.invepts, 1, "four reductions, one INVEPT");
	cr_assert_eq(fe.ept.flushes, 1);
	cr_assert_not(ept_flush_if_requested(&fe.ept), "served: not again");
	cr_assert_eq(fe.invepts, 1);
}

/* Do mapping, giving rights back and faultline's own writes leave no flush owed? */
Test(ept_sw_ad, adding_rights_requests_nothing)
{
	ept_map_4k(&sw.ept, 0x2000, GUEST_FRAME, RAM_A);
	ept_map_4k(&sw.ept, 0x3000, GUEST_FRAME + PAGE_SIZE, EPT_LEAF_RAM);
	cr_assert(ept_fast_page_fault(&sw.ept, 0x2000, true));
	cr_assert(ept_fast_page_fault(&sw.ept, 0x3000, false));
	ept_mark_accessed_dirty(&sw.ept, 0x3000);
	ept_set_leaf_perms(&sw.ept, 0x2000, VMX_EPT_RWX_MASK);
	cr_assert_not(sw.ept.flush_requested);
	cr_assert_eq(fake_vm_entry(&sw), 0);
}
