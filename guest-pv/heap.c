/* guest-pv/heap.c - the lazily mapped heap: on a not-present #PF inside it, take a fresh guest page and map it in the guest's own 4-level page tables. Linux: mm/memory.c (__handle_mm_fault, do_anonymous_page), mm/pgtable-generic.c (pte_alloc). */
#include "heap.h"
#include "page_alloc.h"
#include "lib/hypercall.h"
#include "lib/printk.h"
#include "lib/processor.h"

#define PTRS_PER_TABLE	512
#define PUD_SHIFT	30	/* PDPT entry: 1 GiB */
#define PMD_SHIFT	21	/* PD entry: 2 MiB */
#define TABLE_FLAGS	(_PAGE_PRESENT | _PAGE_RW)
#define HEAP_PTE_FLAGS	(_PAGE_PRESENT | _PAGE_RW | _PAGE_NX)	/* data only */

/* Top-level index coverage: the heap must stay inside its PML4 slot. */
#define PML4_SLOT_SIZE	(1ull << PML4_SHIFT)

static u64 heap_size;	/* bytes reserved */
u64 guest_pf;

void *heap_init(u64 pages)
{
	if (pages > PML4_SLOT_SIZE / PAGE_SIZE)
		panic("heap: %llu pages do not fit in one PML4 slot\n",
		      (unsigned long long)pages);
	heap_size = pages * PAGE_SIZE;
	return (void *)(uintptr_t)HEAP_BASE;
}

static unsigned table_index(u64 address, unsigned shift)
{
	return (address >> shift) & (PTRS_PER_TABLE - 1);
}

static u64 *table_at(u64 entry)
{
	return (u64 *)(uintptr_t)(entry & PTE_ADDR_MASK);	/* identity map */
}

/*
 * The next level's table behind *entry, allocated (zeroed: nothing below
 * is present) if missing. Linux: p4d_alloc(), pud_alloc(), pmd_alloc(),
 * pte_alloc().
 */
static u64 *table_alloc(u64 *entry)
{
	if (!(*entry & _PAGE_PRESENT))
		*entry = __pa(alloc_own_pages(1)) | TABLE_FLAGS;
	return table_at(*entry);
}

static u64 *pml4_table(void)
{
	return table_at(read_cr3());
}

static bool in_heap(u64 address)
{
	return address >= HEAP_BASE && address - HEAP_BASE < heap_size;
}

bool heap_handle_fault(u64 address, u64 error_code)
{
	u64 *pdpt, *pd, *pt, *pte;

	if (!in_heap(address) || (error_code & (X86_PF_PROT | X86_PF_RSVD)))
		return false;
	pdpt = table_alloc(&pml4_table()[table_index(address, PML4_SHIFT)]);
	pd = table_alloc(&pdpt[table_index(address, PUD_SHIFT)]);
	pt = table_alloc(&pd[table_index(address, PMD_SHIFT)]);
	pte = &pt[table_index(address, PAGE_SHIFT)];
	if (*pte & _PAGE_PRESENT)
		return false;	/* present yet faulting: not ours to paper over */

	/*
	 * A never-used guest page is demand-zero (guest_abi.h): no need to
	 * clear it, and its first touch is the workload's own, not ours.
	 * Not-present entries are never cached, so no INVLPG is needed.
	 */
	*pte = alloc_workload_pages(1) | HEAP_PTE_FLAGS;
	guest_pf++;
	return true;
}

gpa_t heap_gva_to_gpa(u64 address)
{
	u64 e = pml4_table()[table_index(address, PML4_SHIFT)];

	if (!(e & _PAGE_PRESENT))
		return 0;
	e = table_at(e)[table_index(address, PUD_SHIFT)];
	if (!(e & _PAGE_PRESENT))
		return 0;
	e = table_at(e)[table_index(address, PMD_SHIFT)];
	if (!(e & _PAGE_PRESENT))
		return 0;
	e = table_at(e)[table_index(address, PAGE_SHIFT)];
	if (!(e & _PAGE_PRESENT))
		return 0;
	return (e & PTE_ADDR_MASK) | (address & ~PAGE_MASK);
}
