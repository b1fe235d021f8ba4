/* boot/guest_loader.h - the guest ELF loader. */
#ifndef FAULTLINE_GUEST_LOADER_H
#define FAULTLINE_GUEST_LOADER_H

#include "../mm/mmu.h"

struct guest_image {
	gpa_t entry;	/* e_entry */
	gpa_t end;	/* first page above every PT_LOAD segment */
};

/*
 * Check image (size bytes) is a static x86-64 ELF executable whose PT_LOAD
 * segments lie in [FL_GUEST_LOAD_MIN, guest memory) and whose entry is in
 * an executable one; then copy the file bytes in. 0, or -1 with a
 * one-line reason in err and guest memory untouched.
 */
int guest_load_elf(struct mm *mm, const u8 *image, u64 size,
		   struct guest_image *out, char *err, size_t errlen);

#endif
