/* ept/ept.c - EPT paging structures: build, walk, map, unmap, A/D bits (the CPU's, or faultline's own by access tracking). KVM: arch/x86/kvm/mmu/tdp_mmu.c (tdp_mmu_map_handle_target_level, age_gfn_range), mmu.c (fast_page_fault). */
#include "ept.h"

/*
 * Invariants:
 *   - every table (PML4, PDPT, PD, PT) is a frame of ept->tables, reached
 *     only through frame_virt(): an HPA is never dereferenced;
 *   - a non-leaf entry is either 0 (not present) or table HPA | RWX: all
 *     rights are given at the upper levels and decided at the leaf
 *     (SDM 29.3.2: the access rights of a walk are the AND of every level);
 *   - faultline never maps large pages, so bit 7 is never set;
 *   - with EPT_AD_SW, a leaf has W only if it has D, and a leaf with A
 *     clear has no rights (they wait in SPTE_ACC_TRACK_SAVED);
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

/*
 * Present for faultline: it maps something. The CPU sees an entry with
 * R/W/X all 0 as not present, which is how software A/D tracks access
 * (SPTE_MMU_PRESENT_MASK keeps it a mapping for faultline).
 */
static bool entry_present(u64 entry)
{
	return entry & (VMX_EPT_RWX_MASK | SPTE_MMU_PRESENT_MASK);
}

static bool access_tracked(u64 leaf)
{
	return !(leaf & VMX_EPT_RWX_MASK) && (leaf & SPTE_MMU_PRESENT_MASK);
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
			 void (*invept)(struct ept *ept), enum ept_ad ad)
{
	ept->tables = tables;
	for (unsigned i = 0; i < EPT_PDE_CACHE_SIZE; i++)
		ept->pde_cache[i] = (struct ept_pde_cache){ 0, NULL };
	ept->ad = ad;
	ept->invept = invept;
	ept->flush_requested = false;
	ept->flushes = 0;
	ept->pml4 = frame_alloc_zeroed(tables);
	return ept->pml4 == FRAME_NONE ? EPT_ENOMEM : EPT_OK;
}

u64 ept_eptp(const struct ept *ept)
{
	return ept->pml4 | VMX_EPTP_MT_WB | EPTP_PAGE_WALK_LEVELS(EPT_LEVELS) |
	       (ept->ad == EPT_AD_HW ? VMX_EPTP_AD_ENABLE_BIT : 0);
}

/* ---- software A/D: the leaf as EPT_AD_SW keeps it ---- */

/* Take the rights away (A clear: the next access faults), keeping them. */
static u64 track_access(u64 leaf)
{
	u64 rwx = leaf & VMX_EPT_RWX_MASK;

	return (leaf & ~(VMX_EPT_RWX_MASK | VMX_EPT_ACCESS_BIT)) |
	       rwx << SPTE_ACC_TRACK_SAVED_SHIFT;
}

static u64 restore_access(u64 leaf)
{
	u64 rwx = (leaf & SPTE_ACC_TRACK_SAVED_MASK) >>
		  SPTE_ACC_TRACK_SAVED_SHIFT;

	return (leaf & ~SPTE_ACC_TRACK_SAVED_MASK) | rwx | VMX_EPT_ACCESS_BIT;
}

/*
 * Leaf bits as mapped under EPT_AD_SW, from what the caller asked for:
 * W only with D (else remembered in SPTE_MMU_WRITABLE), and with A clear
 * no rights at all until the first access.
 */
static u64 sw_leaf(u64 leaf)
{
	leaf |= SPTE_MMU_PRESENT_MASK;
	if (leaf & VMX_EPT_WRITABLE_MASK) {
		leaf |= SPTE_MMU_WRITABLE;
		if (!(leaf & VMX_EPT_DIRTY_BIT))
			leaf &= ~VMX_EPT_WRITABLE_MASK;
	}
	return leaf & VMX_EPT_ACCESS_BIT ? leaf : track_access(leaf);
}

/* The rights the guest can use now (saved ones do not count). */
static u64 live_rights(u64 leaf)
{
	return leaf & VMX_EPT_RWX_MASK;
}

