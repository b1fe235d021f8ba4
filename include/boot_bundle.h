/* include/boot_bundle.h - the Linux boot bundle: kernel, initrd and command line in one checksummed blob, preloaded into RAM by the engine or read from the boot volume. No Linux twin (a boot loader's own format). */
#ifndef FAULTLINE_BOOT_BUNDLE_H
#define FAULTLINE_BOOT_BUNDLE_H

#include "types.h"

/*
 * tools/mkbundle writes it; tools/run-faultline hands it over by the
 * engine's fast route: QEMU preloads it into RAM at FL_BUNDLE_PRELOAD_HPA
 * (-device loader), Bochs gets it as a raw disk on an ISA ATA channel
 * (include/ata.h) that faultline reads by PIO; with PRELOAD=off it is
 * FL_BUNDLE_FILE on the boot volume. faultline claims a preload range from
 * the firmware, checks header and checksum, and only then trusts a byte; a
 * route that has no sound bundle is named in one line and the next one is
 * tried (boot/efi_bundle.c).
 *
 * The address is host-physical RAM that OVMF leaves alone when the
 * machine has at least FL_BUNDLE_MACHINE_MIN of RAM: OVMF allocates from
 * the top of memory down, and its fixed regions lie below 16 MiB. Bochs's
 * optramimage could preload there too, but Debian's Bochs 2.7 maps guest
 * RAM in 1 MiB blocks on first touch and reads the image in one piece
 * from its first block's host address on, so all but the first MiB lands
 * in blocks OVMF later takes (docs/linux-guest.md).
 */
#define FL_BUNDLE_PRELOAD_HPA	0x20000000ull	/* 512 MiB */
#define FL_BUNDLE_MACHINE_MIN	MiB(1024)
#define FL_BUNDLE_MAX		MiB(256)
#define FL_BUNDLE_FILE		"linux.bundle"

#define FL_BUNDLE_MAGIC		0x314c444e55424c46ull	/* "FLBUNDL1" */
#define FL_BUNDLE_VERSION	1
#define FL_BUNDLE_ALIGN		4096	/* each part starts on a page */

struct fl_bundle_header {
	u64 magic;		/* FL_BUNDLE_MAGIC */
	u32 version;		/* FL_BUNDLE_VERSION */
	u32 header_size;	/* sizeof(struct fl_bundle_header) */
	u64 total_size;		/* header + parts, bytes */
	u64 checksum;		/* fl_bundle_checksum of [header_size, total_size) */
	u64 kernel_offset, kernel_size;		/* the bzImage */
	u64 initrd_offset, initrd_size;		/* 0 size: none */
	u64 cmdline_offset, cmdline_size;	/* text, no NUL */
};

#endif
