/* lib/string.c - freestanding string helpers for faultline and its guests (include/lib.h). Linux: lib/string.c. */
#include "../include/lib.h"

/*
 * gcc recognises a byte loop as "memset" and may replace it with a call to
 * memset, which here would call itself forever. Switching the pattern
 * matcher off for these functions keeps each one a loop.
 */
#define NO_LIBCALL	__attribute__((optimize("no-tree-loop-distribute-patterns")))

/* Word-at-a-time when both ends allow it: page zeroing is on the fault path. */
#define WORD		sizeof(u64)
typedef u64 __attribute__((may_alias)) word_t;	/* may alias any byte */

NO_LIBCALL void *memset(void *dst, int c, size_t n)
{
	u8 *d = dst;
	u64 pattern = (u8)c * 0x0101010101010101ull;

	while (n && ((uintptr_t)d & (WORD - 1))) {
		*d++ = (u8)c;
		n--;
	}
	for (; n >= WORD; n -= WORD, d += WORD)
		*(word_t *)(void *)d = pattern;
	while (n--)
		*d++ = (u8)c;
	return dst;
}

NO_LIBCALL void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	u8 *d = dst;
	const u8 *s = src;

	if ((((uintptr_t)d | (uintptr_t)s) & (WORD - 1)) == 0)
		for (; n >= WORD; n -= WORD, d += WORD, s += WORD)
			*(word_t *)(void *)d = *(const word_t *)(const void *)s;
	while (n--)
		*d++ = *s++;
	return dst;
}

/* Overlap-safe: copies backwards when dst lies above src. */
NO_LIBCALL void *memmove(void *dst, const void *src, size_t n)
{
	u8 *d = dst;
	const u8 *s = src;

	if (d == s || n == 0)
		return dst;
	if (d < s || d >= s + n) {
		while (n--)
			*d++ = *s++;
	} else {
		while (n--)
			d[n] = s[n];
	}
	return dst;
}

NO_LIBCALL int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x < *y ? -1 : 1;
	return 0;
}

NO_LIBCALL size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (u8)*a < (u8)*b ? -1 : 1;
		if (!*a)
			return 0;
	}
	return 0;
}

int strcmp(const char *a, const char *b)
{
	return strncmp(a, b, (size_t)-1);
}
