/* guest-pv/heap.h - the guest's heap: a range of guest-virtual addresses backed lazily, page by page, in the guest's own page tables. Linux: mm/memory.c (handle_mm_fault, do_anonymous_page). */
#ifndef GUEST_HEAP_H
#define GUEST_HEAP_H

#include "../include/types.h"

/* #PF error code bits. Linux: arch/x86/include/asm/trap_pf.h. */
#define X86_PF_PROT	BIT(0)	/* 0: not present; 1: protection */
#define X86_PF_WRITE	BIT(1)
#define X86_PF_USER	BIT(2)
#define X86_PF_RSVD	BIT(3)
#define X86_PF_INSTR	BIT(4)

/*
 * The heap starts at GVA 512 GiB, PML4 slot 1, away from faultline's
 * identity map in slot 0. Nothing is mapped until it is touched.
 */
#define HEAP_PML4_SLOT	1
#define PML4_SHIFT	39
#define HEAP_BASE	((u64)HEAP_PML4_SLOT << PML4_SHIFT)

/* Reserve pages of heap; returns its first byte. Call once. */
void *heap_init(u64 pages);

/*
 * A not-present fault inside the heap: map a fresh guest page there (its
 * page-table pages too, if missing) and return true. Anything else is not
 * the heap's: false. Runs in the #PF handler, interrupts off.
 */
bool heap_handle_fault(u64 address, u64 error_code);

/* The GPA behind a heap address, or 0 if it is not mapped (for messages). */
gpa_t heap_gva_to_gpa(u64 address);

/* Guest page faults resolved by mapping a heap page. */
extern u64 guest_pf;

#endif
