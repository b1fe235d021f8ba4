/* mm/mmu.c - the hypervisor's page-fault path for guest memory. KVM: arch/x86/kvm/mmu/mmu.c (kvm_mmu_page_fault, direct_page_fault). */
#include "mmu.h"
#include "../include/lib.h"

void mm_init(struct mm *mm, u64 guest_mem, struct frame_pool *frames,
	     struct ept *ept)
{
	memset(mm, 0, sizeof(*mm));
	mm->guest_mem = guest_mem;
	mm->frames = frames;
	mm->ept = ept;
}

static bool gpa_in_guest(const struct mm *mm, gpa_t gpa)
{
	return gpa < mm->guest_mem;
}

/*
 * Give gfn a zeroed frame and map it. NULL when no frame is free or EPT
 * has no table left (the frame goes back).
 */
static void *back_with_zero_frame(struct mm *mm, gpa_t gpa)
{
	hpa_t hpa = frame_alloc_zeroed(mm->frames);

	if (hpa == FRAME_NONE)
		return NULL;
	if (ept_map_4k(mm->ept, gpa & PAGE_MASK, hpa, EPT_LEAF_RAM) != EPT_OK) {
		frame_free(mm->frames, hpa);
		return NULL;
	}
	return frame_virt(mm->frames, hpa);
}

/*
 * The guest touched gpa and EPT said no. In the order handled:
 *   1. outside guest memory: nothing faultline can map (RET_PF_OUTSIDE);
 *   2. already mapped: another path mapped it since, or the CPU acted on
 *      a stale translation (RET_PF_SPURIOUS);
 *   3. first touch: a zeroed frame, mapped with every right (RET_PF_FIXED),
 *      or RET_PF_NOMEM when the pool is empty.
 */
enum ret_pf mmu_page_fault(struct mm *mm, gpa_t gpa, u64 error_code)
{
	(void)error_code;	/* guest RAM is RWX: any access is served alike */
	mm->stats.ept_violations++;
	if (!gpa_in_guest(mm, gpa))
		return RET_PF_OUTSIDE;
	if (ept_translate(mm->ept, gpa) != FRAME_NONE)
		return RET_PF_SPURIOUS;
	if (!back_with_zero_frame(mm, gpa))
		return RET_PF_NOMEM;
	mm->stats.faults_zero++;
	return RET_PF_FIXED;
}

void *mm_populate(struct mm *mm, gpa_t gpa)
{
	u8 *page;

	if (!gpa_in_guest(mm, gpa))
		return NULL;
	page = mm_gpa_to_virt(mm, gpa & PAGE_MASK);
	if (page)
		return page;
	page = back_with_zero_frame(mm, gpa);
	if (page)
		mm->stats.pages_populated++;
	return page;
}

void *mm_gpa_to_virt(struct mm *mm, gpa_t gpa)
{
	hpa_t hpa;

	if (!gpa_in_guest(mm, gpa))
		return NULL;
	hpa = ept_translate(mm->ept, gpa);
	if (hpa == FRAME_NONE)
		return NULL;
	return (u8 *)frame_virt(mm->frames, hpa) + (gpa & ~PAGE_MASK);
}
