/* guest-pv/walk.h - the orders a memory task visits its pages in: sequential, strided, seeded random. Pure C: host-tested. No Linux twin (cf. tools/testing/selftests/mm access patterns). */
#ifndef GUEST_WALK_H
#define GUEST_WALK_H

#include "../include/types.h"

enum walk_order {
	WALK_SEQUENTIAL,	/* 0, 1, 2, ... */
	WALK_STRIDED,		/* k * stride mod n, stride coprime with n */
	WALK_RANDOM,		/* a seeded random permutation */
	NR_WALK_ORDERS,
};

struct walk {
	enum walk_order order;
	u64 n;			/* pages; at most 2^32 */
	u64 stride;		/* WALK_STRIDED */
	const u32 *perm;	/* WALK_RANDOM: n entries */
};

/*
 * A stride near 3n/8 that shares no factor with n, so k * stride mod n visits
 * every page once.
 */
u64 walk_stride(u64 n);

/* Fill perm with a permutation of 0..n-1 drawn from seed (Fisher-Yates). */
void walk_shuffle(u32 *perm, u64 n, u64 seed);

/* The k-th page of the walk, k < n. */
u64 walk_page(const struct walk *w, u64 k);

const char *walk_order_name(enum walk_order order);

#endif
