/* tests/unit/test_mmu.c - host tests for mm/mmu.c with no swap (a swap device of no slots): the demand-zero path, compiled unchanged. */
#include <criterion/criterion.h>
#include <string.h>
#include "mm_fixture.h"

#define NR_FRAMES	4
#define GUEST_MEM	MiB(4)

static struct mm_fixture f;

static void setup(void)
{
	mm_fixture_init(&f, NR_FRAMES, GUEST_MEM / PAGE_SIZE, 0);
}

static void teardown(void)
{
	mm_fixture_fini(&f);
}

TestSuite(mmu, .init = setup, .fini = teardown);

static bool page_is_zero(const u8 *p)
{
	for (u64 i = 0; i < PAGE_SIZE; i++)
		if (p[i])
			return false;
	return true;
}

/* Does a first touch get a zeroed frame mapped RWX/WB, counted as a zero fault? */
Test(mmu, page_fault_first_touch_fixed)
{
	hpa_t hpa;

	cr_assert_eq(fault_on(&f, 0x5123, PFERR_WRITE_MASK, NULL),
		     RET_PF_FIXED);
	hpa = ept_translate(&f.fe.ept, 0x5000);
	cr_assert(frame_pool_owns(&f.frames.pool, hpa));
	cr_assert_eq(*ept_lookup(&f.fe.ept, 0x5000),
		     hpa | EPT_LEAF_RAM | VMX_EPT_ACCESS_BIT | VMX_EPT_DIRTY_BIT,
		     "RAM, A preset, D too: a new page has no copy");
	cr_assert(page_is_zero(frame_virt(&f.frames.pool, hpa)));
	cr_assert_eq(f.mm.stats.ept_violations, 1);
	cr_assert_eq(f.mm.stats.faults_zero, 1);
	cr_assert_eq(frame_pool_used(&f.frames.pool), 1);
}

/* Is a fault on a mapped GPA spurious, taking no frame? */
Test(mmu, page_fault_mapped_spurious)
{
	fault_on(&f, 0x5000, 0, NULL);
	cr_assert_eq(fault_on(&f, 0x5fff, PFERR_PRESENT_MASK, NULL),
		     RET_PF_SPURIOUS);
	cr_assert_eq(f.mm.stats.ept_violations, 2);
	cr_assert_eq(f.mm.stats.faults_zero, 1);
	cr_assert_eq(frame_pool_used(&f.frames.pool), 1);
}

/* Is a GPA at or above guest_mem outside, with nothing mapped? */
Test(mmu, page_fault_outside_table)
{
	static const gpa_t cases[] = { GUEST_MEM, GUEST_MEM + 0x123,
				       GiB(1), ~0ull };

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		cr_assert_eq(fault_on(&f, cases[i], 0, NULL), RET_PF_OUTSIDE);
	cr_assert_eq(fault_on(&f, GUEST_MEM - 1, 0, NULL), RET_PF_FIXED);
	cr_assert_eq(f.mm.stats.ept_violations, ARRAY_SIZE(cases) + 1);
	cr_assert_eq(frame_pool_used(&f.frames.pool), 1);
}

/* With the pool empty (and no swap), is the fault RET_PF_NOMEM and not counted as fixed? */
Test(mmu, page_fault_pool_empty_nomem)
{
	for (u64 i = 0; i < NR_FRAMES; i++)
		cr_assert_eq(fault_on(&f, i * PAGE_SIZE, 0, NULL),
			     RET_PF_FIXED);
	cr_assert_eq(fault_on(&f, NR_FRAMES * PAGE_SIZE, 0, NULL),
		     RET_PF_NOMEM);
	cr_assert_eq(f.mm.stats.faults_zero, NR_FRAMES);
	cr_assert_eq(ept_translate(&f.fe.ept, NR_FRAMES * PAGE_SIZE), FRAME_NONE);
}

/* When EPT has no table left, is the frame given back? */
Test(mmu, page_fault_no_ept_table_returns_frame)
{
	while (frame_alloc(&f.fe.tables.pool) != FRAME_NONE)
		;
	cr_assert_eq(fault_on(&f, 0, 0, NULL), RET_PF_NOMEM);
	cr_assert_eq(frame_pool_used(&f.frames.pool), 0);
}

/* Does populate back a page once, zeroed, counted, and return the same page again? */
Test(mmu, populate_backs_once)
{
	u8 *p = mm_populate(&f.mm, 0x2000);

	cr_assert_not_null(p);
	cr_assert(page_is_zero(p));
	p[7] = 42;
	cr_assert_eq(mm_populate(&f.mm, 0x2000), p);
	cr_assert_eq(mm_populate(&f.mm, 0x2abc), p, "page pointer, not byte");
	cr_assert_eq(f.mm.stats.pages_populated, 1);
	cr_assert_eq(f.mm.stats.ept_violations, 0);
	cr_assert_eq(fault_on(&f, 0x2000, 0, NULL), RET_PF_SPURIOUS);
}

/* Does populate refuse GPAs outside guest memory and an empty pool? */
Test(mmu, populate_outside_or_full_null)
{
	cr_assert_null(mm_populate(&f.mm, GUEST_MEM));
	for (u64 i = 0; i < NR_FRAMES; i++)
		cr_assert_not_null(mm_populate(&f.mm, i * PAGE_SIZE));
	cr_assert_null(mm_populate(&f.mm, NR_FRAMES * PAGE_SIZE));
}

/* Does gpa_to_virt give the byte's pointer for resident pages only? */
Test(mmu, gpa_to_virt_resident_only)
{
	u8 *p;

	cr_assert_null(mm_gpa_to_virt(&f.mm, 0x3000));
	p = mm_populate(&f.mm, 0x3000);
	cr_assert_eq(mm_gpa_to_virt(&f.mm, 0x3010), p + 0x10);
	cr_assert_eq(mm_gpa_to_virt(&f.mm, 0x3fff), p + 0xfff);
	cr_assert_null(mm_gpa_to_virt(&f.mm, 0x4000));
	cr_assert_null(mm_gpa_to_virt(&f.mm, GUEST_MEM + 0x3000));
}
