/* boot/paging.h - faultline's identity map. */
#ifndef FAULTLINE_PAGING_H
#define FAULTLINE_PAGING_H

#include "../include/types.h"

/* Map [0, top) (top <= 512 GiB) with 2 MiB pages and load CR3. */
u64 paging_tables_needed(u64 top);
void paging_install(u64 *tables, u64 top);

#endif
