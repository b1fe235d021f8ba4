/* tests/unit/mm_fixture.h - host-test fixture: mm over a swap device of any size (0 slots: no swap), a fake EPT whose A/D bits the test sets as the CPU would, the RAM backend and a fake TSC. */
#ifndef FAULTLINE_TESTS_MM_FIXTURE_H
#define FAULTLINE_TESTS_MM_FIXTURE_H

#include <string.h>
#include "fake_phys.h"
#include "../../mm/mmu.h"

#define FIX_LATENCY	1000		/* ticks per swap I/O */
#define FIX_SWAP_BASE	(FAKE_HPA_BASE + GiB(8))
#define FIX_MAX_GFNS	16384

enum access { ACCESS_READ, ACCESS_WRITE };

struct mm_fixture {
	struct fake_ept fe;
	struct fake_pool frames;
	struct mm mm;
	struct swap_ram ram;
	const struct swap_ops *ram_ops;	/* the real ones, wrapped below */
	struct swap_ops counting_ops;
	void *store;
	struct swap_req *queue;
	struct mm_storage st;
	u64 now;
	unsigned writes_of[FIX_MAX_GFNS];	/* swap writes submitted per gfn */
	unsigned reads_of[FIX_MAX_GFNS];
};

/* One fixture per test process (Criterion forks each test). */
static struct mm_fixture *fix_current;

static int counting_submit(struct swap_dev *dev, struct swap_req *req, u64 now)
{
	int r = fix_current->ram_ops->submit(dev, req, now);

	if (r == 0 && req->gfn < FIX_MAX_GFNS) {
		if (req->op == SWAP_OP_WRITE)
			fix_current->writes_of[req->gfn]++;
		else
			fix_current->reads_of[req->gfn]++;
	}
	return r;
}

/* As mm_fixture_init(), with the EPT's accessed/dirty bits kept by ad. */
static inline void mm_fixture_init_ad(struct mm_fixture *f, u64 nr_frames,
				      u64 nr_gfns, u64 nr_slots,
				      enum ept_ad ad)
{
	struct phys_region store;

	memset(f, 0, sizeof(*f));
	fix_current = f;
	cr_assert_leq(nr_gfns, FIX_MAX_GFNS);
	fake_ept_init_ad(&f->fe, 64, ad);
	fake_pool_init(&f->frames, nr_frames, FAKE_HPA_BASE);
	f->store = aligned_alloc(PAGE_SIZE, nr_slots * PAGE_SIZE);
	f->queue = calloc(nr_frames, sizeof(*f->queue));
	store = (struct phys_region){ .virt = f->store, .hpa = FIX_SWAP_BASE,
				      .size = nr_slots * PAGE_SIZE };
	cr_assert_eq(swap_ram_init(&f->ram, store, &f->frames.pool,
				   FIX_LATENCY, f->queue, (u32)nr_frames), 0);
	f->ram_ops = f->ram.dev.ops;
	f->counting_ops = *f->ram_ops;
	f->counting_ops.submit = counting_submit;
	f->ram.dev.ops = &f->counting_ops;
	f->st = (struct mm_storage){
		.gfns = calloc(nr_gfns, sizeof(struct gfn_entry)),
		.rmap = calloc(nr_frames, sizeof(u32)),
		.sptep = calloc(nr_frames, sizeof(u64 *)),
		.slot_stack = calloc(nr_slots, sizeof(u32)),
		.slot_in_use = calloc(nr_slots, 1),
	};
	cr_assert_eq(mm_init(&f->mm, nr_gfns * PAGE_SIZE, &f->frames.pool,
			     &f->fe.ept, &f->ram.dev, &f->st), 0);
}

static inline void mm_fixture_init(struct mm_fixture *f, u64 nr_frames,
				   u64 nr_gfns, u64 nr_slots)
{
	mm_fixture_init_ad(f, nr_frames, nr_gfns, nr_slots, EPT_AD_HW);
}

static inline void mm_fixture_fini(struct mm_fixture *f)
{
	free(f->st.gfns);
	free(f->st.rmap);
	free(f->st.sptep);
	free(f->st.slot_stack);
	free(f->st.slot_in_use);
	free(f->store);
	free(f->queue);
	fake_pool_fini(&f->frames);
	fake_ept_fini(&f->fe);
}

/* Does leaf let this access through without a walk to set A or D? */
static inline bool leaf_allows(u64 leaf, bool hw_ad, enum access a)
{
	if (!(leaf & VMX_EPT_RWX_MASK))
		return false;
	if (a == ACCESS_WRITE && !(leaf & VMX_EPT_WRITABLE_MASK))
		return false;
	/* Hardware D: a first write walks again to set it (29.3.5). */
	return !(hw_ad && a == ACCESS_WRITE && !(leaf & VMX_EPT_DIRTY_BIT));
}

