/* tests/unit/test_string.c - host tests for lib/string.c, the freestanding string helpers (linked in place of libc's). */
#include <criterion/criterion.h>
#include "../../include/lib.h"

#define BUF	64

/* Does memset fill exactly [dst, dst+n) at every alignment and length? */
Test(memset, every_alignment_and_length)
{
	for (size_t off = 0; off < 9; off++)
		for (size_t n = 0; n < 40; n++) {
			u8 buf[BUF];

			for (size_t i = 0; i < BUF; i++)
				buf[i] = 0xee;
			cr_assert_eq(memset(buf + off, 0x1c7, n), buf + off);
			for (size_t i = 0; i < BUF; i++)
				cr_assert_eq(buf[i], i >= off && i < off + n ?
					     0xc7 : 0xee, "off %zu n %zu i %zu",
					     off, n, i);
		}
}

/* Does memcpy copy exactly n bytes between any alignments? */
Test(memcpy, every_alignment_and_length)
{
	u8 src[BUF];

	for (size_t i = 0; i < BUF; i++)
		src[i] = (u8)(i * 7 + 1);
	for (size_t so = 0; so < 9; so++)
		for (size_t doff = 0; doff < 9; doff++)
			for (size_t n = 0; n < 40; n++) {
				u8 dst[BUF] = { 0 };

				memcpy(dst + doff, src + so, n);
				for (size_t i = 0; i < BUF; i++)
					cr_assert_eq(dst[i], i >= doff &&
						     i < doff + n ?
						     src[so + i - doff] : 0);
			}
}

/* Does memmove handle overlap in both directions? */
Test(memmove, overlap_both_directions)
{
	u8 a[] = "0123456789", b[] = "0123456789";

	memmove(a + 2, a, 6);
	cr_assert_str_eq((char *)a, "0101234589");
	memmove(b, b + 2, 6);
	cr_assert_str_eq((char *)b, "2345676789");
}

/* Do memcmp/strcmp/strncmp order by unsigned byte and stop where they should? */
Test(memcmp, ordering_table)
{
	static const struct { const char *a, *b; size_t n; int sign; } cases[] = {
		{ "abc", "abc", 3, 0 }, { "abc", "abd", 3, -1 },
		{ "abd", "abc", 3, 1 }, { "abc", "abd", 2, 0 },
		{ "\x80", "\x01", 1, 1 }, { "", "", 0, 0 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int r = memcmp(cases[i].a, cases[i].b, cases[i].n);

		cr_assert_eq((r > 0) - (r < 0), cases[i].sign, "case %zu", i);
		r = strncmp(cases[i].a, cases[i].b, cases[i].n);
		cr_assert_eq((r > 0) - (r < 0), cases[i].sign, "case %zu", i);
	}
	cr_assert_lt(strcmp("ab", "abc"), 0);
	cr_assert_gt(strcmp("b", "abc"), 0);
	cr_assert_eq(strcmp("xyz", "xyz"), 0);
	cr_assert_eq(strncmp("abX", "abY", 2), 0);
	cr_assert_eq(strlen(""), 0);
	cr_assert_eq(strlen("faultline"), 9);
}
