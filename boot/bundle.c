/* boot/bundle.c - check a Linux boot bundle before trusting a byte of it: header, checksum, parts in bounds. No Linux twin. Pure C: host tests and tools/mkbundle compile it. */
#include "bundle.h"
#include "../include/console.h"

u64 fl_bundle_checksum(const u8 *p, u64 len)
{
	u64 a = 0, b = 0;
	u64 i;

	for (i = 0; i + 4 <= len; i += 4) {
		a += (u64)p[i] | (u64)p[i + 1] << 8 | (u64)p[i + 2] << 16 |
		     (u64)p[i + 3] << 24;
		b += a;
	}
	if (i < len) {
		u64 w = 0;

		for (unsigned s = 0; i < len; i++, s += 8)
			w |= (u64)p[i] << s;
		a += w;
		b += a;
	}
	return (b << 32) ^ a ^ len;
}

int bundle_check_header(const struct fl_bundle_header *h, u64 avail,
			char *err, size_t errlen)
{
	if (h->magic != FL_BUNDLE_MAGIC) {
		snprintf(err, errlen, "no bundle magic (found %#llx)",
			 (unsigned long long)h->magic);
		return -1;
	}
	if (h->version != FL_BUNDLE_VERSION ||
	    h->header_size != sizeof(*h)) {
		snprintf(err, errlen, "bundle version %u, header %u bytes: "
			 "this faultline reads version %u, %u bytes",
			 h->version, h->header_size, FL_BUNDLE_VERSION,
			 (unsigned)sizeof(*h));
		return -1;
	}
	if (h->total_size < sizeof(*h) || h->total_size > FL_BUNDLE_MAX ||
	    h->total_size > avail) {
		snprintf(err, errlen, "bundle size %llu bytes is not within "
			 "[%u, %llu]", (unsigned long long)h->total_size,
			 (unsigned)sizeof(*h),
			 (unsigned long long)MIN(avail, FL_BUNDLE_MAX));
		return -1;
	}
	return 0;
}

/* [off, off + size) inside [header_size, total), without overflow. */
static bool part_within(const struct fl_bundle_header *h, u64 off, u64 size)
{
	return off >= h->header_size && off <= h->total_size &&
	       size <= h->total_size - off;
}

int bundle_check(const u8 *p, struct bundle_parts *parts, char *err,
		 size_t errlen)
{
	const struct fl_bundle_header *h = (const void *)p;
	u64 sum = fl_bundle_checksum(p + h->header_size,
				     h->total_size - h->header_size);

	if (sum != h->checksum) {
		snprintf(err, errlen, "bundle checksum %#llx, header says "
			 "%#llx: corrupt", (unsigned long long)sum,
			 (unsigned long long)h->checksum);
		return -1;
	}
	if (!part_within(h, h->kernel_offset, h->kernel_size) ||
	    !h->kernel_size ||
	    !part_within(h, h->initrd_offset, h->initrd_size) ||
	    !part_within(h, h->cmdline_offset, h->cmdline_size)) {
		snprintf(err, errlen, "a bundle part lies outside the bundle "
			 "or the kernel is empty");
		return -1;
	}
	parts->kernel = p + h->kernel_offset;
	parts->kernel_size = h->kernel_size;
	parts->initrd = p + h->initrd_offset;
	parts->initrd_size = h->initrd_size;
	parts->cmdline = (const char *)p + h->cmdline_offset;
	parts->cmdline_size = h->cmdline_size;
	return 0;
}
