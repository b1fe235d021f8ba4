/* boot/guest_boot.h - building the guest's entry environment. */
#ifndef FAULTLINE_GUEST_BOOT_H
#define FAULTLINE_GUEST_BOOT_H

#include "../mm/mmu.h"
#include "../include/guest_entry.h"

/*
 * The PV guest's entry (include/guest_abi.h): boot info, GDT, TSS and
 * identity page tables; entry gets RIP = elf_entry and RDI = the boot
 * info. 0, or -1 if no frame was left for these pages.
 */
int guest_boot_setup(struct mm *mm, const char *cmdline, u64 tsc_hz,
		     gpa_t first_free_gpa, gpa_t elf_entry,
		     struct guest_entry *entry);

/*
 * The GDT (with entry's selectors, flat 64-bit code and data, a busy TSS)
 * and the identity page tables of all guest memory, pinned. 0, or -1 if
 * no frame was left.
 */
int guest_boot_tables(struct mm *mm, const struct guest_entry *entry);

#endif
