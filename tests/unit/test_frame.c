/* tests/unit/test_frame.c - host tests for mm/frame.c, compiled unchanged. */
#include <criterion/criterion.h>
#include <string.h>
#include "fake_phys.h"

#define NR	8

static struct fake_pool fp;

static void setup(void) { fake_pool_init(&fp, NR, FAKE_HPA_BASE); }
static void teardown(void) { fake_pool_fini(&fp); }

TestSuite(frame, .init = setup, .fini = teardown);

/* Are frames handed out lowest address first on a fresh pool? */
Test(frame, alloc_fresh_pool_ascending)
{
	for (u64 i = 0; i < NR; i++)
		cr_assert_eq(frame_alloc(&fp.pool), FAKE_HPA_BASE + i * PAGE_SIZE);
}

/* Does an exhausted pool say FRAME_NONE, and keep saying it? */
Test(frame, alloc_exhausted_returns_none)
{
	for (u64 i = 0; i < NR; i++)
		cr_assert_neq(frame_alloc(&fp.pool), FRAME_NONE);
	cr_assert_eq(frame_alloc(&fp.pool), FRAME_NONE);
	cr_assert_eq(frame_alloc_zeroed(&fp.pool), FRAME_NONE);
	cr_assert_eq(fp.pool.nr_free, 0);
	cr_assert_eq(frame_pool_used(&fp.pool), NR);
}

/* Is a freed frame the next one handed out (LIFO)? */
Test(frame, free_then_alloc_reuses_last_freed)
{
	hpa_t a = frame_alloc(&fp.pool), b = frame_alloc(&fp.pool);

	frame_free(&fp.pool, a);
	frame_free(&fp.pool, b);
	cr_assert_eq(frame_alloc(&fp.pool), b);
	cr_assert_eq(frame_alloc(&fp.pool), a);
}

/* After exhausting and freeing everything, is every frame available again, each once? */
Test(frame, free_all_after_exhaust_restores_all)
{
	hpa_t got[NR];
	bool seen[NR] = { false };

	for (u64 i = 0; i < NR; i++)
		got[i] = frame_alloc(&fp.pool);
	for (u64 i = 0; i < NR; i++)
		frame_free(&fp.pool, got[i]);
	cr_assert_eq(fp.pool.nr_free, NR);
	for (u64 i = 0; i < NR; i++) {
		u64 idx = (frame_alloc(&fp.pool) - FAKE_HPA_BASE) / PAGE_SIZE;

		cr_assert_lt(idx, NR);
		cr_assert_not(seen[idx], "frame %llu handed out twice",
			      (unsigned long long)idx);
		seen[idx] = true;
	}
}

/* Does frame_alloc_zeroed zero a frame that held data? */
Test(frame, alloc_zeroed_dirty_frame_is_zero)
{
	hpa_t h = frame_alloc(&fp.pool);
	u8 *p = frame_virt(&fp.pool, h), zero[PAGE_SIZE] = { 0 };

	memset(p, 0x5a, PAGE_SIZE);
	frame_free(&fp.pool, h);
	cr_assert_eq(frame_alloc_zeroed(&fp.pool), h);
	cr_assert_eq(memcmp(p, zero, PAGE_SIZE), 0);
}

/* Does frame_alloc leave contents alone (a swap-in overwrites them anyway)? */
Test(frame, alloc_plain_keeps_contents)
{
	u8 *p = frame_virt(&fp.pool, frame_alloc(&fp.pool));

	cr_assert_eq(p[0], 0xa5);
	cr_assert_eq(p[PAGE_SIZE - 1], 0xa5);
}

/* Is a foreign, misaligned, or double free ignored instead of corrupting the pool? */
Test(frame, free_foreign_or_double_is_ignored)
{
	hpa_t h = frame_alloc(&fp.pool);

	frame_free(&fp.pool, FAKE_HPA_BASE + NR * PAGE_SIZE);
	frame_free(&fp.pool, h + 8);
	cr_assert_eq(fp.pool.nr_free, NR - 1);
	frame_free(&fp.pool, h);
	frame_free(&fp.pool, h);
	cr_assert_eq(fp.pool.nr_free, NR);
}

/* Does frame_pool_owns accept exactly the pool's page-aligned HPAs? */
Test(frame, owns_table)
{
	static const struct { u64 hpa; bool owned; } cases[] = {
		{ FAKE_HPA_BASE, true },
		{ FAKE_HPA_BASE + (NR - 1) * PAGE_SIZE, true },
		{ FAKE_HPA_BASE + NR * PAGE_SIZE, false },
		{ FAKE_HPA_BASE - PAGE_SIZE, false },
		{ FAKE_HPA_BASE + 1, false },
		{ 0, false },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		cr_assert_eq(frame_pool_owns(&fp.pool, cases[i].hpa),
			     cases[i].owned, "hpa %#llx",
			     (unsigned long long)cases[i].hpa);
}

/* Does frame_virt translate through the region, offset included, and refuse outsiders? */
Test(frame, virt_translates_and_refuses_outside)
{
	cr_assert_eq(frame_virt(&fp.pool, FAKE_HPA_BASE + PAGE_SIZE + 12),
		     (u8 *)fp.mem + PAGE_SIZE + 12);
	cr_assert_null(frame_virt(&fp.pool, FAKE_HPA_BASE + NR * PAGE_SIZE));
	cr_assert_null(frame_virt(&fp.pool, 0));
}

/* Are a misaligned base, an empty region and no stack refused, and a partial last page dropped? */
Test(frame, pool_init_bad_regions_fail)
{
	struct frame_pool p;
	u32 stack[4];
	u8 *mem = fp.mem;

	cr_assert_eq(frame_pool_init(&p, (struct phys_region){ mem,
			FAKE_HPA_BASE + 8, 2 * PAGE_SIZE }, stack), -1);
	cr_assert_eq(frame_pool_init(&p, (struct phys_region){ mem,
			FAKE_HPA_BASE, PAGE_SIZE - 1 }, stack), -1);
	cr_assert_eq(frame_pool_init(&p, (struct phys_region){ mem,
			FAKE_HPA_BASE, PAGE_SIZE }, NULL), -1);
	cr_assert_eq(frame_pool_init(&p, (struct phys_region){ mem,
			FAKE_HPA_BASE, 2 * PAGE_SIZE + 100 }, stack), 0);
	cr_assert_eq(p.nr_frames, 2);
	cr_assert_eq(p.mem.size, 2 * PAGE_SIZE);
}
