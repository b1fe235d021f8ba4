/* tests/unit/test_bzimage.c - host tests for boot/bzimage.c: Debian's real bzImage header (when make linux fetched it) or a synthetic one is accepted with the right load address, size and entry; every bad field is refused with a line naming it. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../boot/bzimage.h"

#define FETCHED_KERNEL	"build/linux/vmlinuz"
#define GUEST_MEM	MiB(256)
#define SETUP_SECTS	27
#define PM_BYTES	(64 * 1024)
#define IMAGE_BYTES	((SETUP_SECTS + 1) * 512 + PM_BYTES)

static u8 *img;
static u64 img_size;
static bool real_kernel;
static struct bzimage bz;
static char err[200];

/* The header a 64-bit relocatable bzImage of protocol 2.15 has. */
static void synthetic(void)
{
	struct setup_header *h;

	img_size = IMAGE_BYTES;
	img = calloc(1, img_size);
	cr_assert(img);
	h = (struct setup_header *)(img + SETUP_HEADER_OFFSET);
	h->setup_sects = SETUP_SECTS;
	h->boot_flag = BOOT_FLAG_MAGIC;
	h->jump = 0x6aeb;	/* jmp to 0x26c: the header's end */
	img[SETUP_HEADER_LEN_BYTE] = 0x6a;
	h->header = SETUP_HEADER_MAGIC;
	h->version = 0x020f;
	h->loadflags = LOADED_HIGH;
	h->initrd_addr_max = 0x7fffffff;
	h->kernel_alignment = MiB(2);
	h->relocatable_kernel = 1;
	h->xloadflags = XLF_KERNEL_64 | XLF_CAN_BE_LOADED_ABOVE_4G;
	h->cmdline_size = 2047;
	h->pref_address = MiB(16);
	h->init_size = MiB(32);
}

static void setup(void)
{
	FILE *f = fopen(FETCHED_KERNEL, "rb");

	real_kernel = f != NULL;
	if (!f) {
		synthetic();
		return;
	}
	fseek(f, 0, SEEK_END);
	img_size = ftell(f);
	fseek(f, 0, SEEK_SET);
	img = malloc(img_size);
	cr_assert(img && fread(img, 1, img_size, f) == img_size);
	fclose(f);
}

static void teardown(void)
{
	free(img);
}

TestSuite(bzimage, .init = setup, .fini = teardown);

static struct setup_header *hdr(void)
{
	return (struct setup_header *)(img + SETUP_HEADER_OFFSET);
}

/* Is the (real or synthetic) kernel accepted, loaded at pref_address with init_size kept and entered at +0x200? */
Test(bzimage, good_header_accepted)
{
	cr_assert_eq(bzimage_parse(img, img_size, GUEST_MEM, &bz, err,
				   sizeof(err)), 0, "refused: %s", err);
	cr_assert_eq(bz.load_addr, hdr()->pref_address);
	cr_assert_eq(bz.entry, hdr()->pref_address + 0x200);
	cr_assert_eq(bz.pm_offset, ((u64)hdr()->setup_sects + 1) * 512);
	cr_assert_eq(bz.pm_offset + bz.pm_size, img_size);
	cr_assert_geq(bz.init_size, bz.pm_size);
	cr_assert_eq(bz.hdr_end, 0x202 + img[0x201]);
	if (real_kernel) {
		/* Debian 12's cloud kernel, as docs/linux-guest.md describes it. */
		cr_assert_eq(bz.load_addr, MiB(16));
		cr_assert_geq(hdr()->version, 0x020f);
		cr_assert_gt(bz.init_size, MiB(40));
	}
}

static void expect_refused(const char *reason)
{
	cr_assert_eq(bzimage_parse(img, img_size, GUEST_MEM, &bz, err,
				   sizeof(err)), -1, "accepted");
	cr_assert(strstr(err, reason), "got '%s', want '%s'", err, reason);
}

/* Is a file without the 0xAA55 boot flag refused? */
Test(bzimage, bad_boot_flag) { hdr()->boot_flag = 0; expect_refused("boot_flag"); }

/* Is a header without "HdrS" refused? */
Test(bzimage, bad_magic) { hdr()->header = 0x12345678; expect_refused("HdrS"); }

/* Is boot protocol 2.11 (no 64-bit entry) refused, naming the version? */
Test(bzimage, old_protocol) { hdr()->version = 0x020b; expect_refused("2.11"); }

/* Is a kernel without XLF_KERNEL_64 refused? */
Test(bzimage, no_64bit_entry) { hdr()->xloadflags = 0; expect_refused("XLF_KERNEL_64"); }

/* Is a zImage (not loaded high) refused? */
Test(bzimage, zimage) { hdr()->loadflags = 0; expect_refused("LOADED_HIGH"); }

/* Is a header whose length byte runs past the zero page's room refused? */
Test(bzimage, header_too_long) { img[0x201] = 0xff; expect_refused("setup header length"); }

/* Is a header too short to hold the fields read refused? */
Test(bzimage, header_too_short) { img[0x201] = 0x10; expect_refused("setup header length"); }

/* Is a kernel_alignment that is not a power of two refused? */
Test(bzimage, bad_alignment) { hdr()->kernel_alignment = 3 * MiB(1); expect_refused("kernel_alignment"); }

/* Is init_size 0 refused? */
Test(bzimage, zero_init_size) { hdr()->init_size = 0; expect_refused("init_size"); }

/* Is a setup_sects that puts the kernel past the file refused? */
Test(bzimage, setup_past_file)
{
	img_size = 40 * 512;
	hdr()->setup_sects = 60;
	expect_refused("setup_sects");
}

/* Is a pref_address below 1 MiB, or off kernel_alignment, refused? */
Test(bzimage, bad_pref_address)
{
	hdr()->pref_address = 0x80000;
	expect_refused("pref_address");
	hdr()->pref_address = MiB(16) + PAGE_SIZE;
	expect_refused("pref_address");
}

/* Is a kernel that does not fit in guest memory refused with the guest_mem it needs? */
Test(bzimage, guest_mem_too_small)
{
	cr_assert_eq(bzimage_parse(img, img_size, MiB(20), &bz, err,
				   sizeof(err)), -1);
	cr_assert(strstr(err, "raise guest_mem"), "%s", err);
}

/* Is a file shorter than the setup header refused? */
Test(bzimage, truncated) { img_size = 0x200; expect_refused("too short"); }
