/* boot/bzimage.h - loading a Linux bzImage by the 64-bit boot protocol. */
#ifndef FAULTLINE_BZIMAGE_H
#define FAULTLINE_BZIMAGE_H

#include "../include/bootparam.h"
#include "../mm/mmu.h"

/* What the setup header says, once checked. */
struct bzimage {
	struct setup_header hdr;	/* as in the file */
	u64 hdr_end;		/* file offset where the header ends */
	u64 pm_offset;		/* the protected-mode part: (setup_sects+1)*512 */
	u64 pm_size;
	gpa_t load_addr;	/* pref_address */
	u64 init_size;		/* bytes from load_addr the kernel may use */
	gpa_t entry;		/* load_addr + 0x200: startup_64 */
};

/*
 * Check a bzImage's setup header for what faultline's 64-bit entry needs
 * (boot_flag, "HdrS", protocol >= 2.12 with XLF_KERNEL_64, a bzImage,
 * sane sizes) and that [pref_address, pref_address + init_size) fits in
 * guest memory of guest_mem bytes above FL_GUEST_LOAD_MIN. 0, or -1 with
 * one line in err naming the field.
 */
int bzimage_parse(const u8 *image, u64 size, u64 guest_mem,
		  struct bzimage *bz, char *err, size_t errlen);

/*
 * Copy bytes into guest memory at gpa, page by page; the pages stay
 * evictable (only the boot-time structures are pinned). 0, or -1 if a
 * frame ran out.
 */
int guest_copy_in(struct mm *mm, gpa_t gpa, const u8 *bytes, u64 len);

#endif
