/* guest-pv/walk.c - page visiting orders for the memory tasks. Pure C: tests/unit/test_guest_walk.c compiles it unchanged. No Linux twin. */
#include "walk.h"
#include "pattern.h"

static u64 gcd(u64 a, u64 b)
{
	while (b) {
		u64 t = a % b;

		a = b;
		b = t;
	}
	return a;
}

#define STRIDE_NUM	3	/* stride ~ 3n/8: far apart, no short cycle */
#define STRIDE_DEN	8

u64 walk_stride(u64 n)
{
	u64 s = MAX(n * STRIDE_NUM / STRIDE_DEN, (u64)1);

	while (gcd(s, n) != 1)	/* ends by n - 1 at the latest */
		s++;
	return s;
}

/* xorshift64* (Vigna): small, fast, good enough to scatter pages. */
static u64 xorshift64star(u64 *state)
{
	u64 x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545f4914f6cdd1dull;
}

void walk_shuffle(u32 *perm, u64 n, u64 seed)
{
	u64 state = mix64(seed) | 1;	/* xorshift's state must not be 0 */

	for (u64 i = 0; i < n; i++)
		perm[i] = (u32)i;
	for (u64 i = n; i > 1; i--) {
		u64 j = xorshift64star(&state) % i;
		u32 t = perm[i - 1];

		perm[i - 1] = perm[j];
		perm[j] = t;
	}
}

u64 walk_page(const struct walk *w, u64 k)
{
	switch (w->order) {
	case WALK_STRIDED:
		return k * w->stride % w->n;
	case WALK_RANDOM:
		return w->perm[k];
	default:
		return k;
	}
}

const char *walk_order_name(enum walk_order order)
{
	static const char *const names[NR_WALK_ORDERS] = {
		[WALK_SEQUENTIAL] = "sequential",
		[WALK_STRIDED] = "strided",
		[WALK_RANDOM] = "random",
	};

	return order < NR_WALK_ORDERS ? names[order] : "?";
}
