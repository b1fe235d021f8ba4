/* boot/efi_bundle.c - find the Linux boot bundle: claim the range an engine preloaded (QEMU -device loader) and check it, read it from a raw disk by PIO (Bochs), or from the boot volume. Linux: drivers/firmware/efi/libstub/x86-stub.c (the initrd from a loader), loosely. */
#include <efi.h>
#include "efi_bundle.h"
#include "ata_pio.h"
#include "efi_file.h"
#include "../include/console.h"
#include "../include/ata.h"
#include "../include/lib.h"
#include "../vmm/portio.h"

#define U(x)	((unsigned long long)(x))

static u64 pages_of(u64 bytes)
{
	return ALIGN_UP(bytes, PAGE_SIZE) / PAGE_SIZE;
}

/*
 * Claim [FL_BUNDLE_PRELOAD_HPA, + total_size) with AllocateAddress: it
 * fails if the firmware has used any of it, and once it succeeds no later
 * allocation (faultline's frame pool included) can land there. The header
 * page is claimed first, so its size is read from memory that is ours.
 */
static int claim_preload(EFI_BOOT_SERVICES *bs, struct bundle_parts *parts,
			 char *why, size_t whylen)
{
	EFI_PHYSICAL_ADDRESS base = FL_BUNDLE_PRELOAD_HPA, rest;
	const struct fl_bundle_header *h = (const void *)(uintptr_t)base;
	EFI_STATUS s;
	u64 pages;

	s = uefi_call_wrapper(bs->AllocatePages, 4, AllocateAddress,
			      EfiLoaderData, 1, &base);
	if (EFI_ERROR(s)) {
		snprintf(why, whylen, "the firmware holds %#llx (EFI status "
			 "%#llx)", U(FL_BUNDLE_PRELOAD_HPA), U(s));
		return -1;
	}
	if (bundle_check_header(h, FL_BUNDLE_MAX, why, whylen))
		goto free_header;
	pages = pages_of(h->total_size);
	rest = base + PAGE_SIZE;
	if (pages > 1) {
		s = uefi_call_wrapper(bs->AllocatePages, 4, AllocateAddress,
				      EfiLoaderData, pages - 1, &rest);
		if (EFI_ERROR(s)) {
			snprintf(why, whylen, "the firmware holds part of "
				 "[%#llx, %#llx) (EFI status %#llx)", U(base),
				 U(base + pages * PAGE_SIZE), U(s));
			goto free_header;
		}
	}
	if (!bundle_check((const u8 *)h, parts, why, whylen))
		return 0;
	if (pages > 1)
		uefi_call_wrapper(bs->FreePages, 2, rest, pages - 1);
free_header:
	uefi_call_wrapper(bs->FreePages, 2, base, 1);
	return -1;
}

/*
 * The bundle as a raw disk image on the third ATA channel's master, a
 * disk the firmware never touches (include/ata.h): sector 0 holds the
 * header, so its size is known before the rest is read into pages of
 * our own.
 */
static int read_ata_disk(EFI_BOOT_SERVICES *bs, u64 tsc_hz,
			  struct bundle_parts *parts, char *why,
			  size_t whylen)
{
	u64 sectors = ata_disk_sectors(tsc_hz), t0 = rdtsc(), n;
	u32 first[ATA_SECTOR_BYTES / 4];
	const struct fl_bundle_header *h = (const void *)first;
	EFI_PHYSICAL_ADDRESS buf;
	EFI_STATUS s;

	if (!sectors) {
		snprintf(why, whylen, "no disk at port %#x", ATA_BUNDLE_IO);
		return -1;
	}
	if (ata_disk_read(0, 1, first, tsc_hz, why, whylen) ||
	    bundle_check_header(h, sectors * ATA_SECTOR_BYTES, why, whylen))
		return -1;
	n = ALIGN_UP(h->total_size, ATA_SECTOR_BYTES) / ATA_SECTOR_BYTES;
	s = uefi_call_wrapper(bs->AllocatePages, 4, AllocateAnyPages,
			      EfiLoaderData, pages_of(n * ATA_SECTOR_BYTES),
			      &buf);
	if (EFI_ERROR(s)) {
		snprintf(why, whylen, "no memory for %llu bytes (EFI status "
			 "%#llx)", U(h->total_size), U(s));
		return -1;
	}
	if (ata_disk_read(0, n, (void *)(uintptr_t)buf, tsc_hz, why, whylen) ||
	    bundle_check_header((const void *)(uintptr_t)buf,
				n * ATA_SECTOR_BYTES, why, whylen) ||
	    bundle_check((const u8 *)(uintptr_t)buf, parts, why, whylen)) {
		uefi_call_wrapper(bs->FreePages, 2, buf,
				  pages_of(n * ATA_SECTOR_BYTES));
		return -1;
	}
	printk("faultline: boot bundle read from the ATA disk at port %#x by "
	       "PIO: %llu bytes in %llu TSC ticks, checksum good\n",
	       ATA_BUNDLE_IO, U(h->total_size), U(rdtsc() - t0));
	return 0;
}

int efi_get_bundle(EFI_SYSTEM_TABLE *st, EFI_HANDLE image, u64 tsc_hz,
		   struct bundle_parts *parts, char *err, size_t errlen)
{
	char why[160];
	void *data;
	UINTN size;
	EFI_STATUS s;
	u64 t0;

	if (!claim_preload(st->BootServices, parts, why, sizeof(why))) {
		const struct fl_bundle_header *h =
			(const void *)(uintptr_t)FL_BUNDLE_PRELOAD_HPA;

		printk("faultline: boot bundle preloaded at %#llx: %llu bytes, "
		       "checksum good\n", U(FL_BUNDLE_PRELOAD_HPA),
		       U(h->total_size));
		return 0;
	}
	printk("faultline: no boot bundle preloaded at %#llx (%s)\n",
	       U(FL_BUNDLE_PRELOAD_HPA), why);
	if (!read_ata_disk(st->BootServices, tsc_hz, parts, why, sizeof(why)))
		return 0;
	printk("faultline: no boot bundle on the ATA disk at port %#x (%s): "
	       "reading %s from the boot volume\n", ATA_BUNDLE_IO, why,
	       FL_BUNDLE_FILE);
	t0 = rdtsc();
	s = efi_read_file(st, image, FL_BUNDLE_FILE, &data, &size);
	if (EFI_ERROR(s)) {
		snprintf(err, errlen, "cannot read %s from the boot volume "
			 "(EFI status %#llx)", FL_BUNDLE_FILE, U(s));
		return -1;
	}
	printk("faultline: read %s: %llu bytes in %llu TSC ticks\n",
	       FL_BUNDLE_FILE, U(size), U(rdtsc() - t0));
	if (bundle_check_header(data, size, err, errlen) ||
	    bundle_check(data, parts, err, errlen))
		return -1;
	return 0;
}
