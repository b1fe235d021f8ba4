/* boot/guest_boot.h - building the guest's entry environment. */
#ifndef FAULTLINE_GUEST_BOOT_H
#define FAULTLINE_GUEST_BOOT_H

#include "../mm/mmu.h"

/* 0, or -1 if no frame was left for these pages. */
int guest_boot_setup(struct mm *mm, const char *cmdline, u64 tsc_hz,
		     gpa_t first_free_gpa);

#endif
