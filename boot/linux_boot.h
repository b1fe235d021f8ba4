/* boot/linux_boot.h - putting a Linux kernel, its initrd and command line into guest memory, with the zero page, e820 and ACPI it boots from. */
#ifndef FAULTLINE_LINUX_BOOT_H
#define FAULTLINE_LINUX_BOOT_H

#include "bundle.h"
#include "bzimage.h"
#include "guest_boot.h"

/* Where linux_boot_plan() put each part. */
struct linux_layout {
	struct bzimage bz;
	gpa_t initrd_gpa;	/* 0 with no initrd */
	u64 initrd_size;
	u64 cmdline_len;	/* bytes before the NUL */
};

/*
 * Check the kernel and decide where everything goes in guest_mem bytes of
 * guest memory, touching none of it. 0, or -1 and one line in err.
 */
int linux_boot_plan(const struct bundle_parts *parts, u64 guest_mem,
		    struct linux_layout *l, char *err, size_t errlen);

/*
 * The zero page for a planned layout: the setup header copied from the
 * image, then what a boot loader fills (boot.rst, zero-page.rst):
 * type_of_loader, cmd_line_ptr, the ramdisk, the e820 map of guest_mem
 * (low RAM, the reserved BIOS area with the ACPI tables, RAM from 1 MiB),
 * acpi_rsdp_addr. Pure: host tests check it field by field.
 */
void linux_fill_boot_params(struct boot_params *bp, const u8 *image,
			    const struct linux_layout *l, u64 guest_mem);

/*
 * Load a planned layout into guest memory: the kernel's protected-mode
 * part, the initrd, the command line, the zero page, the ACPI tables, the
 * GDT and identity map; fill entry. 0, or -1 and err if frames ran out.
 */
int linux_boot_load(struct mm *mm, const struct bundle_parts *parts,
		    const struct linux_layout *l, struct guest_entry *entry,
		    char *err, size_t errlen);

#endif
