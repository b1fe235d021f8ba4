/* boot/bzimage.c - check a bzImage's setup header and load its protected-mode part, by the 64-bit boot protocol. Linux: Documentation/x86/boot.rst; Firecracker: src/vmm/src/arch/x86_64/ (load_kernel). Pure C: host tests compile it. */
#include "bzimage.h"
#include "../include/console.h"
#include "../include/guest_abi.h"
#include "../include/lib.h"

static int refuse(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int refuse(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

#define U(x)	((unsigned long long)(x))

static bool is_power_of_2(u64 x)
{
	return x && !(x & (x - 1));
}

/* The header fields, in the order boot.rst says a loader reads them. */
static int check_header(const struct setup_header *h, u64 size,
			u64 hdr_end, char *err, size_t errlen)
{
	if (h->boot_flag != BOOT_FLAG_MAGIC)
		return refuse(err, errlen, "not a bzImage: boot_flag %#x, "
			      "expected %#x", h->boot_flag, BOOT_FLAG_MAGIC);
	if (h->header != SETUP_HEADER_MAGIC)
		return refuse(err, errlen, "no setup header: magic %#x, "
			      "expected \"HdrS\"", h->header);
	if (h->version < BOOT_PROTOCOL_64BIT_MIN)
		return refuse(err, errlen, "boot protocol %u.%02u: the 64-bit "
			      "entry needs 2.12 or later", h->version >> 8,
			      h->version & 0xff);
	if (!(h->xloadflags & XLF_KERNEL_64))
		return refuse(err, errlen, "xloadflags %#x lack XLF_KERNEL_64: "
			      "no 64-bit entry point", h->xloadflags);
	if (!(h->loadflags & LOADED_HIGH))
		return refuse(err, errlen, "loadflags %#x lack LOADED_HIGH: a "
			      "zImage, not a bzImage", h->loadflags);
	if (hdr_end > SETUP_HEADER_MAX_END ||
	    hdr_end < SETUP_HEADER_OFFSET + sizeof(*h) || hdr_end > size)
		return refuse(err, errlen, "setup header length %llu is "
			      "not within [%llu, %llu]",
			      U(hdr_end - SETUP_HEADER_OFFSET), U(sizeof(*h)),
			      U(SETUP_HEADER_MAX_END - SETUP_HEADER_OFFSET));
	if (!is_power_of_2(h->kernel_alignment))
		return refuse(err, errlen, "kernel_alignment %#x is not a "
			      "power of two", h->kernel_alignment);
	if (h->init_size == 0)
		return refuse(err, errlen, "init_size is 0");
	return 0;
}

int bzimage_parse(const u8 *image, u64 size, u64 guest_mem,
		  struct bzimage *bz, char *err, size_t errlen)
{
	struct setup_header *h = &bz->hdr;
	u64 sects;

	memset(bz, 0, sizeof(*bz));
	if (size < SETUP_HEADER_OFFSET + sizeof(*h))
		return refuse(err, errlen, "%llu bytes: too short for a "
			      "bzImage", U(size));
	memcpy(h, image + SETUP_HEADER_OFFSET, sizeof(*h));
	bz->hdr_end = SETUP_HEADER_JUMP_END + image[SETUP_HEADER_LEN_BYTE];
	if (check_header(h, size, bz->hdr_end, err, errlen))
		return -1;

	sects = h->setup_sects ? h->setup_sects : SETUP_SECTS_DEFAULT;
	bz->pm_offset = (sects + 1) * SETUP_SECTOR_SIZE;
	if (bz->pm_offset >= size)
		return refuse(err, errlen, "setup_sects %u puts the kernel at "
			      "%llu, past the file's %llu bytes",
			      h->setup_sects, U(bz->pm_offset), U(size));
	bz->pm_size = size - bz->pm_offset;
	bz->load_addr = h->pref_address;
	bz->init_size = MAX((u64)h->init_size, bz->pm_size);
	if (bz->load_addr < FL_GUEST_LOAD_MIN ||
	    !IS_ALIGNED(bz->load_addr, h->kernel_alignment))
		return refuse(err, errlen, "pref_address %#llx is below %#llx "
			      "or not aligned to kernel_alignment %#x",
			      U(bz->load_addr), U(FL_GUEST_LOAD_MIN),
			      h->kernel_alignment);
	if (bz->load_addr > guest_mem || bz->init_size > guest_mem -
	    bz->load_addr)
		return refuse(err, errlen, "the kernel needs [%#llx, %#llx) "
			      "(pref_address + init_size): raise guest_mem "
			      "above %lluM", U(bz->load_addr),
			      U(bz->load_addr + bz->init_size),
			      U(bz->load_addr + bz->init_size) >> 20);
	bz->entry = bz->load_addr + BZIMAGE_64BIT_ENTRY_OFFSET;
	return 0;
}

int guest_copy_in(struct mm *mm, gpa_t gpa, const u8 *bytes, u64 len)
{
	for (u64 done = 0; done < len;) {
		gpa_t at = gpa + done;
		u64 n = MIN(len - done, PAGE_SIZE - (at & ~PAGE_MASK));
		u8 *page = mm_gpa_to_virt(mm, at & PAGE_MASK);
		bool fresh = !page;

		if (fresh)
			page = mm_populate(mm, at & PAGE_MASK);
		if (!page)
			return -1;
		memcpy(page + (at & ~PAGE_MASK), bytes + done, n);
		/* populate pinned it; the kernel's bytes may be evicted. */
		if (fresh)
			mm_unpin_page(mm, at & PAGE_MASK);
		done += n;
	}
	return 0;
}
