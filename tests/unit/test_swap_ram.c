/* tests/unit/test_swap_ram.c - host tests for mm/swap_ram.c: the swap=ram backend's timing and data movement. */
#include <criterion/criterion.h>
#include <string.h>
#include "fake_phys.h"
#include "../../mm/swap.h"

#define NR_FRAMES	4
#define NR_SLOTS	8
#define LATENCY		300000		/* 100 us at 3 GHz */
#define SWAP_HPA	(FAKE_HPA_BASE + GiB(8))

static struct fake_pool fp;
static struct swap_ram r;
static struct swap_req queue[NR_FRAMES];
static u8 *store;

static void setup(void)
{
	fake_pool_init(&fp, NR_FRAMES, FAKE_HPA_BASE);
	store = aligned_alloc(PAGE_SIZE, NR_SLOTS * PAGE_SIZE);
	memset(store, 0, NR_SLOTS * PAGE_SIZE);
	cr_assert_eq(swap_ram_init(&r, (struct phys_region){ store, SWAP_HPA,
				   NR_SLOTS * PAGE_SIZE }, &fp.pool, LATENCY,
				   queue, NR_FRAMES), 0);
}

static void teardown(void)
{
	free(store);
	fake_pool_fini(&fp);
}

TestSuite(swap_ram, .init = setup, .fini = teardown);

static struct swap_req req(enum swap_op op, u32 slot, u32 frame, gfn_t gfn)
{
	return (struct swap_req){ .op = op, .slot = slot,
				  .frame = FAKE_HPA_BASE + frame * PAGE_SIZE,
				  .gfn = gfn };
}

static u8 *frame(u32 i)
{
	return frame_virt(&fp.pool, FAKE_HPA_BASE + i * PAGE_SIZE);
}

/* Does a request complete exactly latency ticks after submit: not one tick earlier? */
Test(swap_ram, completes_at_submit_plus_latency)
{
	struct swap_req w = req(SWAP_OP_WRITE, 3, 0, 42), done;

	cr_assert_eq(swap_submit(&r.dev, &w, 1000), 0);
	cr_assert_eq(w.due, 1000 + LATENCY);
	cr_assert_eq(swap_next_deadline(&r.dev), 1000 + LATENCY);
	cr_assert_not(swap_complete(&r.dev, 1000 + LATENCY - 1, &done));
	cr_assert(swap_complete(&r.dev, 1000 + LATENCY, &done));
	cr_assert_eq(done.gfn, 42);
	cr_assert_eq(done.slot, 3);
	cr_assert_eq(swap_next_deadline(&r.dev), SWAP_NO_DEADLINE);
}

/* Does data move at completion (as DMA would), so a write carries the frame as it is then? */
Test(swap_ram, data_moves_at_completion)
{
	struct swap_req w = req(SWAP_OP_WRITE, 5, 1, 1), rd = req(SWAP_OP_READ,
							     5, 2, 1), done;

	memset(frame(1), 0x11, PAGE_SIZE);
	swap_submit(&r.dev, &w, 0);
	cr_assert_eq(store[5 * PAGE_SIZE], 0, "nothing written yet");
	memset(frame(1), 0x22, PAGE_SIZE);
	cr_assert(swap_complete(&r.dev, LATENCY, &done));
	cr_assert_eq(store[5 * PAGE_SIZE], 0x22);
	cr_assert_eq(store[6 * PAGE_SIZE - 1], 0x22);
	cr_assert_eq(store[4 * PAGE_SIZE + PAGE_SIZE - 1], 0, "slot 4 untouched");

	memset(frame(2), 0x77, PAGE_SIZE);
	swap_submit(&r.dev, &rd, LATENCY);
	cr_assert_eq(frame(2)[0], 0x77);
	cr_assert(swap_complete(&r.dev, 2 * LATENCY, &done));
	cr_assert_eq(memcmp(frame(2), store + 5 * PAGE_SIZE, PAGE_SIZE), 0);
	cr_assert_eq(r.dev.reads, 1);
	cr_assert_eq(r.dev.writes, 1);
}

