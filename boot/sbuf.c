/* boot/sbuf.c - a bounded string builder for one-line messages. Linux: lib/seq_buf.c, much reduced. Pure C: host tests compile it. */
#include "sbuf.h"
#include "../include/lib.h"

struct sbuf sbuf_on(char *buf, size_t cap)
{
	struct sbuf sb = { .buf = buf, .cap = cap };

	if (cap)
		buf[0] = '\0';
	return sb;
}

void sb_putn(struct sbuf *sb, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (sb->len + 1 >= sb->cap) {
			sb->cut = true;
			break;
		}
		sb->buf[sb->len++] = s[i];
	}
	if (sb->cap)
		sb->buf[sb->len] = '\0';
}

void sb_puts(struct sbuf *sb, const char *s)
{
	sb_putn(sb, s, strlen(s));
}

void sb_u64(struct sbuf *sb, u64 v)
{
	char digits[20];	/* 2^64 - 1 has 20 */
	size_t n = 0;

	do {
		digits[sizeof(digits) - ++n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	sb_putn(sb, digits + sizeof(digits) - n, n);
}

void sb_size(struct sbuf *sb, u64 v)
{
	static const struct { u64 unit; const char *suffix; } units[] = {
		{ GiB(1), "G" }, { MiB(1), "M" }, { KiB(1), "K" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(units); i++) {
		if (v && v % units[i].unit == 0) {
			sb_u64(sb, v / units[i].unit);
			sb_puts(sb, units[i].suffix);
			return;
		}
	}
	sb_u64(sb, v);
}

