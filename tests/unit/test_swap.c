/* tests/unit/test_swap.c - host tests for mm/swap.c: the slot allocator and the generic submit/complete bookkeeping. */
#include <criterion/criterion.h>
#include "fake_phys.h"
#include "../../mm/swap.h"

#define NR_SLOTS	4

static struct swap_slots s;
static u32 stack[NR_SLOTS];
static u8 in_use[NR_SLOTS];

static void setup(void)
{
	cr_assert_eq(swap_slots_init(&s, stack, in_use, NR_SLOTS), 0);
}

TestSuite(swap_slots, .init = setup);

/* Are slots handed out lowest first until swap is full, then SWAP_SLOT_NONE? */
Test(swap_slots, alloc_until_full)
{
	for (u32 i = 0; i < NR_SLOTS; i++)
		cr_assert_eq(swap_slot_alloc(&s), i);
	cr_assert_eq(swap_slots_used(&s), NR_SLOTS);
	cr_assert_eq(swap_slot_alloc(&s), SWAP_SLOT_NONE);
	cr_assert_eq(swap_slot_alloc(&s), SWAP_SLOT_NONE);
}

/* Is a freed slot reused, and only once? */
Test(swap_slots, free_then_reuse)
{
	for (u32 i = 0; i < NR_SLOTS; i++)
		swap_slot_alloc(&s);
	cr_assert_eq(swap_slot_free(&s, 2), 0);
	cr_assert_eq(swap_slots_used(&s), NR_SLOTS - 1);
	cr_assert_eq(swap_slot_alloc(&s), 2);
	cr_assert_eq(swap_slot_alloc(&s), SWAP_SLOT_NONE);
}

/* Are a double free, a never-allocated slot and an out-of-range slot refused without change? */
Test(swap_slots, bad_free_refused)
{
	u32 a = swap_slot_alloc(&s);

	cr_assert_eq(swap_slot_free(&s, a), 0);
	cr_assert_eq(swap_slot_free(&s, a), -1);
	cr_assert_eq(swap_slot_free(&s, 3), -1);
	cr_assert_eq(swap_slot_free(&s, NR_SLOTS), -1);
	cr_assert_eq(swap_slot_free(&s, SWAP_SLOT_NONE), -1);
	cr_assert_eq(swap_slots_used(&s), 0);
}

/* Are missing storage and a slot count equal to SWAP_SLOT_NONE refused? */
Test(swap_slots, init_bad_refused)
{
	struct swap_slots t;

	cr_assert_eq(swap_slots_init(&t, NULL, in_use, 1), -1);
	cr_assert_eq(swap_slots_init(&t, stack, NULL, 1), -1);
	cr_assert_eq(swap_slots_init(&t, stack, in_use, SWAP_SLOT_NONE), -1);
	cr_assert_eq(swap_slots_init(&t, NULL, NULL, 0), 0, "no swap");
	cr_assert_eq(swap_slot_alloc(&t), SWAP_SLOT_NONE);
}

/* Does swap_us_to_ticks convert at the calibrated rate, rounding up? */
Test(swap_us_to_ticks, table)
{
	static const struct { u64 us, hz, ticks; } cases[] = {
		{ 100, 3000000000ull, 300000 },
		{ 1, 3000000000ull, 3000 },
		{ 0, 3000000000ull, 0 },
		{ 1, 1500001, 2 },		/* 1.500001 -> 2 */
		{ 1000000, 4000000000ull, 4000000000ull },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		cr_assert_eq(swap_us_to_ticks(cases[i].us, cases[i].hz),
			     cases[i].ticks, "case %zu", i);
}

/* A backend that completes everything at once, to test the generic side alone. */
struct instant {
	struct swap_dev dev;
	struct swap_req pending;
	bool has;
	bool refuse;
};

static int instant_submit(struct swap_dev *dev, struct swap_req *req, u64 now)
{
	struct instant *b = (struct instant *)(void *)dev;

	if (b->refuse || b->has)
		return -1;
	req->due = now;
	b->pending = *req;
	b->has = true;
	return 0;
}

static bool instant_complete(struct swap_dev *dev, u64 now,
			     struct swap_req *done)
{
	struct instant *b = (struct instant *)(void *)dev;

	(void)now;
	if (!b->has)
		return false;
	*done = b->pending;
	b->has = false;
	return true;
}

static u64 instant_deadline(const struct swap_dev *dev)
{
	const struct instant *b = (const struct instant *)(const void *)dev;

	return b->has ? b->pending.due : SWAP_NO_DEADLINE;
}

static const struct swap_ops instant_ops = { instant_submit, instant_complete,
					     instant_deadline };

/* Do swap_submit/swap_complete keep queued and the read/write counts, and refuse a slot beyond the device? */
Test(swap_submit, generic_bookkeeping)
{
	/* A backend's init sets next_due: nothing queued, no deadline. */
	struct instant b = { .dev = { .ops = &instant_ops, .nr_slots = 2,
				      .next_due = SWAP_NO_DEADLINE } };
	struct swap_req w = { .op = SWAP_OP_WRITE, .slot = 1, .gfn = 5 };
	struct swap_req bad = { .op = SWAP_OP_READ, .slot = 2 };
	struct swap_req done;

	cr_assert_eq(swap_submit(&b.dev, &bad, 10), -1, "slot 2 of 2");
	cr_assert_eq(swap_submit(&b.dev, &w, 10), 0);
	cr_assert_eq(w.due, 10, "the backend sets due");
	cr_assert_eq(b.dev.queued, 1);
	cr_assert_eq(swap_next_deadline(&b.dev), 10);
	cr_assert_eq(swap_submit(&b.dev, &w, 11), -1, "backend full");
	cr_assert_eq(b.dev.queued, 1);
	cr_assert(swap_complete(&b.dev, 10, &done));
	cr_assert_eq(done.gfn, 5);
	cr_assert_eq(b.dev.queued, 0);
	cr_assert_eq(b.dev.writes, 1);
	cr_assert_eq(b.dev.reads, 0);
	cr_assert_not(swap_complete(&b.dev, 10, &done));
	cr_assert_eq(swap_next_deadline(&b.dev), SWAP_NO_DEADLINE);
}