/*
 * The level-1 entry for gpa. With create, missing tables are allocated
 * zeroed on the way down (EPT_ENOMEM in *res if the pool runs dry; tables
 * already added stay). Without it, NULL when a level is missing.
 */
static u64 *walk(const struct ept *ept, gpa_t gpa, bool create,
		 enum ept_result *res)
{
	u64 region = gpa >> (PAGE_SHIFT + 9);
	const struct ept_pde_cache *c =
		&ept->pde_cache[region % EPT_PDE_CACHE_SIZE];
	u64 *table;

	if (c->table && c->region == region)
		return &c->table[ept_index(gpa, 1)];
	table = table_of(ept, ept->pml4);
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

/* walk() that remembers the page table it reached, for a map. */
static u64 *walk_create(struct ept *ept, gpa_t gpa, enum ept_result *res)
{
	u64 *leaf = walk(ept, gpa, true, res);
	u64 region = gpa >> (PAGE_SHIFT + 9);

	if (leaf)
		ept->pde_cache[region % EPT_PDE_CACHE_SIZE] =
			(struct ept_pde_cache){ region,
						leaf - ept_index(gpa, 1) };
	return leaf;
}

enum ept_result ept_map_4k(struct ept *ept, gpa_t gpa, hpa_t hpa, u64 leaf_bits)
{
	u64 *sptep;

	return ept_map_4k_spte(ept, gpa, hpa, leaf_bits, &sptep);
}

enum ept_result ept_map_4k_spte(struct ept *ept, gpa_t gpa, hpa_t hpa,
				u64 leaf_bits, u64 **sptep)
{
	enum ept_result res = EPT_OK;
	u64 *leaf;

	if (!gpa_valid(gpa) || (hpa & ~VMX_EPT_ADDR_MASK))
		return EPT_ERANGE;
	if ((leaf_bits & ~EPT_LEAF_ALLOWED_BITS) ||
	    !rwx_valid(leaf_bits & VMX_EPT_RWX_MASK))
		return EPT_EINVAL;
	leaf = walk_create(ept, gpa, &res);
	if (!leaf)
		return res == EPT_OK ? EPT_ENOMEM : res;
	if (entry_present(*leaf))
		return EPT_EEXIST;
	/* Not present before, so nothing cached: no INVEPT. */
	*leaf = hpa | (ept->ad == EPT_AD_SW ? sw_leaf(leaf_bits) : leaf_bits);
	*sptep = leaf;
	return EPT_OK;
}

enum ept_result ept_unmap_4k(struct ept *ept, gpa_t gpa)
{
	u64 *leaf;

