/* boot/paging.c - faultline's own identity page tables, 2 MiB pages over all of physical memory. Linux: arch/x86/kernel/head64.c (early identity map). */
#include "paging.h"
#include "../include/x86.h"
#include "../vmm/portio.h"

#define ENTRIES		512
#define PAGE_2M		MiB(2)

/*
 * faultline addresses everything by its physical address: EPT tables,
 * frames, the VMCS, MMIO. One identity map keeps HPA == pointer; the
 * firmware's tables would do too, but they live in boot-services memory
 * and may carry the firmware's NX/read-only policies.
 *
 * tables: zeroed, page aligned, paging_tables_needed(top) pages.
 */
u64 paging_tables_needed(u64 top)
{
	return 2 + ALIGN_UP(top, GiB(1)) / GiB(1);	/* PML4 + PDPT + PDs */
}

void paging_install(u64 *tables, u64 top)
{
	u64 *pml4 = tables, *pdpt = tables + ENTRIES, *pd = tables + 2 * ENTRIES;
	u64 nr_pd = ALIGN_UP(top, GiB(1)) / GiB(1);

	pml4[0] = (u64)(uintptr_t)pdpt | _PAGE_PRESENT | _PAGE_RW;
	for (u64 g = 0; g < nr_pd; g++)
		pdpt[g] = (u64)(uintptr_t)(pd + g * ENTRIES) |
			  _PAGE_PRESENT | _PAGE_RW;
	for (u64 i = 0; i < nr_pd * ENTRIES; i++)
		pd[i] = i * PAGE_2M | _PAGE_PRESENT | _PAGE_RW | _PAGE_PSE;
	write_cr3((u64)(uintptr_t)pml4);
}
