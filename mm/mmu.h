/* mm/mmu.h - the hypervisor's page-fault path for guest memory. KVM: arch/x86/kvm/mmu/mmu.c (kvm_mmu_page_fault). */
#ifndef FAULTLINE_MM_MMU_H
#define FAULTLINE_MM_MMU_H

#include "../include/types.h"
#include "../ept/ept.h"
#include "frame.h"
#include "gfn.h"
#include "hist.h"
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
 * What the last mmu_page_fault() did, finer than enum ret_pf: the caller
 * needs it to account latency (mm_account_fault) and, for async PF, to
 * know whether a RET_PF_RETRY has a swap-in to wait on (SWAPIN, JOINED)
 * or only a frame to wait for (NOFRAME: wait synchronously).
 */
enum mm_fault_kind {
	MM_FAULT_NONE,
	MM_FAULT_ZERO,		/* FIXED: demand-zero */
	MM_FAULT_RESCUE,	/* FIXED: touched during its write-back; remapped */
	MM_FAULT_SPURIOUS,	/* SPURIOUS */
	MM_FAULT_SWAPIN,	/* RETRY: swap-in submitted by this fault */
	MM_FAULT_JOINED,	/* RETRY: swap-in already in flight */
	MM_FAULT_NOFRAME,	/* RETRY: no frame until a write-back completes */
	MM_FAULT_OUTSIDE,	/* OUTSIDE */
	MM_FAULT_NOMEM,		/* NOMEM */
};

struct mm_stats {
	u64 ept_violations;	/* every call of mmu_page_fault() */
	u64 faults_zero;	/* resolved with a zeroed frame */
	u64 pages_populated;	/* backed by faultline before the guest ran */
	u64 faults_swapin;	/* swap-ins submitted by a fault */
	u64 faults_joined;	/* faults on a page already coming in */
	u64 faults_noframe;	/* faults that waited for a write-back */
	u64 faults_rescue;	/* faults on a page being written back */
	u64 swapins_done;	/* swap-ins completed and mapped */
	u64 evictions;		/* pages unmapped to free their frame */
	u64 writebacks;		/* swap writes submitted */
	u64 clean_drops;	/* evictions with no write: swap copy valid */
	u64 slot_steals;	/* swap copies discarded because swap ran full */
	u64 swap_slots_used;	/* now */
	u64 state_errors;	/* refused gfn transitions: faultline bugs, 0 */
};

/* Swap-ins completed by one mm_swap_poll() whose latency is recorded. */
#define MM_POLL_SAMPLES		16

struct mm {
	u64 guest_mem;		/* bytes; GPA [0, guest_mem) is guest memory */
	struct frame_pool *frames;	/* backing for guest memory */
	struct ept *ept;
	struct mm_stats stats;

	/*
	 * Demand paging under pressure, from mm_swap_init() on. Before it
	 * (gfns == NULL) faults are demand-zero only and a full pool is
	 * RET_PF_NOMEM.
	 */
	struct gfn_entry *gfns;		/* guest_mem / PAGE_SIZE entries */
	u64 nr_gfns;
	u32 *rmap;			/* frame index -> gfn, MM_RMAP_NONE */
	struct swap_slots slots;
	struct swap_dev *swap;
	u32 clock_hand;			/* next frame CLOCK looks at */
	u32 free_target;		/* background reclaim goal, frames */
	u32 writebacks_in_flight;
	u64 now;			/* the latest TSC a caller passed */
	gfn_t serving_gfn;		/* the fault being served: no victim */

	enum mm_fault_kind last_fault;	/* of the last mmu_page_fault() */
	gfn_t last_gfn;
	/* issue 5: told when a swap-in completes (NULL: nobody). */
	void (*page_ready)(void *ctx, gfn_t gfn);
	void *page_ready_ctx;

	/* faultline's own cycles per fault, as the caller measured them */
	struct lat_hist lat_zero, lat_swapin;
	u64 carry_cycles;		/* NOFRAME cycles of carry_gfn */
	gfn_t carry_gfn;
	u32 poll_completions;		/* by the last mm_swap_poll() */
	u32 poll_swapins;
	u32 poll_gfn[MM_POLL_SAMPLES];
};

#define MM_RMAP_NONE		0xffffffffu

void mm_init(struct mm *mm, u64 guest_mem, struct frame_pool *frames,
	     struct ept *ept);

/* The guest touched gpa and EPT said no. error_code: PFERR_* bits. */
enum ret_pf mmu_page_fault(struct mm *mm, gpa_t gpa, u64 error_code);

/*
 * Back gpa's page now, zeroed, without a fault (the ELF loader, the boot
 * info, the guest page tables). Returns the page's pointer, or NULL if the
 * GPA is outside guest memory or no frame is free.
 * With swap on, the page is pinned (never evicted), and a page that is
 * swapped out or in flight gives NULL: zeroing it would lose its data
 * (fault it in with mm_pin_page() instead).
 */
void *mm_populate(struct mm *mm, gpa_t gpa);

