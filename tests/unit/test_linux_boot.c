/* tests/unit/test_linux_boot.c - host tests for boot/linux_boot.c and boot/bundle.c: where the kernel, initrd and command line go, the zero page field by field (e820, ramdisk, cmdline, RSDP), a whole load into guest memory, and bundles refused when corrupt. unit-sources: boot/bzimage.c boot/acpi.c boot/guest_boot.c boot/bundle.c */
#include <criterion/criterion.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mm_fixture.h"
#include "../../boot/acpi.h"
#include "../../boot/linux_boot.h"
#include "../../include/acpi.h"
#include "../../include/guest_abi.h"

#define GUEST_MEM	MiB(64)
#define SETUP_SECTS	3
#define PM_BYTES	(3 * PAGE_SIZE + 100)
#define INITRD_BYTES	(2 * PAGE_SIZE + 7)
#define CMDLINE		"console=ttyS0 rdinit=/init"
#define INITRD_MAX	0x37ffffff
#define FETCHED_KERNEL	"build/linux/vmlinuz"	/* make linux */
#define LINUX_GUEST_MEM	MiB(256)	/* the harness's default for Linux */

struct image {
	u8 setup[(SETUP_SECTS + 1) * 512];
	u8 pm[PM_BYTES];
};

static struct image img;
static u8 initrd[INITRD_BYTES];
static struct bundle_parts parts;
static struct linux_layout l;
static char err[200];

static struct setup_header *hdr(void)
{
	return (struct setup_header *)(img.setup + SETUP_HEADER_OFFSET);
}

static void setup(void)
{
	memset(&img, 0, sizeof(img));
	hdr()->setup_sects = SETUP_SECTS;
	hdr()->boot_flag = BOOT_FLAG_MAGIC;
	img.setup[SETUP_HEADER_LEN_BYTE] = 0x6a;
	hdr()->header = SETUP_HEADER_MAGIC;
	hdr()->version = 0x020f;
	hdr()->loadflags = LOADED_HIGH;
	hdr()->initrd_addr_max = INITRD_MAX;
	hdr()->kernel_alignment = MiB(2);
	hdr()->xloadflags = XLF_KERNEL_64;
	hdr()->cmdline_size = 255;
	hdr()->pref_address = MiB(16);
	hdr()->init_size = MiB(8);
	for (unsigned i = 0; i < PM_BYTES; i++)
		img.pm[i] = (u8)(i * 13 + 5);
	for (unsigned i = 0; i < INITRD_BYTES; i++)
		initrd[i] = (u8)(i * 3 + 1);
	parts = (struct bundle_parts){
		.kernel = (const u8 *)&img, .kernel_size = sizeof(img),
		.initrd = initrd, .initrd_size = INITRD_BYTES,
		.cmdline = CMDLINE, .cmdline_size = strlen(CMDLINE),
	};
}

TestSuite(linux_boot, .init = setup);

/* Is the initrd put page-aligned at the top of guest memory, above the kernel's init_size? */
Test(linux_boot, initrd_at_top)
{
	cr_assert_eq(linux_boot_plan(&parts, GUEST_MEM, &l, err, sizeof(err)),
		     0, "%s", err);
	cr_assert_eq(l.initrd_gpa % PAGE_SIZE, 0);
	cr_assert_eq(l.initrd_gpa, (GUEST_MEM - INITRD_BYTES) & PAGE_MASK);
	cr_assert_leq(l.initrd_gpa + l.initrd_size, GUEST_MEM);
	cr_assert_geq(l.initrd_gpa, MiB(16) + MiB(8));
	cr_assert_eq(l.cmdline_len, strlen(CMDLINE));
}

/* Does initrd_addr_max cap the initrd below the end of a bigger guest memory? */
Test(linux_boot, initrd_below_addr_max)
{
	cr_assert_eq(linux_boot_plan(&parts, GiB(2), &l, err, sizeof(err)),
		     0, "%s", err);
	cr_assert_leq(l.initrd_gpa + l.initrd_size, (u64)INITRD_MAX + 1);
	cr_assert_eq(l.initrd_gpa, ((u64)INITRD_MAX + 1 - INITRD_BYTES) &
				   PAGE_MASK);
}

/* Is an initrd that cannot fit above the kernel refused, naming guest_mem? */
Test(linux_boot, initrd_too_big)
{
	parts.initrd_size = MiB(40) + 1;
	cr_assert_eq(linux_boot_plan(&parts, GUEST_MEM, &l, err, sizeof(err)),
		     -1);
	cr_assert(strstr(err, "initrd") && strstr(err, "guest_mem"), "%s", err);
}

/* Is a command line longer than the kernel's cmdline_size refused? */
Test(linux_boot, cmdline_too_long)
{
	hdr()->cmdline_size = 8;
	cr_assert_eq(linux_boot_plan(&parts, GUEST_MEM, &l, err, sizeof(err)),
		     -1);
	cr_assert(strstr(err, "command line"), "%s", err);
}

