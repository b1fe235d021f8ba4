/* mm/mmu.h - the hypervisor's page-fault path for guest memory. KVM: arch/x86/kvm/mmu/mmu.c (kvm_mmu_page_fault). */
#ifndef FAULTLINE_MM_MMU_H
#define FAULTLINE_MM_MMU_H

#include "../include/types.h"
#include "../ept/ept.h"
#include "frame.h"
#include "gfn.h"
#include "swap.h"

/* Page-fault error code bits, as KVM builds them from the EPT qualification (asm/kvm_host.h PFERR_*). */
#define PFERR_PRESENT_MASK	BIT(0)
#define PFERR_WRITE_MASK	BIT(1)
#define PFERR_USER_MASK		BIT(2)
#define PFERR_FETCH_MASK	BIT(4)

/*
 * What mmu_page_fault() did, KVM's enum ret_pf plus faultline's stops:
 *   RET_PF_FIXED     the GPA is now mapped; re-enter and the access retries
 *   RET_PF_SPURIOUS  it was already mapped with these rights; re-enter
 *   RET_PF_RETRY     the page is on its way (swap-in in flight): the caller
 *                    either waits for it or lets the guest run (async PF)
 *   RET_PF_OUTSIDE   the GPA is not guest memory: stop the guest
 *   RET_PF_NOMEM     no frame, and nothing could be evicted: stop
 */
enum ret_pf {
	RET_PF_FIXED,
	RET_PF_SPURIOUS,
	RET_PF_RETRY,
	RET_PF_OUTSIDE,
	RET_PF_NOMEM,
};

/*
 * What one fault did, finer than enum ret_pf: the caller needs it to
 * account latency and, for async PF, to know whether a RET_PF_RETRY has
 * a swap-in to wait on (SWAPIN, JOINED) or only a frame to wait for
 * (NOFRAME: wait synchronously).
 */
enum mm_fault_kind {
	MM_FAULT_NONE,
	MM_FAULT_ZERO,		/* FIXED: demand-zero */
	MM_FAULT_RESCUE,	/* FIXED: touched during its write-back; remapped */
	MM_FAULT_SPURIOUS,	/* SPURIOUS */
	MM_FAULT_FAST,		/* FIXED: only A/D tracking (ept_fast_page_fault) */
	MM_FAULT_SWAPIN,	/* RETRY: swap-in submitted by this fault */
	MM_FAULT_JOINED,	/* RETRY: swap-in already in flight */
	MM_FAULT_NOFRAME,	/* RETRY: no frame until a write-back completes */
	MM_FAULT_OUTSIDE,	/* OUTSIDE */
	MM_FAULT_NOMEM,		/* NOMEM */
};

/*
 * One EPT violation, as a value that travels with the fault: built by
 * handle_ept_violation() from the exit, passed down mmu_page_fault() to
 * the map, and returned up with what happened. KVM: struct
 * kvm_page_fault.
 */
struct mmu_fault {
	/* what the guest did: set before mmu_page_fault() */
	gpa_t gpa;
	gfn_t gfn;		/* gpa_to_gfn(gpa) */
	u64 error_code;		/* PFERR_* */
	u64 exit_tsc;		/* the VM exit: the fault's time */
	/* what happened: set by mmu_page_fault() */
	enum mm_fault_kind kind;
	/* faultline's own cycles for it, exit to resume: set by the caller */
	u64 cycles;
	u64 waited;		/* of those, spent waiting for the device */
};

static inline struct mmu_fault mmu_fault_init(gpa_t gpa, u64 error_code,
					      u64 exit_tsc)
{
	return (struct mmu_fault){ .gpa = gpa, .gfn = gpa_to_gfn(gpa),
				   .error_code = error_code,
				   .exit_tsc = exit_tsc };
}

