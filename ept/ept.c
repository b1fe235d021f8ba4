/* ept/ept.c - EPT paging structures: build, walk, map, unmap, A/D bits. KVM: arch/x86/kvm/mmu/tdp_mmu.c (tdp_mmu_map_handle_target_level, age_gfn_range). */
#include "ept.h"

/*
 * Invariants:
 *   - every table (PML4, PDPT, PD, PT) is a frame of ept->tables, reached
 *     only through frame_virt(): an HPA is never dereferenced;
 *   - a non-leaf entry is either 0 (not present) or table HPA | RWX: all
 *     rights are given at the upper levels and decided at the leaf
 *     (SDM 29.3.2: the access rights of a walk are the AND of every level);
 *   - faultline never maps large pages, so bit 7 is never set;
 *   - tables are never freed: a GPA range once walked keeps its tables,
 *     at most guest_mem / 2 MiB page tables plus a few upper ones.
 */

#define EPT_LEAF_MT_MASK	(0x7ull << VMX_EPT_MT_SHIFT)	/* bits 5:3 */

/* Bits ept_map_4k() accepts in a leaf besides the address. */
#define EPT_LEAF_ALLOWED_BITS	(VMX_EPT_RWX_MASK | \
				 EPT_LEAF_MT_MASK | \
				 VMX_EPT_IPAT_BIT | VMX_EPT_ACCESS_BIT | \
				 VMX_EPT_DIRTY_BIT)
#define EPT_GPA_LIMIT		(1ull << EPT_GPA_BITS)

static bool entry_present(u64 entry)
{
	return entry & VMX_EPT_RWX_MASK;
}

/*
 * Write without read is a misconfiguration (SDM 29.3.3.1); so is no right
 * at all for a mapping meant to be present.
 */
static bool rwx_valid(u64 rwx)
{
	if (!(rwx & VMX_EPT_RWX_MASK) || (rwx & ~VMX_EPT_RWX_MASK))
		return false;
	return !(rwx & VMX_EPT_WRITABLE_MASK) || (rwx & VMX_EPT_READABLE_MASK);
}

static bool gpa_valid(gpa_t gpa)
{
	return gpa < EPT_GPA_LIMIT && IS_ALIGNED(gpa, PAGE_SIZE);
}

static u64 *table_of(const struct ept *ept, u64 entry_or_hpa)
{
	return frame_virt(ept->tables, entry_or_hpa & VMX_EPT_ADDR_MASK);
}

enum ept_result ept_init(struct ept *ept, struct frame_pool *tables,
			 void (*invept)(struct ept *ept))
{
	ept->tables = tables;
	ept->invept = invept;
	ept->pml4 = frame_alloc_zeroed(tables);
	return ept->pml4 == FRAME_NONE ? EPT_ENOMEM : EPT_OK;
}

u64 ept_eptp(const struct ept *ept)
{
	return ept->pml4 | VMX_EPTP_MT_WB | EPTP_PAGE_WALK_LEVELS(EPT_LEVELS) |
	       VMX_EPTP_AD_ENABLE_BIT;
}

/*
 * The level-1 entry for gpa. With create, missing tables are allocated
 * zeroed on the way down (EPT_ENOMEM in *res if the pool runs dry; tables
 * already added stay). Without it, NULL when a level is missing.
 */
static u64 *walk(const struct ept *ept, gpa_t gpa, bool create,
		 enum ept_result *res)
{
	u64 *table = table_of(ept, ept->pml4);

	for (int level = EPT_LEVELS; level > 1 && table; level--) {
		u64 *entry = &table[ept_index(gpa, level)];

		if (!entry_present(*entry)) {
			hpa_t next;

			if (!create)
				return NULL;
			next = frame_alloc_zeroed(ept->tables);
			if (next == FRAME_NONE) {
				*res = EPT_ENOMEM;
				return NULL;
			}
			*entry = next | VMX_EPT_RWX_MASK;
		}
		table = table_of(ept, *entry);
	}
	return table ? &table[ept_index(gpa, 1)] : NULL;
}