/* Is a bad kernel refused through the plan, with bzimage's line? */
Test(linux_boot, bad_kernel_refused)
{
	hdr()->header = 0;
	cr_assert_eq(linux_boot_plan(&parts, GUEST_MEM, &l, err, sizeof(err)),
		     -1);
	cr_assert(strstr(err, "HdrS"), "%s", err);
}

/* Does the zero page carry the copied header and every field a loader must fill, with e820 from guest_mem? */
Test(linux_boot, zero_page_fields)
{
	static struct boot_params bp;

	cr_assert_eq(linux_boot_plan(&parts, GUEST_MEM, &l, err, sizeof(err)),
		     0, "%s", err);
	linux_fill_boot_params(&bp, (const u8 *)&img, &l, GUEST_MEM);
	cr_assert_eq(bp.hdr.header, SETUP_HEADER_MAGIC, "header copied");
	cr_assert_eq(bp.hdr.pref_address, MiB(16));
	cr_assert_eq(bp.hdr.type_of_loader, 0xff);
	cr_assert_eq(bp.hdr.cmd_line_ptr, FL_LINUX_CMDLINE_GPA);
	cr_assert_eq(bp.hdr.ramdisk_image, l.initrd_gpa);
	cr_assert_eq(bp.hdr.ramdisk_size, INITRD_BYTES);
	cr_assert_eq(bp.acpi_rsdp_addr, FL_LINUX_ACPI_GPA);
	cr_assert_eq(bp.e820_entries, 3);
	cr_assert_eq(bp.e820_table[0].addr, 0);
	cr_assert_eq(bp.e820_table[0].size, 0x9fc00);
	cr_assert_eq(bp.e820_table[0].type, E820_TYPE_RAM);
	cr_assert_eq(bp.e820_table[1].addr, 0x9fc00);
	cr_assert_eq(bp.e820_table[1].addr + bp.e820_table[1].size, MiB(1));
	cr_assert_eq(bp.e820_table[1].type, E820_TYPE_RESERVED);
	cr_assert(FL_LINUX_ACPI_GPA >= bp.e820_table[1].addr &&
		  FL_LINUX_ACPI_GPA + ACPI_TABLES_SIZE <= MiB(1),
		  "the ACPI tables lie in the reserved range");
	cr_assert_eq(bp.e820_table[2].addr, MiB(1));
	cr_assert_eq(bp.e820_table[2].addr + bp.e820_table[2].size, GUEST_MEM);
	cr_assert_eq(bp.e820_table[2].type, E820_TYPE_RAM);
	/* Nothing past the header's own bytes was copied from the file. */
	cr_assert_eq(((u8 *)&bp)[0x202 + img.setup[0x201]], 0);
}

/*
 * Is every setup-header byte of Debian's real bzImage (when make linux
 * fetched it; else the synthetic one) in the zero page as in the file,
 * except the four fields a loader writes, and nothing past the header?
 */
Test(linux_boot, zero_page_from_real_bzimage)
{
	static const struct {
		size_t offset, size;
	} loader_fields[] = {
		{ offsetof(struct boot_params, hdr.type_of_loader), 1 },
		{ offsetof(struct boot_params, hdr.ramdisk_image), 4 },
		{ offsetof(struct boot_params, hdr.ramdisk_size), 4 },
		{ offsetof(struct boot_params, hdr.cmd_line_ptr), 4 },
	};
	static struct boot_params bp;
	FILE *f = fopen(FETCHED_KERNEL, "rb");
	struct bundle_parts p = parts;
	u8 *kernel = (u8 *)&img;
	u64 guest_mem = GUEST_MEM, end;

	if (f) {
		fseek(f, 0, SEEK_END);
		p.kernel_size = (u64)ftell(f);
		fseek(f, 0, SEEK_SET);
		kernel = malloc(p.kernel_size);
		cr_assert(kernel && fread(kernel, 1, p.kernel_size, f) ==
				    p.kernel_size);
		fclose(f);
		p.kernel = kernel;
		guest_mem = LINUX_GUEST_MEM;
	}
	cr_assert_eq(linux_boot_plan(&p, guest_mem, &l, err, sizeof(err)), 0,
		     "%s", err);
	linux_fill_boot_params(&bp, kernel, &l, guest_mem);
	end = SETUP_HEADER_LEN_BYTE + 1 + kernel[SETUP_HEADER_LEN_BYTE];
	cr_assert_eq(l.bz.hdr_end, end, "the header ends where byte 0x201 says");
	for (size_t i = SETUP_HEADER_OFFSET; i < end; i++) {
		bool written = false;

		for (size_t j = 0; j < ARRAY_SIZE(loader_fields); j++)
			written |= i >= loader_fields[j].offset &&
				   i < loader_fields[j].offset +
				       loader_fields[j].size;
		if (!written)
			cr_assert_eq(((u8 *)&bp)[i], kernel[i],
				     "zero page byte %#zx differs from the file",
				     i);
	}
	cr_assert_eq(bp.hdr.type_of_loader, TYPE_OF_LOADER_UNDEFINED);
	cr_assert_eq(bp.hdr.cmd_line_ptr, FL_LINUX_CMDLINE_GPA);
	cr_assert_eq(bp.hdr.ramdisk_image, l.initrd_gpa);
	cr_assert_eq(bp.hdr.ramdisk_size, INITRD_BYTES);
	cr_assert(bp.hdr.version >= 0x020c && bp.hdr.xloadflags & XLF_KERNEL_64);
	cr_assert_eq(l.bz.entry, bp.hdr.pref_address + 0x200);
	for (size_t i = end; i < sizeof(bp.hdr) + SETUP_HEADER_OFFSET; i++)
		cr_assert_eq(((u8 *)&bp)[i], 0, "byte %#zx past the header", i);
	if (kernel != (u8 *)&img)
		free(kernel);
}

