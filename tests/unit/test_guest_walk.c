/* tests/unit/test_guest_walk.c - host tests for guest-pv/walk.c, compiled unchanged: every order visits every page exactly once, and the random one follows its seed. */
/* unit-sources: guest-pv/walk.c */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "../../guest-pv/walk.h"

static const u64 sizes[] = { 1, 2, 3, 7, 8, 64, 1000, 4096, 12289 };

/* Each page exactly once: the verify pass checks every word, none twice. */
static void assert_permutation(const struct walk *w)
{
	u8 *seen = calloc(w->n, 1);

	cr_assert_not_null(seen);
	for (u64 k = 0; k < w->n; k++) {
		u64 page = walk_page(w, k);

		cr_assert_lt(page, w->n, "%s walk of %llu: page %llu out of "
			     "range", walk_order_name(w->order),
			     (unsigned long long)w->n,
			     (unsigned long long)page);
		cr_assert_eq(seen[page], 0, "%s walk of %llu visits page %llu "
			     "twice", walk_order_name(w->order),
			     (unsigned long long)w->n,
			     (unsigned long long)page);
		seen[page] = 1;
	}
	free(seen);
}

Test(guest_walk, every_order_is_a_permutation)
{
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		u64 n = sizes[i];
		u32 *perm = malloc(n * sizeof(*perm));

		cr_assert_not_null(perm);
		walk_shuffle(perm, n, 42);
		for (int o = 0; o < NR_WALK_ORDERS; o++) {
			struct walk w = { .order = (enum walk_order)o, .n = n,
					  .stride = walk_stride(n),
					  .perm = perm };

			assert_permutation(&w);
		}
		free(perm);
	}
}

/* The strided walk really jumps: its first steps are not neighbours. */
Test(guest_walk, stride_is_coprime_and_large)
{
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		u64 n = sizes[i], s = walk_stride(n);

		cr_assert_geq(s, 1);
		if (n >= 8)
			cr_assert_gt(s, n / 4, "stride %llu of %llu is short",
				     (unsigned long long)s,
				     (unsigned long long)n);
		if (n > 1)
			cr_assert_lt(s, n);
	}
}

/*
 * Same seed, same order (runs are reproducible); another seed, another order.
 */
Test(guest_walk, shuffle_follows_seed)
{
	enum { N = 4096 };
	static u32 a[N], b[N], c[N];

	walk_shuffle(a, N, 7);
	walk_shuffle(b, N, 7);
	walk_shuffle(c, N, 8);
	cr_assert_eq(memcmp(a, b, sizeof(a)), 0);
	cr_assert_neq(memcmp(a, c, sizeof(a)), 0);
	for (u32 i = 0; i < N; i++)
		if (a[i] != i)
			return;
	cr_assert_fail("the shuffle left every page in place");
}