struct mm_stats {
	u64 ept_violations;	/* every call of mmu_page_fault() */
	u64 faults_zero;	/* resolved with a zeroed frame */
	u64 faults_fast;	/* software A/D: an access or first write tracked */
	u64 pages_populated;	/* backed by faultline before the guest ran */
	u64 faults_swapin;	/* swap-ins submitted by a fault */
	u64 faults_joined;	/* faults on a page already coming in */
	u64 faults_noframe;	/* tries that found no frame and waited */
	u64 faults_rescue;	/* faults on a page being written back */
	u64 faults_spurious;	/* already mapped: a stale translation */
	u64 swapins_done;	/* swap-ins completed and mapped */
	u64 evictions;		/* pages unmapped to free their frame */
	u64 writebacks;		/* swap writes submitted */
	u64 clean_drops;	/* evictions with no write: swap copy valid */
	u64 slot_steals;	/* swap copies discarded because swap ran full */
	u64 reclaim_idle;	/* evictions started while the vCPU waited */
	u64 swap_slots_used;	/* now */
	u64 state_errors;	/* refused gfn transitions: faultline bugs, 0 */
	u64 pin_errors;		/* refused pins and unpins: faultline bugs, 0 */
};

/*
 * Guest memory: which frame or swap slot holds each guest page. One mode
 * for every configuration: the GFN table always exists, and "no swap" is
 * a swap device with no slots (nothing can be evicted, so a full pool is
 * RET_PF_NOMEM).
 */
struct mm {
	u64 guest_mem;		/* bytes; GPA [0, guest_mem) is guest memory */
	struct frame_pool *frames;	/* backing for guest memory */
	struct ept *ept;
	struct mm_stats stats;

	struct gfn_entry *gfns;		/* guest_mem / PAGE_SIZE entries */
	u64 nr_gfns;
	u32 *rmap;			/* frame index -> gfn, MM_RMAP_NONE */
	u64 **sptep;			/* frame index -> its gfn's EPT leaf */
	struct swap_slots slots;
	struct swap_dev *swap;
	u32 clock_hand;			/* next frame CLOCK looks at */
	u32 free_target;		/* idle reclaim's goal, frames */
	u32 writebacks_in_flight;
	u64 now;			/* the latest TSC a caller passed */
	gfn_t serving_gfn;		/* the fault being served: no victim */
};

#define MM_RMAP_NONE		0xffffffffu

/* Caller storage for mm_init(): no hidden allocation. */
struct mm_storage {
	struct gfn_entry *gfns;	/* guest_mem / PAGE_SIZE entries */
	u32 *rmap;		/* frames->nr_frames entries */
	u64 **sptep;		/* frames->nr_frames entries */
	u32 *slot_stack;	/* swap->nr_slots entries (none for 0 slots) */
	u8 *slot_in_use;	/* swap->nr_slots bytes (none for 0 slots) */
};

/*
 * Guest memory of guest_mem bytes, backed by frames, mapped in ept,
 * evicted to swap (which may have no slots). Call before the guest runs
 * and before the first mm_populate(). 0, or -1 if storage is missing or
 * guest memory has more pages than the reverse map can name.
 */
int mm_init(struct mm *mm, u64 guest_mem, struct frame_pool *frames,
	    struct ept *ept, struct swap_dev *swap,
	    const struct mm_storage *st);

/*
 * Swap slots faultline reserves for guest_mem backed by frames: what
 * cannot be resident, plus room for pages in write-back or being read
 * (frames / 8 + 128 pages, at most guest memory). With fewer, evictions
 * can stall when swap is full: fl_options_check()-like callers refuse.
 */
u64 mm_swap_slots_needed(u64 guest_mem, u64 frames);

/*
 * How the vmm drives it (all time in TSC ticks, read by the caller):
 *
 *   EPT violation:  fault = mmu_fault_init(gpa, error_code, exit TSC);
 *          r = mmu_page_fault(mm, &fault);
 *          FIXED/SPURIOUS: resume.  OUTSIDE/NOMEM: stop the guest.
 *          RETRY: the page (SWAPIN, JOINED) or a frame (NOFRAME) is on
 *          its way: hold the vCPU until swap_next_deadline(mm->swap),
 *          or give the guest "page not present" (async PF); then
 *          re-enter, and the access faults again if need be. NOFRAME
 *          only: after the wait, mmu_fault_again() in the same exit.
 *   before every VM entry and while waiting: mm_swap_complete() until
 *          false, so swap-ins are mapped and write-backs free their
 *          frames on time (vmm: kvm_check_async_pf_completion()).
 */

