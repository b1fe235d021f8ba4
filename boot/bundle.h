/* boot/bundle.h - checking a Linux boot bundle (include/boot_bundle.h). */
#ifndef FAULTLINE_BOOT_BUNDLE_CHECK_H
#define FAULTLINE_BOOT_BUNDLE_CHECK_H

#include "../include/boot_bundle.h"

struct bundle_parts {
	const u8 *kernel, *initrd;
	const char *cmdline;
	u64 kernel_size, initrd_size, cmdline_size;
};

/*
 * Fletcher-style sum of 32-bit little-endian words (a missing tail reads
 * as zeros): cheap under an emulator, and it sees swapped or lost words.
 */
u64 fl_bundle_checksum(const u8 *p, u64 len);

/*
 * Is the header at p sound on its own: magic, version, header size, a
 * total size in [header_size, FL_BUNDLE_MAX] and no more than avail? Its
 * total_size is then safe to map or read. 0, or -1 and one line in err.
 */
int bundle_check_header(const struct fl_bundle_header *h, u64 avail,
			char *err, size_t errlen);

/*
 * The whole bundle (total_size bytes at p, header already checked): the
 * checksum, and each part inside the bundle. Fills parts. 0, or -1 and err.
 */
int bundle_check(const u8 *p, struct bundle_parts *parts, char *err,
		 size_t errlen);

#endif
