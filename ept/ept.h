/* ept/ept.h - EPT paging structures: build, walk, map, unmap, A/D bits. KVM: arch/x86/kvm/mmu/tdp_mmu.c, asm/vmx.h for the bits. */
#ifndef FAULTLINE_EPT_H
#define FAULTLINE_EPT_H

#include "../include/types.h"
#include "../mm/frame.h"

/* EPT entry bits, SDM Vol. 3C 29.3.2, Tables 29-2..29-6; names from asm/vmx.h. */
#define VMX_EPT_READABLE_MASK		0x1ull		/* bit 0 */
#define VMX_EPT_WRITABLE_MASK		0x2ull		/* bit 1 */
#define VMX_EPT_EXECUTABLE_MASK		0x4ull		/* bit 2 */
#define VMX_EPT_RWX_MASK		0x7ull
#define VMX_EPT_MT_SHIFT		3		/* bits 5:3, leaf only */
#define VMX_EPT_IPAT_BIT		BIT(6)		/* ignore guest PAT */
#define VMX_EPT_LARGE_BIT		BIT(7)		/* 2M/1G leaf; never set by faultline */
#define VMX_EPT_ACCESS_BIT		BIT(8)		/* set by the CPU when A/D enabled */
#define VMX_EPT_DIRTY_BIT		BIT(9)		/* leaf only */
#define VMX_EPT_ADDR_MASK		0x000ffffffffff000ull	/* bits 51:12 */

/*
 * Software bits in bits the CPU ignores (Table 29-6: 11 and 58:52 of a
 * leaf), used only with software A/D (EPT_AD_SW); KVM's names and places
 * (arch/x86/kvm/mmu/spte.h):
 *   SPTE_MMU_PRESENT_MASK   the leaf maps a page even when R/W/X are all
 *                           0: access tracking took its rights away;
 *   SPTE_ACC_TRACK_SAVED    the R/W/X it had then, put back on the next
 *                           access (KVM: SHADOW_ACC_TRACK_SAVED_BITS);
 *   SPTE_MMU_WRITABLE       the page may be written: W is withheld only
 *                           until the first write sets the software D.
 */
#define SPTE_MMU_PRESENT_MASK		BIT(11)
#define SPTE_ACC_TRACK_SAVED_SHIFT	54		/* bits 56:54 */
#define SPTE_ACC_TRACK_SAVED_MASK	(VMX_EPT_RWX_MASK << SPTE_ACC_TRACK_SAVED_SHIFT)
#define SPTE_MMU_WRITABLE		BIT(58)

#define MTRR_TYPE_UNCACHABLE		0
#define MTRR_TYPE_WRBACK		6

/* EPTP, SDM 25.6.11, Table 25-9. */
#define VMX_EPTP_MT_WB			0x6ull		/* bits 2:0 */
#define VMX_EPTP_PWL_SHIFT		3		/* bits 5:3: walk length - 1 */
#define EPTP_PAGE_WALK_LEVELS(n)	((u64)((n) - 1) << VMX_EPTP_PWL_SHIFT)
#define VMX_EPTP_AD_ENABLE_BIT		BIT(6)

#define EPT_LEVELS			4
#define EPT_ENTRIES_PER_TABLE		512
#define EPT_GPA_BITS			48	/* 4 levels x 9 bits + 12 */

/*
 * The guest-physical address, as a 4-level walk splits it:
 *
 *   47      39 38      30 29      21 20      12 11         0
 *  +----------+----------+----------+----------+------------+
 *  | PML4 idx | PDPT idx |  PD idx  |  PT idx  | page offset|
 *  +----------+----------+----------+----------+------------+
 *
 * level 4 is the PML4, level 1 the page table.
 */
static inline unsigned ept_index(gpa_t gpa, int level)
{
	return (gpa >> (PAGE_SHIFT + 9 * (level - 1))) & (EPT_ENTRIES_PER_TABLE - 1);
}

/* The leaf permissions and memory type faultline maps guest RAM with. */
#define EPT_LEAF_RAM	(VMX_EPT_RWX_MASK | \
			 (MTRR_TYPE_WRBACK << VMX_EPT_MT_SHIFT) | VMX_EPT_IPAT_BIT)

