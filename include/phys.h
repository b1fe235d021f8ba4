/* include/phys.h - a block of host memory seen both by host-physical address and by pointer. */
#ifndef FAULTLINE_PHYS_H
#define FAULTLINE_PHYS_H

#include "types.h"

/*
 * EPT entries and VMCS fields hold host-physical addresses; C code needs
 * pointers. In faultline the two are equal (boot/ identity-maps all of
 * memory), but mm/ and ept/ never assume it: they translate through the
 * region they were given. Host unit tests put a malloc'd buffer behind a
 * fake HPA far from it, so a raw HPA dereference crashes there, not here.
 */
struct phys_region {
	u8 *virt;	/* where C sees the first byte */
	hpa_t hpa;	/* where the hardware sees it; page aligned */
	u64 size;	/* bytes, a multiple of PAGE_SIZE */
};

static inline bool phys_region_contains(const struct phys_region *r, hpa_t hpa)
{
	return hpa >= r->hpa && hpa - r->hpa < r->size;
}

/* Caller guarantees phys_region_contains(r, hpa). */
static inline void *phys_region_virt(const struct phys_region *r, hpa_t hpa)
{
	return r->virt + (hpa - r->hpa);
}

#endif
