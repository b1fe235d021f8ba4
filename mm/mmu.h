/* mm/mmu.h - the hypervisor's page-fault path for guest memory. KVM: arch/x86/kvm/mmu/mmu.c (kvm_mmu_page_fault). */
#ifndef FAULTLINE_MM_MMU_H
#define FAULTLINE_MM_MMU_H

#include "../include/types.h"
#include "../ept/ept.h"
#include "frame.h"

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

struct mm_stats {
	u64 ept_violations;	/* every call of mmu_page_fault() */
	u64 faults_zero;	/* resolved with a zeroed frame */
	u64 pages_populated;	/* backed by faultline before the guest ran */
};

struct mm {
	u64 guest_mem;		/* bytes; GPA [0, guest_mem) is guest memory */
	struct frame_pool *frames;	/* backing for guest memory */
	struct ept *ept;
	struct mm_stats stats;
};

void mm_init(struct mm *mm, u64 guest_mem, struct frame_pool *frames,
	     struct ept *ept);

/* The guest touched gpa and EPT said no. error_code: PFERR_* bits. */
enum ret_pf mmu_page_fault(struct mm *mm, gpa_t gpa, u64 error_code);

/*
 * Back gpa's page now, zeroed, without a fault (the ELF loader, the boot
 * info, the guest page tables). Returns the page's pointer, or NULL if the
 * GPA is outside guest memory or no frame is free.
 */
void *mm_populate(struct mm *mm, gpa_t gpa);

/*
 * Pointer to the byte at gpa if its page is resident, else NULL: hypercall
 * arguments are read through this, and never across a page boundary.
 */
void *mm_gpa_to_virt(struct mm *mm, gpa_t gpa);

#endif