/*
 * Who keeps the accessed and dirty bits (bits 8 and 9 of a leaf):
 *   EPT_AD_HW  the CPU sets them on its walks (EPTP bit 6; the CPU offers
 *              it when IA32_VMX_EPT_VPID_CAP bit 21 is set);
 *   EPT_AD_SW  faultline does, from EPT violations, as KVM does without
 *              A/D (kvm_intel eptad=0, or pre-Haswell): clearing A also
 *              takes the leaf's rights away, so the next access faults
 *              and sets A again (access tracking); a page whose D is
 *              clear is mapped without W, so its first write faults and
 *              sets D (ept_fast_page_fault()). Invariant: W => D.
 * Everything else (CLOCK, clean drops) reads bits 8 and 9 either way.
 */
enum ept_ad {
	EPT_AD_HW,
	EPT_AD_SW,
};

/*
 * The page tables (level 1) of the last 2 MiB regions mapped, direct-
 * mapped by region: a map, unmap or lookup there reads one entry instead
 * of walking four levels. The CPU keeps the same kind of cache of its
 * upper-level entries (SDM 4.10.3, paging-structure caches). Tables are
 * never freed, so an entry is never stale; a collision only evicts.
 */
#define EPT_PDE_CACHE_SIZE	64	/* 128 MiB of guest memory */

struct ept_pde_cache {
	u64 region;	/* gpa >> 21 */
	u64 *table;	/* its page table, or NULL: empty */
};

struct ept {
	struct frame_pool *tables;	/* where paging structures come from */
	struct ept_pde_cache pde_cache[EPT_PDE_CACHE_SIZE];
	hpa_t pml4;
	enum ept_ad ad;
	/*
	 * Flush the CPU's cached translations for this EPTP (INVEPT
	 * single-context, or all-context where only that is offered; a
	 * recorder in host tests). Called only by ept_flush_if_requested().
	 */
	void (*invept)(struct ept *ept);
	/*
	 * An INVEPT is owed before the guest runs again: since the last one
	 * an entry the CPU may have cached lost a right, its accessed or
	 * dirty bit, or its mapping. Every such change sets it, however many
	 * in one exit; the run loop serves it once, right before VM entry.
	 * KVM: KVM_REQ_TLB_FLUSH.
	 */
	bool flush_requested;
	u64 flushes;		/* INVEPTs done: ept_flushes= in the summary */
};

enum ept_result {
	EPT_OK = 0,
	EPT_ENOMEM,	/* the table pool is empty */
	EPT_EEXIST,	/* ept_map_4k: the GPA is already mapped */
	EPT_ENOENT,	/* ept_unmap_4k: the GPA is not mapped */
	EPT_ERANGE,	/* the GPA is beyond EPT_GPA_BITS or not page aligned */
	EPT_EINVAL,	/* leaf bits that would be a misconfiguration (29.3.3.1) */
};

enum ept_result ept_init(struct ept *ept, struct frame_pool *tables,
			 void (*invept)(struct ept *ept), enum ept_ad ad);
/* EPTP value for the VMCS: WB, 4-level walk, accessed/dirty flags on with EPT_AD_HW. */
u64 ept_eptp(const struct ept *ept);
enum ept_result ept_map_4k(struct ept *ept, gpa_t gpa, hpa_t hpa, u64 leaf_bits);
/*
 * As ept_map_4k(), and *sptep is the leaf it wrote. A leaf never moves:
 * faultline frees no EPT table, so the pointer stays gpa's leaf for good
 * (mapped or not), and the pager's reverse map keeps it per frame, as
 * KVM's rmap keeps sptep, so CLOCK and eviction need no walk.
 */
enum ept_result ept_map_4k_spte(struct ept *ept, gpa_t gpa, hpa_t hpa,
				u64 leaf_bits, u64 **sptep);
/* Removes the leaf and requests an INVEPT (ept_request_flush()). */
enum ept_result ept_unmap_4k(struct ept *ept, gpa_t gpa);
/* The leaf entry for gpa, or NULL if any level is missing. */
u64 *ept_lookup(const struct ept *ept, gpa_t gpa);
/* Host-physical frame mapped at gpa (access-tracked or not), or FRAME_NONE. */
hpa_t ept_translate(const struct ept *ept, gpa_t gpa);

