/* tests/unit/fake_phys.h - host-test helpers: host memory behind a fake host-physical address, frame pools and an EPT over it. */
#ifndef FAULTLINE_TESTS_FAKE_PHYS_H
#define FAULTLINE_TESTS_FAKE_PHYS_H

#include <stdlib.h>
#include <criterion/criterion.h>
#include "../../include/phys.h"
#include "../../mm/frame.h"
#include "../../ept/ept.h"

/*
 * Fake HPAs start at 64 GiB: nothing is mapped there in a test process
 * (under ASan it is the shadow gap), so code that dereferences an HPA
 * instead of going through the region crashes at once.
 */
#define FAKE_HPA_BASE	GiB(64)

struct fake_pool {
	struct frame_pool pool;
	void *mem;
	u32 *stack;
};

/* A pool of nr frames at fake HPA base; the memory is filled with 0xa5 so "zeroed" means something. */
static inline void fake_pool_init(struct fake_pool *fp, u64 nr, hpa_t base)
{
	struct phys_region r;

	fp->mem = aligned_alloc(PAGE_SIZE, nr * PAGE_SIZE);
	fp->stack = calloc(nr, sizeof(u32));
	cr_assert(fp->mem && fp->stack);
	for (u64 i = 0; i < nr * PAGE_SIZE; i++)
		((u8 *)fp->mem)[i] = 0xa5;
	r = (struct phys_region){ .virt = fp->mem, .hpa = base,
				  .size = nr * PAGE_SIZE };
	cr_assert_eq(frame_pool_init(&fp->pool, r, fp->stack), 0);
}

static inline void fake_pool_fini(struct fake_pool *fp)
{
	free(fp->mem);
	free(fp->stack);
}

/*
 * The CPU's cached guest-physical mappings (SDM 29.4.2), as far as a
 * test plays the CPU (mm_fixture.h's hw_access with tlb_on): a leaf
 * copied on a walk that succeeded, used again without a walk until an
 * INVEPT drops it or an EPT violation on its GPA does (29.4.3.1). Bochs
 * has nothing like it (its TLB is dropped on every VM entry and exit), so
 * this is where a missing INVEPT shows.
 */
#define FAKE_TLB_ENTRIES	64

struct fake_tlb_entry {
	gpa_t gpa;
	u64 leaf;		/* as the walk found it */
};

/* INVEPT in host tests: a recorder per struct ept, and the TLB it drops. */
struct fake_ept {
	struct ept ept;		/* first: invept gets &ept */
	struct fake_pool tables;
	unsigned invepts;
	bool tlb_on;
	unsigned tlb_next;	/* the slot the next fill replaces */
	struct fake_tlb_entry tlb[FAKE_TLB_ENTRIES];
};

static inline void fake_tlb_drop_all(struct fake_ept *fe)
{
	for (unsigned i = 0; i < FAKE_TLB_ENTRIES; i++)
		fe->tlb[i].leaf = 0;
}

static inline void fake_invept(struct ept *ept)
{
	struct fake_ept *fe = (struct fake_ept *)(void *)ept;

	fe->invepts++;
	fake_tlb_drop_all(fe);
}

/* The cached leaf for gpa (a page), or NULL. */
static inline struct fake_tlb_entry *fake_tlb_find(struct fake_ept *fe,
						   gpa_t gpa)
{
	for (unsigned i = 0; i < FAKE_TLB_ENTRIES; i++)
		if (fe->tlb[i].leaf && fe->tlb[i].gpa == gpa)
			return &fe->tlb[i];
	return NULL;
}

static inline void fake_tlb_fill(struct fake_ept *fe, gpa_t gpa, u64 leaf)
{
	struct fake_tlb_entry *t = fake_tlb_find(fe, gpa);

	if (!t) {
		t = &fe->tlb[fe->tlb_next];
		fe->tlb_next = (fe->tlb_next + 1) % FAKE_TLB_ENTRIES;
	}
	*t = (struct fake_tlb_entry){ .gpa = gpa, .leaf = leaf };
}

/*
 * A cached translation that gives the guest more than EPT now does (a
 * right, another frame, or an A or D the CPU would no longer set), or
 * NULL: what an INVEPT owed and not done leaves behind.
 */
static inline const struct fake_tlb_entry *fake_tlb_stale(struct fake_ept *fe)
{
	const u64 kept = VMX_EPT_RWX_MASK | VMX_EPT_ACCESS_BIT |
			 VMX_EPT_DIRTY_BIT;

	for (unsigned i = 0; i < FAKE_TLB_ENTRIES; i++) {
		u64 old = fe->tlb[i].leaf, *now;

		if (!old)
			continue;
		now = ept_lookup(&fe->ept, fe->tlb[i].gpa);
		if (!now || (*now & VMX_EPT_ADDR_MASK) !=
			    (old & VMX_EPT_ADDR_MASK) || (old & kept & ~*now))
			return &fe->tlb[i];
	}
	return NULL;
}

/*
 * What the vmm does right before VM entry (ept_flush_if_requested()),
 * then the check that makes it matter: nothing stale is left for the
 * guest to use. Returns the INVEPTs so far.
 */
static inline unsigned fake_vm_entry(struct fake_ept *fe)
{
	const struct fake_tlb_entry *t;

	ept_flush_if_requested(&fe->ept);
	t = fake_tlb_stale(fe);
	cr_assert_null(t, "gpa %#llx: cached leaf %#llx, EPT now %#llx: "
		       "no INVEPT before VM entry",
		       (unsigned long long)(t ? t->gpa : 0),
		       (unsigned long long)(t ? t->leaf : 0),
		       (unsigned long long)(t && ept_lookup(&fe->ept, t->gpa) ?
					    *ept_lookup(&fe->ept, t->gpa) : 0));
	return fe->invepts;
}

/* An EPT whose A/D bits are the CPU's (EPT_AD_HW) or faultline's (EPT_AD_SW). */
static inline void fake_ept_init_ad(struct fake_ept *fe, u64 nr_tables,
				    enum ept_ad ad)
{
	fe->invepts = 0;
	fe->tlb_on = false;
	fe->tlb_next = 0;
	fake_tlb_drop_all(fe);
	fake_pool_init(&fe->tables, nr_tables, FAKE_HPA_BASE + GiB(1));
	cr_assert_eq(ept_init(&fe->ept, &fe->tables.pool, fake_invept, ad),
		     EPT_OK);
}

static inline void fake_ept_init(struct fake_ept *fe, u64 nr_tables)
{
	fake_ept_init_ad(fe, nr_tables, EPT_AD_HW);
}

static inline void fake_ept_fini(struct fake_ept *fe)
{
	fake_pool_fini(&fe->tables);
}

#endif
