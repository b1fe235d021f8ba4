/* boot/host_cpu.h - the host CPU's identity and the features faultline checks before relying on them. */
#ifndef FAULTLINE_HOST_CPU_H
#define FAULTLINE_HOST_CPU_H

#include "paging.h"

/* One line naming the CPU; a line per missing required feature, then stop. */
void host_cpu_check(void);

/* PAGING_LEVELS_5 if the firmware handed over with CR4.LA57 (said in one line), else 4. */
int host_paging_levels(void);

#endif
