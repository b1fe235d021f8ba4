/* boot/paging.h - faultline's identity map: 2 MiB pages over all of physical memory, 4- or 5-level. */
#ifndef FAULTLINE_PAGING_H
#define FAULTLINE_PAGING_H

#include "../include/types.h"

/*
 * Paging levels the firmware handed over with: 5 when CR4.LA57 is set.
 * Long mode cannot leave LA57 without leaving long mode, so faultline
 * builds its tables for whatever it finds.
 */
#define PAGING_LEVELS_4		4
#define PAGING_LEVELS_5		5

/* The highest address+1 an identity map of this many levels can reach: 256 TiB / 128 PiB. */
u64 paging_reach(int levels);

/* Pages paging_build() needs to map [0, top) with levels levels; top <= paging_reach(levels). */
u64 paging_tables_needed(u64 top, int levels);

/*
 * Build the identity map of [0, top) in tables (zeroed, page aligned,
 * paging_tables_needed() pages); returns the root, for CR3.
 */
u64 *paging_build(u64 *tables, u64 top, int levels);

#endif