/*
 * The CPU's side of an access: through EPT, with the rights the leaf
 * gives (none: not present; a write needs W), setting A (and D on a
 * write) only when the EPT has hardware A/D. NULL: an EPT violation.
 * With fe.tlb_on, a translation cached by an earlier walk is used as
 * the CPU would, without looking at EPT, until an INVEPT drops it.
 */
static inline u8 *hw_access(struct mm_fixture *f, gfn_t gfn, enum access a)
{
	gpa_t gpa = gfn_to_gpa(gfn);
	bool hw_ad = f->fe.ept.ad == EPT_AD_HW;
	struct fake_tlb_entry *t = f->fe.tlb_on ?
				   fake_tlb_find(&f->fe, gpa) : NULL;
	u64 *leaf;

	if (t && leaf_allows(t->leaf, hw_ad, a))
		return frame_virt(&f->frames.pool, t->leaf & VMX_EPT_ADDR_MASK);
	leaf = ept_lookup(&f->fe.ept, gpa);
	if (!leaf || !(*leaf & VMX_EPT_RWX_MASK) ||
	    (a == ACCESS_WRITE && !(*leaf & VMX_EPT_WRITABLE_MASK))) {
		if (t)		/* the violation drops it (29.4.3.1) */
			t->leaf = 0;
		return NULL;
	}
	if (hw_ad) {
		*leaf |= VMX_EPT_ACCESS_BIT;
		if (a == ACCESS_WRITE)
			*leaf |= VMX_EPT_DIRTY_BIT;
	}
	if (f->fe.tlb_on)
		fake_tlb_fill(&f->fe, gpa, *leaf);
	return frame_virt(&f->frames.pool, *leaf & VMX_EPT_ADDR_MASK);
}

/*
 * The guest faults on gpa at the fixture's time, as handle_ept_violation()
 * asks; *out (if not NULL) gets the fault back, with what happened.
 */
static inline enum ret_pf fault_on(struct mm_fixture *f, gpa_t gpa,
				   u64 error_code, struct mmu_fault *out)
{
	struct mmu_fault fault = mmu_fault_init(gpa, error_code, f->now);
	enum ret_pf r = mmu_page_fault(&f->mm, &fault);

	if (out)
		*out = fault;
	return r;
}

/* Every swap I/O finished by now, as kvm_check_async_pf_completion() takes them. How many. */
static inline unsigned swap_poll(struct mm_fixture *f, u64 now)
{
	struct swap_req done;
	unsigned n = 0;

	while (mm_swap_complete(&f->mm, now, &done))
		n++;
	return n;
}

/* Let the fake TSC run to the next completion and take it. */
static inline void wait_for_io(struct mm_fixture *f)
{
	u64 due;

	mm_reclaim_idle(&f->mm);	/* as the vmm does before it waits */
	due = swap_next_deadline(&f->ram.dev);

	cr_assert_neq(due, SWAP_NO_DEADLINE, "RETRY with no I/O in flight");
	cr_assert_eq(swap_poll(f, due - 1), 0,
		     "completed before its deadline");
	f->now = MAX(f->now, due);
	cr_assert_gt(swap_poll(f, f->now), 0);
}

/*
 * The guest touches gfn, as the synchronous path runs it: enter (the
 * INVEPT owed, if any), fault, on RET_PF_RETRY wait for the I/O and
 * re-enter, until the access goes through. Returns the page.
 */
static inline u8 *touch(struct mm_fixture *f, gfn_t gfn, enum access a)
{
	for (int tries = 0; tries < 64; tries++) {
		u8 *p;
		enum ret_pf r;

		fake_vm_entry(&f->fe);
		p = hw_access(f, gfn, a);
		if (p)
			return p;
		r = fault_on(f, gfn_to_gpa(gfn),
			     a == ACCESS_WRITE ? PFERR_WRITE_MASK : 0, NULL);
		cr_assert(r == RET_PF_FIXED || r == RET_PF_SPURIOUS ||
			  r == RET_PF_RETRY, "gfn %llu: ret_pf %d",
			  (unsigned long long)gfn, r);
		if (r == RET_PF_RETRY)
			wait_for_io(f);
	}
	cr_assert_fail("gfn %llu never became accessible",
		       (unsigned long long)gfn);
	return NULL;
}

static inline enum gfn_state gfn_state_of(struct mm_fixture *f, gfn_t gfn)
{
	return mm_gfn_state(&f->mm, gfn_to_gpa(gfn));
}

static inline void assert_verified(struct mm_fixture *f)
{
	const char *what = "";
	gfn_t gfn;

	cr_assert_eq(mm_verify(&f->mm, &what, &gfn), 0, "gfn %llu: %s",
		     (unsigned long long)gfn, what);
}

static inline u64 *leaf_of(struct mm_fixture *f, gfn_t gfn)
{
	return ept_lookup(&f->fe.ept, gfn_to_gpa(gfn));
}

#endif