/* Do requests complete in submission order, each at its own deadline? */
Test(swap_ram, fifo_each_at_its_deadline)
{
	struct swap_req a = req(SWAP_OP_WRITE, 0, 0, 10);
	struct swap_req b = req(SWAP_OP_WRITE, 1, 1, 11), done;

	swap_submit(&r.dev, &a, 0);
	swap_submit(&r.dev, &b, 500);
	cr_assert(swap_complete(&r.dev, LATENCY + 499, &done));
	cr_assert_eq(done.gfn, 10);
	cr_assert_not(swap_complete(&r.dev, LATENCY + 499, &done));
	cr_assert_eq(swap_next_deadline(&r.dev), LATENCY + 500);
	cr_assert(swap_complete(&r.dev, LATENCY + 500, &done));
	cr_assert_eq(done.gfn, 11);
}

/* Is a full queue, a foreign frame, or a slot beyond the store refused? */
Test(swap_ram, refusals)
{
	struct swap_req x;

	for (u32 i = 0; i < NR_FRAMES; i++) {
		x = req(SWAP_OP_WRITE, i, i, i);
		cr_assert_eq(swap_submit(&r.dev, &x, 0), 0);
	}
	x = req(SWAP_OP_WRITE, 7, 0, 9);
	cr_assert_eq(swap_submit(&r.dev, &x, 0), -1, "queue full");
	cr_assert_eq(r.dev.queued, NR_FRAMES);
	while (swap_complete(&r.dev, LATENCY, &x))
		;
	x = req(SWAP_OP_READ, NR_SLOTS, 0, 0);
	cr_assert_eq(swap_submit(&r.dev, &x, 0), -1, "slot out of range");
	x = req(SWAP_OP_READ, 0, NR_FRAMES, 0);
	cr_assert_eq(swap_submit(&r.dev, &x, 0), -1, "frame not in the pool");
	cr_assert_eq(r.dev.queued, 0);
}

/* Does the ring wrap around correctly over many requests? */
Test(swap_ram, ring_wraps)
{
	struct swap_req x, done;

	for (u32 i = 0; i < 3 * NR_FRAMES; i++) {
		x = req(SWAP_OP_WRITE, i % NR_SLOTS, i % NR_FRAMES, i);
		cr_assert_eq(swap_submit(&r.dev, &x, i), 0);
		cr_assert(swap_complete(&r.dev, i + LATENCY, &done));
		cr_assert_eq(done.gfn, i);
	}
}

/* Is a missing queue refused, unless the store is empty: a device with no slots ("no swap") that takes no request? */
Test(swap_ram, init_bad_refused)
{
	struct swap_ram t;
	struct swap_req x = req(SWAP_OP_WRITE, 0, 0, 0), done;

	cr_assert_eq(swap_ram_init(&t, (struct phys_region){ store, SWAP_HPA,
				   0 }, &fp.pool, 1, NULL, 0), 0);
	cr_assert_eq(t.dev.nr_slots, 0);
	cr_assert_eq(swap_submit(&t.dev, &x, 0), -1);
	cr_assert_not(swap_complete(&t.dev, ~0ull, &done));
	cr_assert_eq(swap_next_deadline(&t.dev), SWAP_NO_DEADLINE);
	cr_assert_eq(swap_ram_init(&t, (struct phys_region){ store, SWAP_HPA,
				   PAGE_SIZE }, &fp.pool, 1, NULL, 1), -1);
	cr_assert_eq(swap_ram_init(&t, (struct phys_region){ store, SWAP_HPA,
				   PAGE_SIZE }, &fp.pool, 1, queue, 0), -1);
}

/* With swap_qd=1, does a second request wait for the first: one at a time? */
Test(swap_ram, qd1_serves_one_at_a_time)
{
	struct swap_req a = req(SWAP_OP_READ, 0, 0, 10);
	struct swap_req b = req(SWAP_OP_READ, 1, 1, 11);

	cr_assert_eq(swap_ram_set_qd(&r, 1), 0);
	swap_submit(&r.dev, &a, 0);
	swap_submit(&r.dev, &b, 100);
	cr_assert_eq(a.due, LATENCY);
	cr_assert_eq(b.due, 2 * LATENCY, "starts when a is done");
	cr_assert_eq(b.submitted, 100, "latency is clocked from submission");
}

