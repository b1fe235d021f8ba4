/* guest-pv/verify.h - one memory task's job: a slice of the heap written with a page-unique pattern, then verified word by word over several passes and orders. No Linux twin. */
#ifndef GUEST_VERIFY_H
#define GUEST_VERIFY_H

#include "task.h"

/* A page's generation must fit the pattern's 8 bits. */
#define VERIFY_PASSES_MAX	255
#define DEFAULT_PASSES		3

struct verify_task {
	unsigned id;		/* for messages: the task's id */
	u64 first;		/* first heap page of the slice */
	u64 n;			/* pages in the slice */
	u64 seed;
	u64 passes;		/* verify passes after the first write */
	u8 *gen;		/* per page: how often it was rewritten */
	u32 *perm;		/* the random order's permutation */

	u64 checksum;		/* over the final sequential pass */
	u64 mismatches;
	u64 pages_verified;
	u64 pages_rewritten;
};

/* Before the task runs (interrupts off): allocate gen and perm. */
void verify_prepare(struct verify_task *v, u64 first, u64 n, u64 seed,
		    u64 passes);

/*
 * The task body: write, passes x (verify in an order, rewrite some), final
 * verify.
 */
void verify_run(struct verify_task *v);

#endif
