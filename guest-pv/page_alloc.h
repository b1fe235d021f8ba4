/* guest-pv/page_alloc.h - guest-physical pages for guest-pv: its own (page tables, stacks, bookkeeping) and the workload's, each counted. Linux: mm/memblock.c (memblock_alloc), much reduced. */
#ifndef GUEST_PAGE_ALLOC_H
#define GUEST_PAGE_ALLOC_H

#include "../include/guest_abi.h"

/* Hand out [first_free_gpa, guest_mem), lowest first; nothing is freed. */
void page_alloc_init(const struct fl_boot_info *bi);

/*
 * n zeroed pages for the guest's own use. Zeroing touches every one, so
 * each is one first touch (one EPT violation) counted in own_pages.
 * Panics when guest memory runs out.
 */
void *alloc_own_pages(u64 n);

/*
 * n pages for a workload, not touched here: they were never used, so they
 * are demand-zero (guest_abi.h) and the workload's first touch of each is
 * its own. Panics when guest memory runs out.
 */
gpa_t alloc_workload_pages(u64 n);

u64 own_pages_allocated(void);
u64 workload_pages_allocated(void);
u64 pages_free(void);

/*
 * The guest's own pages so far: the bss (guest.h) plus alloc_own_pages().
 * With the workload's pages, these are all the guest ever touches.
 */
u64 own_pages(void);

#endif
