/* tests/unit/test_fault_latency.c - host tests for mm/fault_latency.c: which cycles make a zero-fill and a swap-in sample. */
#include <criterion/criterion.h>
#include "../../mm/fault_latency.h"

#define NR_GFNS		8

static struct fault_latency l;
static u32 swapin_cycles[NR_GFNS];

static void setup(void)
{
	fault_latency_init(&l, swapin_cycles, NR_GFNS);
}

TestSuite(fault_latency, .init = setup);

static struct mmu_fault done_fault(gfn_t gfn, enum mm_fault_kind kind,
				   u64 cycles)
{
	struct mmu_fault f = mmu_fault_init(gfn_to_gpa(gfn), 0, 0);

	f.kind = kind;
	f.cycles = cycles;
	return f;
}

static void complete(enum swap_op op, gfn_t gfn)
{
	struct swap_req r = { .op = op, .gfn = gfn };

	fault_latency_completed(&l, &r);
}

/* Is a zero-fill sample its own fault's cycles, and a spurious fault none? */
Test(fault_latency, zero_fill_sample_is_its_cycles)
{
	struct mmu_fault z = done_fault(1, MM_FAULT_ZERO, 700);
	struct mmu_fault s = done_fault(1, MM_FAULT_SPURIOUS, 50);

	fault_latency_fault(&l, &z);
	fault_latency_fault(&l, &s);
	cr_assert_eq(l.zero.count, 1);
	cr_assert_eq(l.zero.max, 700);
	cr_assert_eq(l.swapin.count, 0);
}

/* Is a swap-in sample its fault plus its equal share of the check that completed it, recorded once? */
Test(fault_latency, swapin_sample_fault_plus_share)
{
	struct mmu_fault s = done_fault(2, MM_FAULT_SWAPIN, 1500);

	fault_latency_fault(&l, &s);
	cr_assert_eq(l.swapin.count, 0, "not complete yet");
	complete(SWAP_OP_WRITE, 5);	/* a write-back shares the check */
	complete(SWAP_OP_READ, 2);
	fault_latency_check_done(&l, 600);
	cr_assert_eq(l.swapin.count, 1);
	cr_assert_eq(l.swapin.max, 1500 + 300);
	fault_latency_check_done(&l, 600);
	cr_assert_eq(l.swapin.count, 1, "a check is accounted once");
	cr_assert_eq(swapin_cycles[2], 0, "consumed");
}

/* Are a NOFRAME fault's cycles carried into the same page's next fault, and only that page's? */
Test(fault_latency, noframe_cycles_carried_to_same_page)
{
	struct mmu_fault wait = done_fault(3, MM_FAULT_NOFRAME, 400);
	struct mmu_fault other = done_fault(4, MM_FAULT_ZERO, 100);
	struct mmu_fault again = done_fault(3, MM_FAULT_ZERO, 200);

	fault_latency_fault(&l, &wait);
	fault_latency_fault(&l, &other);
	cr_assert_eq(l.zero.max, 100, "another page's fault carries nothing");
	fault_latency_fault(&l, &again);
	cr_assert_eq(l.zero.count, 2);
	cr_assert_eq(l.zero.max, 600);
}

/* Does a swap-in that no fault submitted (mm_pin_page) get only its share, even after an earlier fault on that page? */
Test(fault_latency, pinned_swapin_gets_share_only)
{
	struct mmu_fault s = done_fault(6, MM_FAULT_SWAPIN, 900);

	fault_latency_fault(&l, &s);
	complete(SWAP_OP_READ, 6);
	fault_latency_check_done(&l, 100);
	complete(SWAP_OP_READ, 6);	/* pinned later: no fault of its own */
	fault_latency_check_done(&l, 80);
	cr_assert_eq(l.swapin.count, 2);
	cr_assert_eq(l.swapin.min, 80);
	cr_assert_eq(l.swapin.max, 1000);
}
