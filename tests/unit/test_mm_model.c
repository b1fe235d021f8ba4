/* tests/unit/test_mm_model.c - randomized model check of mm/ (mmu, evict, pager, gfn, swap, swap_ram) against a plain array. */
#include <criterion/criterion.h>
#include "mm_fixture.h"
#include "../../mm/mm_internal.h"

/*
 * Thousands of seeded steps through mm/ exactly as faultline drives it,
 * with the test playing the CPU (A/D bits set on every access, or with
 * software A/D only the rights checked; translations cached until an
 * INVEPT, and checked for staleness at every entry) and the
 * vmm (wait for the deadline, poll, re-enter). The model is one version
 * number per page; a page's every word is a function of (gfn, version),
 * so a lost write, a stale swap copy, a swapped-in page in the wrong
 * frame or a torn copy all show as a wrong word. After every step
 * mm_verify() walks the GFN table against the frame pool, the reverse
 * map and EPT, and the test checks slots are unique.
 */

#define WORDS		(PAGE_SIZE / sizeof(u64))

static struct mm_fixture f;
static u32 version[FIX_MAX_GFNS];	/* 0: never written, reads zero */
static u64 rng;

static u64 next_rand(void)		/* xorshift64* */
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dull;
}

static u64 word(gfn_t gfn, u32 v, u64 i)
{
	return v ? (gfn << 40) ^ ((u64)v << 16) ^ i ^ 0x9e3779b97f4a7c15ull : 0;
}

static void fill(u64 *page, gfn_t gfn, u32 v)
{
	for (u64 i = 0; i < WORDS; i++)
		page[i] = word(gfn, v, i);
}

static void check_page(const u64 *page, gfn_t gfn, u64 step)
{
	for (u64 i = 0; i < WORDS; i++)
		cr_assert_eq(page[i], word(gfn, version[gfn], i),
			     "step %llu gfn %llu word %llu: %#llx, want %#llx "
			     "(version %u)", (unsigned long long)step,
			     (unsigned long long)gfn, (unsigned long long)i,
			     (unsigned long long)page[i],
			     (unsigned long long)word(gfn, version[gfn], i),
			     version[gfn]);
}

static void check_slots_unique(void)
{
	static u8 owner[FIX_MAX_GFNS];

	memset(owner, 0, sizeof(owner));
	for (gfn_t g = 0; g < f.mm.nr_gfns; g++) {
		u32 slot = f.mm.gfns[g].slot;

		if (slot == SWAP_SLOT_NONE)
			continue;
		cr_assert_lt(slot, FIX_MAX_GFNS);
		cr_assert_eq(owner[slot], 0, "slot %u held twice", slot);
		owner[slot] = 1;
	}
}

/* Every resident page's frame holds the model's data (EPT-walk side). */
static void check_all_resident(u64 step)
{
	for (gfn_t g = 0; g < f.mm.nr_gfns; g++) {
		hpa_t hpa = ept_translate(&f.fe.ept, gfn_to_gpa(g));

		if (hpa != FRAME_NONE)
			check_page(frame_virt(&f.frames.pool, hpa), g, step);
	}
}

/*
 * One configuration: frames, gfns, slots, steps, seed. Operations, by
 * weight: guest write (fill the page anew), guest read (check it),
 * faultline write through mm_gpa_to_virt, a fault left in flight without
 * waiting (as async PF does), and the clock moving on with a poll.
 */