/* Does a whole load put the kernel, initrd, command line, zero page, ACPI and entry state where the layout says? */
Test(linux_boot, load_into_guest_memory)
{
	static struct mm_fixture f;
	struct guest_entry e;
	struct boot_params *bp;

	mm_fixture_init(&f, 64, GUEST_MEM / PAGE_SIZE, 0);
	cr_assert_eq(linux_boot_plan(&parts, GUEST_MEM, &l, err, sizeof(err)),
		     0, "%s", err);
	cr_assert_eq(linux_boot_load(&f.mm, &parts, &l, &e, err, sizeof(err)),
		     0, "%s", err);
	for (unsigned i = 0; i < PM_BYTES; i++)
		cr_assert_eq(*(u8 *)mm_gpa_to_virt(&f.mm, MiB(16) + i), img.pm[i]);
	for (unsigned i = 0; i < INITRD_BYTES; i++)
		cr_assert_eq(*(u8 *)mm_gpa_to_virt(&f.mm, l.initrd_gpa + i),
			     initrd[i]);
	cr_assert_str_eq(mm_gpa_to_virt(&f.mm, FL_LINUX_CMDLINE_GPA), CMDLINE);
	bp = mm_gpa_to_virt(&f.mm, FL_LINUX_ZERO_PAGE_GPA);
	cr_assert_eq(bp->hdr.ramdisk_image, l.initrd_gpa);
	cr_assert(!memcmp(mm_gpa_to_virt(&f.mm, FL_LINUX_ACPI_GPA), "RSD PTR ",
			  8));
	cr_assert_eq(e.rip, MiB(16) + 0x200);
	cr_assert_eq(e.rsi, FL_LINUX_ZERO_PAGE_GPA);
	cr_assert_eq(e.sel_code, 0x10);
	cr_assert_eq(e.sel_data, 0x18);
	cr_assert_eq(((u64 *)mm_gpa_to_virt(&f.mm, FL_GUEST_GDT_GPA))[2] >> 53 & 1,
		     1, "0x10 is a 64-bit code segment (L)");
	mm_fixture_fini(&f);
}

/* Does a bundle built like tools/mkbundle's pass, and does one flipped byte or a part out of bounds fail? */
Test(bundle, check_and_corruption)
{
	static u8 buf[3 * PAGE_SIZE];
	struct fl_bundle_header *h = (void *)buf;
	struct bundle_parts p;

	*h = (struct fl_bundle_header){ .magic = FL_BUNDLE_MAGIC,
		.version = FL_BUNDLE_VERSION, .header_size = sizeof(*h),
		.total_size = sizeof(buf), .kernel_offset = PAGE_SIZE,
		.kernel_size = PAGE_SIZE, .initrd_offset = 2 * PAGE_SIZE,
		.initrd_size = 100, .cmdline_offset = 2 * PAGE_SIZE + 100,
		.cmdline_size = 5 };
	for (unsigned i = sizeof(*h); i < sizeof(buf); i++)
		buf[i] = (u8)i;
	h->checksum = fl_bundle_checksum(buf + sizeof(*h),
					 sizeof(buf) - sizeof(*h));
	cr_assert_eq(bundle_check_header(h, sizeof(buf), err, sizeof(err)), 0,
		     "%s", err);
	cr_assert_eq(bundle_check(buf, &p, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(p.kernel, buf + PAGE_SIZE);
	cr_assert_eq(p.cmdline_size, 5);

	buf[PAGE_SIZE + 17] ^= 1;
	cr_assert_eq(bundle_check(buf, &p, err, sizeof(err)), -1);
	cr_assert(strstr(err, "checksum"), "%s", err);
	buf[PAGE_SIZE + 17] ^= 1;

	h->initrd_size = PAGE_SIZE + 1;	/* past the end */
	cr_assert_eq(bundle_check(buf, &p, err, sizeof(err)), -1);
	h->initrd_size = 100;

	cr_assert_eq(bundle_check_header(h, sizeof(buf) - 1, err, sizeof(err)),
		     -1, "bigger than what is there");
	h->magic = 0;
	cr_assert_eq(bundle_check_header(h, sizeof(buf), err, sizeof(err)), -1);
	cr_assert(strstr(err, "magic"), "%s", err);
	h->magic = FL_BUNDLE_MAGIC;
	h->version = 2;
	cr_assert_eq(bundle_check_header(h, sizeof(buf), err, sizeof(err)), -1);
	cr_assert(strstr(err, "version"), "%s", err);
}