enum ept_result ept_map_4k(struct ept *ept, gpa_t gpa, hpa_t hpa, u64 leaf_bits)
{
	enum ept_result res = EPT_OK;
	u64 *leaf;

	if (!gpa_valid(gpa) || (hpa & ~VMX_EPT_ADDR_MASK))
		return EPT_ERANGE;
	if ((leaf_bits & ~EPT_LEAF_ALLOWED_BITS) ||
	    !rwx_valid(leaf_bits & VMX_EPT_RWX_MASK))
		return EPT_EINVAL;
	leaf = walk(ept, gpa, true, &res);
	if (!leaf)
		return res == EPT_OK ? EPT_ENOMEM : res;
	if (entry_present(*leaf))
		return EPT_EEXIST;
	/* Not present before, so nothing cached: no INVEPT. */
	*leaf = hpa | leaf_bits;
	return EPT_OK;
}

enum ept_result ept_unmap_4k(struct ept *ept, gpa_t gpa)
{
	u64 *leaf;

	if (!gpa_valid(gpa))
		return EPT_ERANGE;
	leaf = walk(ept, gpa, false, NULL);
	if (!leaf || !entry_present(*leaf))
		return EPT_ENOENT;
	*leaf = 0;
	ept_flush(ept);		/* the TLB may still hold the old mapping */
	return EPT_OK;
}

u64 *ept_lookup(const struct ept *ept, gpa_t gpa)
{
	if (gpa >= EPT_GPA_LIMIT)
		return NULL;
	return walk(ept, gpa & PAGE_MASK, false, NULL);
}

hpa_t ept_translate(const struct ept *ept, gpa_t gpa)
{
	u64 *leaf = ept_lookup(ept, gpa);

	if (!leaf || !entry_present(*leaf))
		return FRAME_NONE;
	return *leaf & VMX_EPT_ADDR_MASK;
}

void ept_flush(struct ept *ept)
{
	ept->invept(ept);
}

/* The present leaf for gpa, or NULL. */
static u64 *present_leaf(const struct ept *ept, gpa_t gpa)
{
	u64 *leaf = ept_lookup(ept, gpa);

	return leaf && entry_present(*leaf) ? leaf : NULL;
}

bool ept_test_and_clear_accessed(struct ept *ept, gpa_t gpa,
				 enum ept_flush flush)
{
	u64 *leaf = present_leaf(ept, gpa);

	if (!leaf || !(*leaf & VMX_EPT_ACCESS_BIT))
		return false;
	*leaf &= ~VMX_EPT_ACCESS_BIT;
	if (flush == EPT_FLUSH_NOW)
		ept_flush(ept);
	return true;
}

bool ept_test_dirty(const struct ept *ept, gpa_t gpa)
{
	u64 *leaf = present_leaf(ept, gpa);

	return leaf && (*leaf & VMX_EPT_DIRTY_BIT);
}

bool ept_test_and_clear_dirty(struct ept *ept, gpa_t gpa)
{
	u64 *leaf = present_leaf(ept, gpa);

	if (!leaf || !(*leaf & VMX_EPT_DIRTY_BIT))
		return false;
	*leaf &= ~VMX_EPT_DIRTY_BIT;
	ept_flush(ept);		/* else cached "dirty" hides the next write */
	return true;
}

enum ept_result ept_set_leaf_perms(struct ept *ept, gpa_t gpa, u64 rwx)
{
	u64 *leaf = present_leaf(ept, gpa);
	u64 old;

	if (!rwx_valid(rwx))
		return EPT_EINVAL;
	if (!leaf)
		return EPT_ENOENT;
	old = *leaf & VMX_EPT_RWX_MASK;
	*leaf = (*leaf & ~VMX_EPT_RWX_MASK) | rwx;
	if (old & ~rwx)
		ept_flush(ept);		/* a right was taken away */
	return EPT_OK;
}