static void run_model_ad(u64 nr_frames, u64 nr_gfns, u64 nr_slots, u64 steps,
			 u64 seed, enum ept_ad ad)
{
	mm_fixture_init_ad(&f, nr_frames, nr_gfns, nr_slots, ad);
	f.fe.tlb_on = true;	/* a missing INVEPT reads a stale frame */
	memset(version, 0, sizeof(version));
	rng = seed * 0x9e3779b97f4a7c15ull + 1;
	for (u64 step = 0; step < steps; step++) {
		/* skewed: a hot quarter gets half the accesses */
		gfn_t g = next_rand() % 2 ? next_rand() % (nr_gfns / 4 + 1) :
			  next_rand() % nr_gfns;
		unsigned op = next_rand() % 100;
		u64 *p;

		g %= nr_gfns;
		if (op < 40) {
			p = (u64 *)(void *)touch(&f, g, ACCESS_WRITE);
			fill(p, g, ++version[g]);
		} else if (op < 80) {
			check_page((u64 *)(void *)touch(&f, g, ACCESS_READ), g,
				   step);
		} else if (op < 87) {
			p = mm_gpa_to_virt(&f.mm, gfn_to_gpa(g));
			if (p)
				fill(p, g, ++version[g]);
		} else if (op < 94) {
			enum ret_pf r = fault_on(&f, gfn_to_gpa(g), 0, NULL);

			cr_assert(r == RET_PF_FIXED || r == RET_PF_SPURIOUS ||
				  r == RET_PF_RETRY, "ret_pf %d", r);
		} else {
			f.now += next_rand() % (2 * FIX_LATENCY);
			swap_poll(&f, f.now);
		}
		assert_verified(&f);
		check_slots_unique();
		if (step % 64 == 0)
			check_all_resident(step);
	}
	/* Drain, then read every page back: nothing was lost. */
	while (swap_next_deadline(&f.ram.dev) != SWAP_NO_DEADLINE)
		wait_for_io(&f);
	for (gfn_t g = 0; g < nr_gfns; g++)
		check_page((u64 *)(void *)touch(&f, g, ACCESS_READ), g, steps);
	assert_verified(&f);
	cr_assert_gt(f.mm.stats.faults_swapin, 0, "no swap-in: proves nothing");
	cr_assert_gt(f.mm.stats.clean_drops, 0, "no clean drop exercised");
	cr_assert_gt(f.mm.stats.writebacks, 0);
	cr_assert_eq(f.mm.stats.state_errors, 0);
	if (ad == EPT_AD_SW)
		cr_assert_gt(f.mm.stats.faults_fast, 0,
			     "software A/D never tracked an access");
	mm_fixture_fini(&f);
}

/*
 * Every configuration twice: with the CPU's accessed/dirty bits, and with
 * faultline's own (EPT_AD_SW: the test's CPU then sets nothing, and a
 * write to a page mapped without W faults).
 */
static void run_model(u64 nr_frames, u64 nr_gfns, u64 nr_slots, u64 steps,
		      u64 seed)
{
	run_model_ad(nr_frames, nr_gfns, nr_slots, steps, seed, EPT_AD_HW);
	run_model_ad(nr_frames, nr_gfns, nr_slots, steps, seed, EPT_AD_SW);
}

/* Does a pool of 1/2 of the touched pages lose nothing over 4000 steps? */
Test(mm_model, ratio_half)
{
	for (u64 seed = 1; seed <= 3; seed++)
		run_model(16, 32, 32, 4000, seed);
}

/* Does a pool of 1/8 lose nothing, with plenty of swap? */
Test(mm_model, ratio_eighth)
{
	for (u64 seed = 1; seed <= 3; seed++)
		run_model(8, 64, 64, 4000, seed);
}

/* Does a single frame (every touch evicts) lose nothing? */
Test(mm_model, single_frame)
{
	run_model(1, 6, 6, 3000, 7);
}

/* With swap only just large enough (slots get stolen back), is nothing lost? */
Test(mm_model, tight_swap_steals_slots)
{
	run_model(16, 64, 64 - 16 + 2, 5000, 11);
	run_model(8, 40, 40 - 8 + 1, 5000, 12);
}

/* With a pool large enough for background reclaim (free_target > 0), is nothing lost? */
Test(mm_model, background_reclaim)
{
	run_model(128, 512, 512, 6000, 5);
	cr_assert_gt(f.mm.free_target, 0);
}
