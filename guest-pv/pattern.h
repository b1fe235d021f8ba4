/* guest-pv/pattern.h - the words the memory workloads write and expect, and the checksum over what they read. No Linux twin (cf. tools/testing/selftests/mm patterns). */
#ifndef GUEST_PATTERN_H
#define GUEST_PATTERN_H

#include "../include/types.h"

#define WORDS_PER_PAGE	(PAGE_SIZE / sizeof(u64))

/* Key layout: generation in bits 63:56, page in 55:9, word in 8:0. */
#define PATTERN_WORD_BITS	9
#define PATTERN_GEN_SHIFT	56

/* splitmix64's finaliser: a bijection on u64 that mixes every bit. */
static inline u64 mix64(u64 x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	x ^= x >> 31;
	return x;
}

/*
 * The expected value of word `word` of page `page`, written in generation
 * `gen` (a page rewritten later gets gen + 1). The key is injective for
 * page < 2^47 and gen < 256, and the mix is a bijection, so with one seed
 * no two words anywhere hold the same value: a page that comes back from
 * the wrong place, stale, or zeroed is caught at its first word.
 */
static inline u64 pattern_word(u64 seed, u64 page, u64 word, u64 gen)
{
	u64 key = (gen << PATTERN_GEN_SHIFT) | (page << PATTERN_WORD_BITS) |
		  word;

	return mix64(key ^ mix64(seed));
}

/*
 * FNV-1a over 64-bit words: order-sensitive, so a final sequential pass is
 * reproducible.
 */
#define CHECKSUM_INIT	0xcbf29ce484222325ull	/* FNV-64 offset basis */
#define CHECKSUM_PRIME	0x00000100000001b3ull	/* FNV-64 prime */

static inline u64 checksum_add(u64 sum, u64 word)
{
	return (sum ^ word) * CHECKSUM_PRIME;
}

#endif