/*
 * Accessed/dirty harvesting and permission changes. When INVEPT is
 * needed, and why (SDM 29.4.3.3, "Guidelines for use of INVEPT": after a
 * right goes from 1 to 0, the address changes, or A or D is cleared;
 * KVM: mmu_spte_update()'s return value, then kvm_flush_remote_tlbs()):
 *   - clearing A: the CPU sets A only when it walks EPT, and a cached
 *     translation skips the walk, so without a flush a hot page would look
 *     cold. Nothing breaks (eviction unmaps and flushes), it is only wrong
 *     advice.
 *   - clearing D: a cached translation already marked dirty lets later
 *     writes through without setting D again: the data would look clean
 *     and be dropped.
 *   - removing a permission (and unmapping): the old rights stay usable
 *     from the TLB until flushed; after an unmap, the guest would reach a
 *     frame that faultline frees and gives to another page.
 *   - adding rights or mapping a not-present entry: never. Not-present
 *     entries are not cached, and an EPT violation invalidates the
 *     translations for the faulting GPA (SDM 29.4.3.1).
 *
 * Each of them asks for the flush (ept_request_flush()); none does it.
 * The guest cannot run between the change and the next VM entry, so one
 * INVEPT there covers every change of the exit (an eviction batch, a
 * CLOCK sweep): the same guarantee at the cost of one. Bochs never shows
 * a missing one: it drops its whole TLB on every VM entry and exit.
 *
 * EPT_AD_SW adds, in the same terms:
 *   - clearing A takes R/W/X away: flushed as any removed right;
 *   - clearing D takes W away: flushed, as with hardware D;
 *   - ept_fast_page_fault() only adds rights: never flushed.
 */

/* An INVEPT before the next VM entry. KVM: kvm_flush_remote_tlbs(). */
void ept_request_flush(struct ept *ept);
/* The INVEPT itself: ept_flush_if_requested() found one owed. */
void ept_flush(struct ept *ept);
/*
 * Right before VM entry: one INVEPT if any was requested since the last,
 * none otherwise (a fault that only mapped or gave rights back costs
 * nothing). True if it flushed. KVM: kvm_service_local_tlb_flush_requests().
 */
static inline bool ept_flush_if_requested(struct ept *ept)
{
	/* Asked before every entry; most have nothing to flush. */
	if (!ept->flush_requested)
		return false;
	ept_flush(ept);
	return true;
}
/*
 * True if gpa's leaf had the accessed bit (the guest touched the page since
 * the last clear); clears it, and then requests the flush.
 * False also for a GPA that is not mapped. KVM: kvm_tdp_mmu_age_gfn_range().
 */
bool ept_test_and_clear_accessed(struct ept *ept, gpa_t gpa);
/* True if gpa's leaf has the dirty bit: written since mapped or cleaned. */
bool ept_test_dirty(const struct ept *ept, gpa_t gpa);
/* The same three on a leaf from ept_map_4k_spte(), without the walk. */
bool ept_spte_test_and_clear_accessed(struct ept *ept, u64 *sptep);
bool ept_spte_test_dirty(const u64 *sptep);
/* Clears a present leaf and requests the flush; EPT_ENOENT if not present. */
enum ept_result ept_spte_unmap(struct ept *ept, u64 *sptep);
/* As ept_test_dirty(), and clears it; requests a flush when it was set. */
bool ept_test_and_clear_dirty(struct ept *ept, gpa_t gpa);
/*
 * Replace the R/W/X bits of gpa's leaf with rwx (non-zero; W needs R).
 * Requests a flush if a right was removed. EPT_ENOENT if gpa is not mapped.
 */
enum ept_result ept_set_leaf_perms(struct ept *ept, gpa_t gpa, u64 rwx);

/*
 * An EPT violation on a mapped gpa: was it only faultline's own A/D
 * tracking (EPT_AD_SW)? If so, set A (and on a write D), give the rights
 * back, and return true: the access can retry. False when there was
 * nothing to fix (a stale translation: spurious) or gpa is not mapped.
 * KVM: fast_page_fault() (restore_acc_track_spte(), and the write-protect
 * fix-up for dirty logging).
 */
bool ept_fast_page_fault(struct ept *ept, gpa_t gpa, bool write);

/*
 * faultline is about to write the page at gpa behind the CPU's back
 * (hypercall results): set A and D as the CPU would, and with EPT_AD_SW
 * give back the rights that tracking withheld. No-op if not mapped.
 * KVM: kvm_write_guest() -> mark_page_dirty().
 */
void ept_mark_accessed_dirty(struct ept *ept, gpa_t gpa);
/*
 * faultline is about to read the page at gpa (hypercall arguments): set A
 * only, and with EPT_AD_SW give back the rights that access tracking
 * withheld, W excepted while D is clear. D stays as it was, so a clean
 * page keeps its valid swap copy and is dropped without a write. No-op
 * if not mapped. KVM's kvm_read_guest() marks nothing dirty either.
 */
void ept_mark_accessed(struct ept *ept, gpa_t gpa);

#endif
