/* mm/page.h - clear and copy one 4 KiB page with x86 string instructions (general registers only). Linux: arch/x86/lib/clear_page_64.S (clear_page_rep), arch/x86/lib/copy_page_64.S. */
#ifndef FAULTLINE_MM_PAGE_H
#define FAULTLINE_MM_PAGE_H

#include "../include/types.h"

#define PAGE_QWORDS	(PAGE_SIZE / sizeof(u64))

/*
 * rep stosq / rep movsq move 8 bytes an iteration with RDI, RSI, RCX and
 * RAX only, so they fit faultline's -mgeneral-regs-only (no SSE state to
 * save). The direction flag is clear on entry to any C function (SysV
 * ABI). Measured against the word loop of memset/memcpy: BENCHMARKS.md.
 */
static inline void clear_page(void *page)
{
	u64 n = PAGE_QWORDS;

	__asm__ volatile("rep stosq"
			 : "+D"(page), "+c"(n) : "a"(0ull) : "memory");
}

static inline void copy_page(void *to, const void *from)
{
	u64 n = PAGE_QWORDS;

	__asm__ volatile("rep movsq"
			 : "+D"(to), "+S"(from), "+c"(n) : : "memory");
}

#endif
