/* tools/mkbundle.c - write a Linux boot bundle (include/boot_bundle.h): kernel, initrd and command line, checksummed with faultline's own boot/bundle.c. Host tool. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../boot/bundle.h"

static void die(const char *what, const char *path)
{
	fprintf(stderr, "mkbundle: %s %s: %s\n", what, path,
		errno ? strerror(errno) : "bad input");
	exit(1);
}

/* The whole file into buf at off; returns its size. */
static u64 read_into(const char *path, u8 *buf, u64 off, u64 cap)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		die("cannot open", path);
	n = fread(buf + off, 1, cap - off, f);
	if (ferror(f) || !feof(f)) {
		errno = ferror(f) ? errno : EFBIG;
		die("cannot read all of", path);
	}
	fclose(f);
	return n;
}

int main(int argc, char **argv)
{
	struct fl_bundle_header h = { .magic = FL_BUNDLE_MAGIC,
		.version = FL_BUNDLE_VERSION, .header_size = sizeof(h) };
	struct bundle_parts parts;
	char err[160];
	u8 *buf;
	u64 off;
	FILE *out;

	if (argc != 5) {
		fprintf(stderr, "usage: mkbundle OUT KERNEL INITRD|- 'CMDLINE'\n");
		return 2;
	}
	buf = calloc(1, FL_BUNDLE_MAX + 1);
	if (!buf)
		die("no memory for", argv[1]);
	off = ALIGN_UP(sizeof(h), FL_BUNDLE_ALIGN);
	h.kernel_offset = off;
	h.kernel_size = read_into(argv[2], buf, off, FL_BUNDLE_MAX);
	off = ALIGN_UP(off + h.kernel_size, FL_BUNDLE_ALIGN);
	h.initrd_offset = off;
	if (strcmp(argv[3], "-"))
		h.initrd_size = read_into(argv[3], buf, off, FL_BUNDLE_MAX);
	off = ALIGN_UP(off + h.initrd_size, FL_BUNDLE_ALIGN);
	h.cmdline_offset = off;
	h.cmdline_size = strlen(argv[4]);
	if (off + h.cmdline_size > FL_BUNDLE_MAX) {
		errno = EFBIG;
		die("too big with", argv[4]);
	}
	memcpy(buf + off, argv[4], h.cmdline_size);
	h.total_size = off + h.cmdline_size;
	h.checksum = fl_bundle_checksum(buf + sizeof(h),
					h.total_size - sizeof(h));
	memcpy(buf, &h, sizeof(h));
	/* What faultline will check, checked here first. */
	if (bundle_check_header(&h, FL_BUNDLE_MAX, err, sizeof(err)) ||
	    bundle_check(buf, &parts, err, sizeof(err))) {
		fprintf(stderr, "mkbundle: %s\n", err);
		return 1;
	}
	out = fopen(argv[1], "wb");
	if (!out || fwrite(buf, 1, h.total_size, out) != h.total_size ||
	    fclose(out))
		die("cannot write", argv[1]);
	return 0;
}