/*
 * Pointer to the byte at gpa if its page is resident, else NULL: hypercall
 * arguments are read through this, and never across a page boundary.
 * With swap on, the page is marked accessed and dirty in EPT, since the
 * caller may write through the pointer behind the CPU's back: a clean
 * page would be dropped with its stale swap copy.
 */
void *mm_gpa_to_virt(struct mm *mm, gpa_t gpa);

/* ---- issue 4: demand paging under memory pressure ---- */

/*
 * How the vmm drives it (all time in TSC ticks, read by the caller):
 *
 *   boot:  mm_init(); swap_ram_init(&ram, store of fl_swap_bytes(),
 *          frames, swap_us_to_ticks(swap_latency_us, tsc_hz), queue of
 *          nr_frames, nr_frames); mm_swap_init(mm, &ram.dev, &storage);
 *          then mm_populate() the guest's boot pages (pinned).
 *   EPT violation:
 *          t0 = rdtsc();
 *          r = mmu_page_fault_at(mm, gpa, error_code, t0);
 *          mm_account_fault(mm, rdtsc() - t0);
 *          FIXED/SPURIOUS: resume.  OUTSIDE/NOMEM: stop the guest.
 *          RETRY (synchronous path): until mm_gfn_state(mm, gpa) is
 *          GFN_RESIDENT: wait until swap_next_deadline(mm->swap)
 *          (preemption timer or spin), then
 *              t1 = rdtsc(); mm_swap_poll(mm, t1);
 *              mm_account_poll(mm, rdtsc() - t1);
 *          and resume (the guest re-faults if the page is still not in:
 *          MM_FAULT_NOFRAME waits only for a frame).
 *   every exit, or the preemption-timer exit: mm_swap_poll() as above,
 *          so write-backs started by background reclaim finish on time.
 *   summary: mm->stats, lat_hist_percentile(&mm->lat_zero / lat_swapin,
 *          50 / 99).
 */

/* Caller storage for mm_swap_init(): no hidden allocation. */
struct mm_swap_storage {
	struct gfn_entry *gfns;	/* guest_mem / PAGE_SIZE entries */
	u32 *rmap;		/* frames->nr_frames entries */
	u32 *slot_stack;	/* swap->nr_slots entries */
	u8 *slot_in_use;	/* swap->nr_slots bytes */
};

/*
 * Swap slots faultline reserves for guest_mem backed by frames: what
 * cannot be resident, plus room for pages in write-back or being read
 * (frames / 8 + 128 pages, at most guest memory). With fewer, evictions
 * can stall when swap is full: fl_options_check()-like callers refuse.
 */
u64 mm_swap_slots_needed(u64 guest_mem, u64 frames);

/*
 * Turn on eviction and swap. Call after mm_init() and before the guest
 * runs; pages already mapped (mm_populate) become pinned residents.
 * 0, or -1 if storage is missing or swap has no slot.
 */
int mm_swap_init(struct mm *mm, struct swap_dev *swap,
		 const struct mm_swap_storage *st);

/*
 * mmu_page_fault() at TSC now: with swap on, RET_PF_RETRY means wait for
 * swap_next_deadline(mm->swap), call mm_swap_poll() and re-enter; the
 * fault repeats if the page still is not there. mmu_page_fault() uses
 * the last time a caller passed.
 */
enum ret_pf mmu_page_fault_at(struct mm *mm, gpa_t gpa, u64 error_code,
			      u64 now);

/*
 * Finish every swap I/O due by now: write-backs free their frames,
 * swap-ins are mapped (and page_ready called). Returns how many.
 */
unsigned mm_swap_poll(struct mm *mm, u64 now);

/*
 * Latency accounting: the caller passes the cycles its last
 * mmu_page_fault_at() / mm_swap_poll() call took. A zero-fill sample is
 * its fault; a swap-in sample is its fault plus its share of the poll
 * that completed it (the device time between is not faultline's).
 */
void mm_account_fault(struct mm *mm, u64 cycles);
void mm_account_poll(struct mm *mm, u64 cycles);

/*
 * Make gpa's page resident and pinned (the async-PF area): RET_PF_FIXED
 * or RET_PF_SPURIOUS when done, RET_PF_RETRY to wait as for a fault and
 * call again, RET_PF_OUTSIDE / RET_PF_NOMEM. mm_unpin_page() undoes it.
 */
enum ret_pf mm_pin_page(struct mm *mm, gpa_t gpa, u64 now);
void mm_unpin_page(struct mm *mm, gpa_t gpa);

/* The state of gpa's page (GFN_UNBACKED outside guest memory). */
enum gfn_state mm_gfn_state(const struct mm *mm, gpa_t gpa);

/*
 * Check every invariant between the GFN table, the frame pool, the
 * reverse map and EPT. 0, or -1 with *what naming the broken rule and
 * *gfn the page. Costs a walk of all of guest memory: tests and debug.
 */
int mm_verify(const struct mm *mm, const char **what, gfn_t *gfn);

#endif
