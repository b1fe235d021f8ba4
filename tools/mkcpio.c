/* tools/mkcpio.c - write an uncompressed "newc" cpio archive, the format of a Linux initramfs. Linux: usr/gen_init_cpio.c, much reduced. Host tool. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/*
 * usage: mkcpio OUT ENTRY...
 *   dir:PATH                 a directory, mode 0755
 *   nod:PATH:MAJOR:MINOR     a character device, mode 0600
 *   file:PATH:SOURCE         a regular file with SOURCE's bytes, mode 0755
 * Every entry is owned by root, dated 0, and numbered in order, so the same
 * arguments give the same bytes (Documentation/driver-api/early-userspace/
 * buffer-format.rst describes newc).
 */

#define NEWC_MAGIC	"070701"
#define NEWC_ALIGN	4
#define TRAILER		"TRAILER!!!"

static FILE *out;
static unsigned ino = 1;
static unsigned long written;

static void die(const char *what, const char *arg)
{
	fprintf(stderr, "mkcpio: %s '%s'%s%s\n", what, arg,
		errno ? ": " : "", errno ? strerror(errno) : "");
	exit(1);
}

static void put(const void *p, size_t n)
{
	if (fwrite(p, 1, n, out) != n)
		die("cannot write", "archive");
	written += n;
}

static void pad(void)
{
	static const char zeros[NEWC_ALIGN];

	put(zeros, (NEWC_ALIGN - written % NEWC_ALIGN) % NEWC_ALIGN);
}

/* One header (13 8-digit hex fields after the magic), the name, padding. */
static void header(const char *name, unsigned mode, unsigned long size,
		   unsigned maj, unsigned min)
{
	char h[6 + 13 * 8 + 1];

	if (size > 0xffffffffu || strlen(name) >= 0xffffffffu)
		die("too big for newc", name);
	snprintf(h, sizeof(h),
		 "%s%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 NEWC_MAGIC, ino++ & 0xffffffffu, mode, 0, 0, 1, 0,
		 (unsigned)size, 0, 0, maj & 0xffffffffu, min & 0xffffffffu,
		 (unsigned)strlen(name) + 1, 0);
	put(h, sizeof(h) - 1);
	put(name, strlen(name) + 1);
	pad();
}

static void add_file(const char *path, const char *src)
{
	FILE *f = fopen(src, "rb");
	char *data;
	long size;

	if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET))
		die("cannot read", src);
	data = malloc(size ? size : 1);
	if (!data || fread(data, 1, size, f) != (size_t)size)
		die("cannot read", src);
	fclose(f);
	header(path, S_IFREG | 0755, size, 0, 0);
	put(data, size);
	pad();
	free(data);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: mkcpio OUT dir:P | nod:P:MAJ:MIN | file:P:SRC ...\n");
		return 2;
	}
	out = fopen(argv[1], "wb");
	if (!out)
		die("cannot create", argv[1]);
	for (int i = 2; i < argc; i++) {
		char *arg = strdup(argv[i]), *kind = strtok(arg, ":");
		char *path = strtok(NULL, ":"), *a = strtok(NULL, ":");
		char *b = strtok(NULL, ":");

		errno = 0;
		if (!kind || !path)
			die("bad entry", argv[i]);
		if (!strcmp(kind, "dir") && !a)
			header(path, S_IFDIR | 0755, 0, 0, 0);
		else if (!strcmp(kind, "nod") && a && b)
			header(path, S_IFCHR | 0600, 0, atoi(a), atoi(b));
		else if (!strcmp(kind, "file") && a && !b)
			add_file(path, a);
		else
			die("bad entry", argv[i]);
		free(arg);
	}
	header(TRAILER, 0, 0, 0, 0);
	if (fclose(out))
		die("cannot write", argv[1]);
	return 0;
}
