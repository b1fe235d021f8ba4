/* boot/sbuf.h - a bounded string builder for one-line messages: never writes past its buffer, always NUL-ends. Linux: lib/seq_buf.c, much reduced. */
#ifndef FAULTLINE_SBUF_H
#define FAULTLINE_SBUF_H

#include "../include/types.h"

struct sbuf {
	char *buf;
	size_t cap;	/* bytes in buf, the NUL included */
	size_t len;
	bool cut;	/* something did not fit */
};

struct sbuf sbuf_on(char *buf, size_t cap);
void sb_putn(struct sbuf *sb, const char *s, size_t n);
void sb_puts(struct sbuf *sb, const char *s);
void sb_u64(struct sbuf *sb, u64 v);
/* A size with the largest suffix that divides it: 256M, 4K, 4097. */
void sb_size(struct sbuf *sb, u64 v);

#endif
