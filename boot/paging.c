/* boot/paging.c - faultline's own identity page tables, 2 MiB pages over all of physical memory, under 4- or 5-level paging. Linux: arch/x86/kernel/head64.c (early identity map). */
#include "paging.h"
#include "../include/x86.h"

#define ENTRIES		512
#define ENTRY_SHIFT	9		/* log2(ENTRIES): bits per level */
#define PD_LEVEL	2		/* the level whose entries are 2 MiB pages */

/*
 * faultline addresses everything by its physical address: EPT tables,
 * frames, the VMCS, MMIO. One identity map keeps HPA == pointer; the
 * firmware's tables would do too, but they live in boot-services memory
 * and may carry the firmware's NX/read-only policies.
 *
 * Levels count from the leaf up, as the SDM's walk does: an entry of a
 * level-n table maps span(n - 1) bytes, so a level-2 table (PD) maps
 * 512 x 2 MiB = 1 GiB, a PDPT 512 GiB, a PML4 256 TiB, a PML5 128 PiB:
 *
 *   tables: [root][level levels-1 ...]...[PDPTs][PDs]
 *
 * Tables of one level sit side by side, so entry i of a level points to
 * table i of the level below. There is no 512 GiB ceiling: top decides
 * how many PDs and PDPTs there are; only the root is single.
 */
static u64 span(int level)
{
	return PAGE_SIZE << (ENTRY_SHIFT * level);	/* bytes one table maps */
}

static u64 tables_at(u64 top, int level)
{
	return (top + span(level) - 1) / span(level);
}

u64 paging_reach(int levels)
{
	return span(levels);
}

u64 paging_tables_needed(u64 top, int levels)
{
	u64 n = 1;	/* the root */

	for (int level = PD_LEVEL; level < levels; level++)
		n += tables_at(top, level);
	return n;
}

u64 *paging_build(u64 *tables, u64 top, int levels)
{
	u64 *level_tables[PAGING_LEVELS_5 + 1];
	u64 *next = tables + ENTRIES;	/* after the root */

	level_tables[levels] = tables;
	for (int level = levels - 1; level >= PD_LEVEL; level--) {
		level_tables[level] = next;
		next += tables_at(top, level) * ENTRIES;
	}
	for (u64 i = 0; i < tables_at(top, PD_LEVEL) * ENTRIES; i++)
		level_tables[PD_LEVEL][i] = i * span(PD_LEVEL - 1) |
					    _PAGE_PRESENT | _PAGE_RW |
					    _PAGE_PSE;
	for (int level = PD_LEVEL + 1; level <= levels; level++)
		for (u64 i = 0; i < tables_at(top, level - 1); i++)
			level_tables[level][i] = (u64)(uintptr_t)
				(level_tables[level - 1] + i * ENTRIES) |
				_PAGE_PRESENT | _PAGE_RW;
	return tables;
}