/* With swap_qd=2, are two served at once and the third queued behind the first free? */
Test(swap_ram, qd2_serves_two_at_once)
{
	struct swap_req x[3];

	cr_assert_eq(swap_ram_set_qd(&r, 2), 0);
	for (u32 i = 0; i < 3; i++) {
		x[i] = req(SWAP_OP_WRITE, i, i, i);
		swap_submit(&r.dev, &x[i], i * 10);
	}
	cr_assert_eq(x[0].due, LATENCY);
	cr_assert_eq(x[1].due, 10 + LATENCY);
	cr_assert_eq(x[2].due, 2 * LATENCY, "waits for the first to finish");
	cr_assert_eq(swap_ram_set_qd(&r, 0), -1);
	cr_assert_eq(swap_ram_set_qd(&r, SWAP_QD_MAX + 1), -1);
}

/* Is busy time the union of requests in flight: overlap counted once, reads and writes apart? */
Test(swap_ram, busy_is_the_union)
{
	struct swap_req a = req(SWAP_OP_READ, 0, 0, 10);
	struct swap_req b = req(SWAP_OP_READ, 1, 1, 11);
	struct swap_req w = req(SWAP_OP_WRITE, 2, 2, 12);

	swap_submit(&r.dev, &a, 0);
	swap_submit(&r.dev, &b, 500);
	cr_assert_eq(r.dev.busy_read.cycles, LATENCY + 500, "not 2 x LATENCY");
	swap_submit(&r.dev, &w, 3 * LATENCY);	/* after a gap */
	cr_assert_eq(r.dev.busy_write.cycles, LATENCY);
	cr_assert_eq(r.dev.busy.cycles, 2 * LATENCY + 500, "the gap is idle");
	cr_assert_eq(r.dev.busy_read.cycles, LATENCY + 500);
}

static u64 device_now;
static u64 device_clock(void)
{
	return device_now;
}

/* Does the device stamp a request with its own clock, not the caller's older now? */
Test(swap_ram, clock_stamps_submission)
{
	struct swap_req a = req(SWAP_OP_READ, 0, 0, 10);

	r.dev.clock = device_clock;
	device_now = 95000;		/* e.g. after a CLOCK sweep */
	swap_submit(&r.dev, &a, 1000);	/* the VM exit was at 1000 */
	cr_assert_eq(a.submitted, 95000);
	cr_assert_eq(a.due, 95000 + LATENCY);
}

/*
 * Does taking the qd servers in turn give every request the due a scan
 * for the server free first gives: random latencies (lognormal), random
 * gaps between submits, qd 1..8, each request completed when due?
 */
Test(swap_ram, servers_in_turn_match_the_earliest_free)
{
	struct swap_latency lat;
	u64 rng = 7;

	for (u32 qd = 1; qd <= 8; qd++) {
		u64 free_at[8] = { 0 }, last_due = 0, now = 1000;

		teardown();
		setup();
		cr_assert_eq(swap_ram_set_qd(&r, qd), 0);
		swap_latency_init(&lat, LATENCY_LOGNORMAL, LATENCY, 800, qd);
		swap_ram_set_latency(&r, &lat);
		for (int n = 0; n < 2000; n++) {
			struct swap_req w = req(SWAP_OP_WRITE, 1, 0, n), done;
			struct swap_latency model = r.latency;	/* the same draw */
			u32 first = 0;
			u64 due;

			rng = rng * 6364136223846793005ull + 1442695040888963407ull;
			now += (rng >> 33) % (2 * LATENCY / qd);
			while (swap_complete(&r.dev, now, &done))
				;
			if (r.dev.queued == NR_FRAMES)
				now = swap_next_deadline(&r.dev);
			while (swap_complete(&r.dev, now, &done))
				;
			for (u32 i = 1; i < qd; i++)
				if (free_at[i] < free_at[first])
					first = i;
			due = MAX(now, free_at[first]) + swap_latency_sample(&model);
			due = MAX(due, last_due);
			free_at[first] = last_due = due;
			cr_assert_eq(swap_submit(&r.dev, &w, now), 0);
			cr_assert_eq(w.due, due, "qd %u, request %d: %llu vs %llu", qd, n, (unsigned long long)w.due, (unsigned long long)due);
		}
	}
}