	if (!gpa_valid(gpa))
		return EPT_ERANGE;
	leaf = walk(ept, gpa, false, NULL);
	return leaf ? ept_spte_unmap(ept, leaf) : EPT_ENOENT;
}

enum ept_result ept_spte_unmap(struct ept *ept, u64 *sptep)
{
	if (!entry_present(*sptep))
		return EPT_ENOENT;
	*sptep = 0;
	ept_request_flush(ept);	/* the TLB may still hold the old mapping */
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

void ept_request_flush(struct ept *ept)
{
	ept->flush_requested = true;
}

/* ept_flush_if_requested() with a flush owed. */
void ept_flush(struct ept *ept)
{
	ept->flush_requested = false;
	ept->invept(ept);
	ept->flushes++;
}

/* The present leaf for gpa, or NULL. */
static u64 *present_leaf(const struct ept *ept, gpa_t gpa)
{
	u64 *leaf = ept_lookup(ept, gpa);

	return leaf && entry_present(*leaf) ? leaf : NULL;
}

bool ept_test_and_clear_accessed(struct ept *ept, gpa_t gpa)
{
	u64 *leaf = present_leaf(ept, gpa);

	return leaf && ept_spte_test_and_clear_accessed(ept, leaf);
}

bool ept_spte_test_and_clear_accessed(struct ept *ept, u64 *leaf)
{
	if (!entry_present(*leaf) || !(*leaf & VMX_EPT_ACCESS_BIT))
		return false;
	/* Software A: no CPU will set it again, so the next access must fault. */
	*leaf = ept->ad == EPT_AD_SW ? track_access(*leaf)
				     : *leaf & ~VMX_EPT_ACCESS_BIT;
	ept_request_flush(ept);
	return true;
}

bool ept_test_dirty(const struct ept *ept, gpa_t gpa)
{
	u64 *leaf = present_leaf(ept, gpa);

	return leaf && ept_spte_test_dirty(leaf);
}

bool ept_spte_test_dirty(const u64 *sptep)
{
	return entry_present(*sptep) && (*sptep & VMX_EPT_DIRTY_BIT);
}

bool ept_test_and_clear_dirty(struct ept *ept, gpa_t gpa)
{
	u64 *leaf = present_leaf(ept, gpa);

	if (!leaf || !(*leaf & VMX_EPT_DIRTY_BIT))
		return false;
	*leaf &= ~VMX_EPT_DIRTY_BIT;
	/* Software D: W goes too (W => D), live or saved by tracking. */
	if (ept->ad == EPT_AD_SW)
		*leaf &= ~(VMX_EPT_WRITABLE_MASK |
			   VMX_EPT_WRITABLE_MASK << SPTE_ACC_TRACK_SAVED_SHIFT);
	ept_request_flush(ept);	/* else cached "dirty" hides the next write */
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
	old = live_rights(*leaf);
	if (ept->ad == EPT_AD_SW) {
		bool tracked = access_tracked(*leaf);
		u64 bits = *leaf & ~(VMX_EPT_RWX_MASK | SPTE_MMU_WRITABLE |
				     SPTE_ACC_TRACK_SAVED_MASK);

		bits = sw_leaf(bits | rwx | VMX_EPT_ACCESS_BIT);
		*leaf = tracked ? track_access(bits) : bits;
	} else {
		*leaf = (*leaf & ~VMX_EPT_RWX_MASK) | rwx;
	}
	if (old & ~live_rights(*leaf))
		ept_request_flush(ept);	/* a right was taken away */
	return EPT_OK;
}

bool ept_fast_page_fault(struct ept *ept, gpa_t gpa, bool write)
{
	u64 *leaf = present_leaf(ept, gpa);
	u64 spte;

	if (!leaf || ept->ad != EPT_AD_SW)
		return false;	/* hardware A/D never withholds a right */
	spte = *leaf;
	/* The first access since CLOCK cleared A: it is young again. */
	if (access_tracked(spte))
		spte = restore_access(spte);
	/* The first write since the page was clean: it is dirty now. */
	if (write && !(spte & VMX_EPT_WRITABLE_MASK) &&
	    (spte & SPTE_MMU_WRITABLE))
		spte |= VMX_EPT_WRITABLE_MASK | VMX_EPT_DIRTY_BIT;
	if (spte == *leaf)
		return false;
	/*
	 * Rights only added: no INVEPT. The violation itself invalidated
	 * whatever was cached for this GPA (SDM 29.4.3.1).
	 */
	*leaf = spte;
	return true;
}

void ept_mark_accessed(struct ept *ept, gpa_t gpa)
{
	u64 *leaf = present_leaf(ept, gpa);

	if (!leaf)
		return;
	/* Rights only added (W stays withheld while D is clear): no flush. */
	if (ept->ad == EPT_AD_SW && access_tracked(*leaf))
		*leaf = restore_access(*leaf);
	*leaf |= VMX_EPT_ACCESS_BIT;
}

void ept_mark_accessed_dirty(struct ept *ept, gpa_t gpa)
{
	u64 *leaf = present_leaf(ept, gpa);

	if (!leaf)
		return;
	if (ept->ad == EPT_AD_SW) {
		if (access_tracked(*leaf))
			*leaf = restore_access(*leaf);
		if (*leaf & SPTE_MMU_WRITABLE)
			*leaf |= VMX_EPT_WRITABLE_MASK;
	}
	*leaf |= VMX_EPT_ACCESS_BIT | VMX_EPT_DIRTY_BIT;
}