/* The guest touched fault->gpa and EPT said no: see faultin_gfn() in mmu.c. */
enum ret_pf mmu_page_fault(struct mm *mm, struct mmu_fault *fault);

/*
 * The same fault once more at TSC now, after a wait for a frame
 * (NOFRAME): not another EPT violation, so not counted as one.
 */
enum ret_pf mmu_fault_again(struct mm *mm, struct mmu_fault *fault, u64 now);

/*
 * Take one swap I/O the device finished by now and finish it here: a
 * swap-in's page is mapped (resident), a write-back's frame is freed
 * unless the page was touched meanwhile. true with *done a copy of the
 * request (op, gfn), or false when nothing more is due.
 */
bool mm_swap_complete(struct mm *mm, u64 now, struct swap_req *done);

/*
 * Back gpa's page now, zeroed and pinned (never evicted), without a
 * fault: the ELF loader, the boot info, the guest page tables. Each call
 * takes one pin (mm_unpin_page() drops it). Returns the page's pointer,
 * or NULL if the GPA is outside guest memory, no frame is free, the page
 * has GFN_PINS_MAX pins, or it is swapped out or in flight (zeroing it
 * would lose its data: fault it in with mm_pin_page() instead).
 */
void *mm_populate(struct mm *mm, gpa_t gpa);

/*
 * Pointer to the byte at gpa if its page is resident, else NULL, for
 * faultline to write through (never across a page boundary): the loader,
 * hypercall results, the async-PF area. The page is marked accessed and
 * dirty in EPT, since no CPU sees the write: a clean page would be
 * dropped with its stale swap copy. KVM: kvm_write_guest(), which calls
 * mark_page_dirty().
 */
void *mm_gpa_to_virt(struct mm *mm, gpa_t gpa);
/*
 * The same for faultline to read through (hypercall arguments, the
 * guest's console text): the page is marked accessed only, never dirty,
 * so a clean page read by faultline is still dropped without a write
 * when evicted. The pointer is const: a write needs mm_gpa_to_virt().
 * KVM: kvm_read_guest().
 */
const void *mm_gpa_to_virt_read(struct mm *mm, gpa_t gpa);

/*
 * Make gpa's page resident and take one pin on it (the async-PF area, a
 * copy in progress): RET_PF_FIXED or RET_PF_SPURIOUS when done,
 * RET_PF_RETRY to wait as for a fault and call again, RET_PF_OUTSIDE /
 * RET_PF_NOMEM (no frame, or GFN_PINS_MAX pins already: a leak, counted
 * in pin_errors). Pins are counted (gfn.h): mm_unpin_page() drops one,
 * 0, or -1 (counted in pin_errors) if the page holds none, and never
 * touches another holder's.
 */
enum ret_pf mm_pin_page(struct mm *mm, gpa_t gpa, u64 now);
int mm_unpin_page(struct mm *mm, gpa_t gpa);

/* The state of gpa's page (GFN_UNBACKED outside guest memory). */
enum gfn_state mm_gfn_state(const struct mm *mm, gpa_t gpa);

/*
 * Check every invariant between the GFN table, the frame pool, the
 * reverse map and EPT. 0, or -1 with *what naming the broken rule and
 * *gfn the page. Costs a walk of all of guest memory: tests and debug.
 */
int mm_verify(const struct mm *mm, const char **what, gfn_t *gfn);

/*
 * Call while the vCPU waits or idles (a synchronous fault's wait, HLT):
 * evict until free frames plus write-backs in flight reach free_target,
 * so faults find a frame without reclaiming themselves. Returns the
 * evictions started (at most a bounded batch per call).
 */
unsigned mm_reclaim_idle(struct mm *mm);

#endif
