/* include/lib.h - freestanding string helpers for faultline and its guests (lib/string.c). Linux: include/linux/string.h. */
#ifndef FAULTLINE_LIB_H
#define FAULTLINE_LIB_H

#include "types.h"

/*
 * faultline links no libc. These have the C library's names and contracts
 * because gcc emits calls to memset/memcpy/memmove/memcmp by itself (struct
 * copies and zeroing) even with -ffreestanding, so the symbols must exist
 * anyway; giving them other names too would only add a second spelling.
 * In host unit tests the same file is linked and replaces libc's copies.
 */
void *memset(void *dst, int c, size_t n);
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

#endif
