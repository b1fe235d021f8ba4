/* tests/boot/guests/outside_gpa.c - test guest: map, in its own page tables, the first GPA past guest memory and read it; faultline must stop the run and name that GPA. No Linux twin (cf. KVM selftests' mmio/ucall exits). */
#include "../../../guest-pv/lib/guest.h"
#include "../../../guest-pv/lib/hypercall.h"
#include "../../../guest-pv/lib/printk.h"
#include "../../../guest-pv/lib/processor.h"

/*
 * faultline's identity map covers only guest memory, so the guest adds a
 * translation of its own: PML4 slot 1 (GVA 512 GiB, far from the identity
 * map in slot 0) -> a PDPT, PD and PT in the bss -> one 4 KiB page at GPA
 * guest_mem, the first byte past the end.
 */
#define PTRS_PER_TABLE	512
#define OUTSIDE_PML4_SLOT 1
#define OUTSIDE_GVA	((u64)OUTSIDE_PML4_SLOT << 39)	/* 512 GiB */
#define TABLE_FLAGS	(_PAGE_PRESENT | _PAGE_RW)

static u64 pdpt[PTRS_PER_TABLE] __attribute__((aligned(PAGE_SIZE)));
static u64 pd[PTRS_PER_TABLE] __attribute__((aligned(PAGE_SIZE)));
static u64 pt[PTRS_PER_TABLE] __attribute__((aligned(PAGE_SIZE)));

int guest_main(const struct fl_boot_info *bi)
{
	u64 *pml4 = (u64 *)(uintptr_t)(read_cr3() & PTE_ADDR_MASK);
	gpa_t gpa = bi->guest_mem;	/* a page multiple: faultline's rule */
	u64 value;

	pml4[OUTSIDE_PML4_SLOT] = __pa(pdpt) | TABLE_FLAGS;
	pdpt[0] = __pa(pd) | TABLE_FLAGS;
	pd[0] = __pa(pt) | TABLE_FLAGS;
	pt[0] = gpa | TABLE_FLAGS;
	invlpg(OUTSIDE_GVA);

	report("outside_gpa", "%#llx", (unsigned long long)gpa);
	printk("outside_gpa: reading GPA %#llx (guest_mem: first byte past "
	       "guest memory) via GVA %#llx\n", (unsigned long long)gpa,
	       (unsigned long long)OUTSIDE_GVA);
	printk("outside_gpa: faultline should stop this run, naming that "
	       "GPA\n");
	value = *(volatile u64 *)(uintptr_t)OUTSIDE_GVA;

	printk("outside_gpa: FAIL: the read returned %#llx; faultline let "
	       "the guest reach GPA %#llx\n", (unsigned long long)value,
	       (unsigned long long)gpa);
	return FL_RESULT_FAIL;
}
