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

/* INVEPT in host tests: a counter per struct ept. */
struct fake_ept {
	struct ept ept;		/* first: invept gets &ept */
	struct fake_pool tables;
	unsigned invepts;
};

static inline void fake_invept(struct ept *ept)
{
	((struct fake_ept *)(void *)ept)->invepts++;
}

/* An EPT whose A/D bits are the CPU's (EPT_AD_HW) or faultline's (EPT_AD_SW). */
static inline void fake_ept_init_ad(struct fake_ept *fe, u64 nr_tables,
				    enum ept_ad ad)
{
	fe->invepts = 0;
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
