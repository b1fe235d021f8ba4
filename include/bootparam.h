/* include/bootparam.h - the x86 boot protocol: the bzImage setup header and the zero page (struct boot_params). Linux: arch/x86/include/uapi/asm/bootparam.h, Documentation/x86/boot.rst, zero-page.rst. */
#ifndef FAULTLINE_BOOTPARAM_H
#define FAULTLINE_BOOTPARAM_H

#include "types.h"

/* Where the setup header sits, in the bzImage file and in the zero page. */
#define SETUP_HEADER_OFFSET	0x1f1
/* The header's length is 0x202 + the byte at 0x201 (the jump's offset). */
#define SETUP_HEADER_JUMP_END	0x202
#define SETUP_HEADER_LEN_BYTE	0x201
/* The zero page keeps 0x1f1..0x290 for the header; EDD data follows. */
#define SETUP_HEADER_MAX_END	0x290
#define SETUP_SECTOR_SIZE	512
#define SETUP_SECTS_DEFAULT	4	/* setup_sects == 0 means 4 */

#define SETUP_HEADER_MAGIC	0x53726448u	/* "HdrS" */
#define BOOT_FLAG_MAGIC		0xaa55
/* 2.12 added xloadflags; XLF_KERNEL_64 says the 64-bit entry exists. */
#define BOOT_PROTOCOL_64BIT_MIN	0x020c

#define LOADED_HIGH		BIT(0)		/* loadflags */
#define CAN_USE_HEAP		BIT(7)
#define XLF_KERNEL_64		BIT(0)		/* xloadflags */
#define XLF_CAN_BE_LOADED_ABOVE_4G BIT(1)

#define TYPE_OF_LOADER_UNDEFINED 0xff	/* a boot loader with no ID */
/* The 64-bit entry point: startup_64, 0x200 past the protected-mode part. */
#define BZIMAGE_64BIT_ENTRY_OFFSET 0x200

struct setup_header {
	u8	setup_sects;
	u16	root_flags;
	u32	syssize;
	u16	ram_size;
	u16	vid_mode;
	u16	root_dev;
	u16	boot_flag;
	u16	jump;
	u32	header;
	u16	version;
	u32	realmode_swtch;
	u16	start_sys_seg;
	u16	kernel_version;
	u8	type_of_loader;
	u8	loadflags;
	u16	setup_move_size;
	u32	code32_start;
	u32	ramdisk_image;
	u32	ramdisk_size;
	u32	bootsect_kludge;
	u16	heap_end_ptr;
	u8	ext_loader_ver;
	u8	ext_loader_type;
	u32	cmd_line_ptr;
	u32	initrd_addr_max;
	u32	kernel_alignment;
	u8	relocatable_kernel;
	u8	min_alignment;
	u16	xloadflags;
	u32	cmdline_size;
	u32	hardware_subarch;
	u64	hardware_subarch_data;
	u32	payload_offset;
	u32	payload_length;
	u64	setup_data;
	u64	pref_address;
	u32	init_size;
	u32	handover_offset;
	u32	kernel_info_offset;
} __attribute__((packed));

#define E820_MAX_ENTRIES_ZEROPAGE 128
#define E820_TYPE_RAM		1
#define E820_TYPE_RESERVED	2

struct boot_e820_entry {
	u64 addr;
	u64 size;
	u32 type;
} __attribute__((packed));

/* The zero page: only the fields faultline fills are named. */
struct boot_params {
	u8	_pad0[0x70];
	u64	acpi_rsdp_addr;			/* 0x070 */
	u8	_pad1[0x1e8 - 0x78];
	u8	e820_entries;			/* 0x1e8 */
	u8	_pad2[SETUP_HEADER_OFFSET - 0x1e9];
	struct setup_header hdr;		/* 0x1f1 */
	u8	_pad3[0x2d0 - 0x26c];
	struct boot_e820_entry e820_table[E820_MAX_ENTRIES_ZEROPAGE]; /* 0x2d0 */
	u8	_pad5[0x1000 - 0x2d0 - 20 * E820_MAX_ENTRIES_ZEROPAGE];
} __attribute__((packed));

_Static_assert(sizeof(struct setup_header) == 0x26c - SETUP_HEADER_OFFSET,
	       "setup_header ends at 0x26c, after kernel_info_offset");
_Static_assert(sizeof(struct boot_params) == 0x1000,
	       "the zero page is one page");
_Static_assert(offsetof(struct boot_params, hdr) == SETUP_HEADER_OFFSET,
	       "hdr at 0x1f1");
_Static_assert(offsetof(struct boot_params, e820_table) == 0x2d0,
	       "e820_table at 0x2d0");

#endif
