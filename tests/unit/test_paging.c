/* tests/unit/test_paging.c - host tests for boot/paging.c: faultline's identity map under 4- and 5-level paging, past 512 GiB. */
#include <stdlib.h>
#include <criterion/criterion.h>
#include "../../boot/paging.h"
#include "../../include/x86.h"

#define ENTRIES	512

/* Walk tables as the CPU would for a 2 MiB page; the PA it maps, or ~0. */
static u64 walk(u64 *root, int levels, u64 va)
{
	u64 *t = root;

	for (int level = levels; level > 2; level--) {
		u64 e = t[(va >> (12 + 9 * (level - 1))) & (ENTRIES - 1)];

		if (!(e & _PAGE_PRESENT) || (e & _PAGE_PSE))
			return ~0ull;
		t = (u64 *)(uintptr_t)(e & PTE_ADDR_MASK);
	}
	u64 pde = t[(va >> 21) & (ENTRIES - 1)];

	if (!(pde & _PAGE_PRESENT) || !(pde & _PAGE_PSE) || !(pde & _PAGE_RW))
		return ~0ull;
	return (pde & PTE_ADDR_MASK) + (va & (MiB(2) - 1));
}

static u64 *build(u64 top, int levels, u64 *nr)
{
	*nr = paging_tables_needed(top, levels);
	u64 *tables = aligned_alloc(PAGE_SIZE, *nr * PAGE_SIZE);

	cr_assert_not_null(tables);
	memset(tables, 0, *nr * PAGE_SIZE);
	return paging_build(tables, top, levels);
}

/* Do 4 GiB take the old count: PML4 + PDPT + 4 PDs? */
Test(paging, tables_needed_table)
{
	static const struct { u64 top; int levels; u64 want; } cases[] = {
		{ GiB(4), 4, 6 },
		{ GiB(512), 4, 514 },
		{ GiB(513), 4, 1 + 2 + 513 },		/* a second PDPT */
		{ GiB(4), 5, 7 },			/* a PML5 on top */
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		cr_assert_eq(paging_tables_needed(cases[i].top, cases[i].levels),
			     cases[i].want, "case %zu", i);
	cr_assert_eq(paging_reach(4), 1ull << 48);
	cr_assert_eq(paging_reach(5), 1ull << 57);
}

/* Is every 2 MiB of [0, 4 GiB) mapped to itself, and nothing beyond? */
Test(paging, identity_4_level)
{
	u64 nr, *root = build(GiB(4), 4, &nr);

	for (u64 va = 0; va < GiB(4); va += MiB(2))
		cr_assert_eq(walk(root, 4, va + 0x1234), va + 0x1234,
			     "va %#llx", (unsigned long long)va);
	cr_assert_eq(walk(root, 4, GiB(4)), ~0ull);
	free(root);
}

/* Does a map past 512 GiB (the old ceiling) reach its last page? */
Test(paging, beyond_512_gib)
{
	u64 top = GiB(513), nr, *root = build(top, 4, &nr);

	cr_assert_eq(walk(root, 4, GiB(512) + MiB(6)), GiB(512) + MiB(6));
	cr_assert_eq(walk(root, 4, top - MiB(2)), top - MiB(2));
	cr_assert_eq(walk(root, 4, GiB(511)), GiB(511));
	free(root);
}

/* Under LA57, does the PML5 lead to the same identity map? */
Test(paging, identity_5_level)
{
	u64 nr, *root = build(GiB(4), 5, &nr);

	cr_assert_eq(nr, 7);
	for (u64 va = 0; va < GiB(4); va += GiB(1) / 2)
		cr_assert_eq(walk(root, 5, va), va);
	cr_assert_eq(walk(root, 5, GiB(4)), ~0ull);
	free(root);
}
