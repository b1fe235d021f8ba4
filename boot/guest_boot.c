/* boot/guest_boot.c - the guest's entry environment in its own memory: boot info, GDT, TSS, identity page tables. No KVM twin: this is what a bootloader does for a kernel. */
#include "guest_boot.h"
#include "../include/desc.h"
#include "../include/guest_abi.h"
#include "../include/lib.h"

#define TSS64_SIZE	104
#define PD_ENTRIES	512
#define PV_GDT_ENTRIES	5	/* null, code, data, TSS (2) */

/* A page of guest memory backed now, before the guest runs; NULL if no frame. */
static void *guest_page(struct mm *mm, gpa_t gpa)
{
	void *p = mm_gpa_to_virt(mm, gpa);

	return p ? p : mm_populate(mm, gpa);
}

static void copy_cmdline(struct fl_boot_info *bi, const char *cmdline)
{
	u32 n = 0;

	while (cmdline[n] && n < FL_CMDLINE_MAX - 1) {
		bi->cmdline[n] = cmdline[n];
		n++;
	}
	bi->cmdline[n] = '\0';
	bi->cmdline_len = n;
}

/* 2 MiB pages keep the tables to a handful of pages. */
static int build_identity_map(struct mm *mm)
{
	u64 *pml4 = guest_page(mm, FL_GUEST_PML4_GPA);
	u64 *pdpt = guest_page(mm, FL_GUEST_PDPT_GPA);
	u64 nr_pd = ALIGN_UP(mm->guest_mem, GiB(1)) / GiB(1);
	u64 nr_2m = ALIGN_UP(mm->guest_mem, MiB(2)) / MiB(2);

	if (!pml4 || !pdpt)
		return -1;
	pml4[0] = FL_GUEST_PDPT_GPA | _PAGE_PRESENT | _PAGE_RW;
	for (u64 g = 0; g < nr_pd; g++) {
		gpa_t pd_gpa = FL_GUEST_PD_GPA + g * PAGE_SIZE;
		u64 *pd = guest_page(mm, pd_gpa);

		if (!pd)
			return -1;
		pdpt[g] = pd_gpa | _PAGE_PRESENT | _PAGE_RW;
		for (u64 i = 0; i < PD_ENTRIES && g * PD_ENTRIES + i < nr_2m;
		     i++)
			pd[i] = (g * PD_ENTRIES + i) * MiB(2) | _PAGE_PRESENT |
				_PAGE_RW | _PAGE_PSE;
	}
	return 0;
}

int guest_boot_tables(struct mm *mm, const struct guest_entry *entry)
{
	u8 *page = guest_page(mm, FL_GUEST_GDT_GPA & PAGE_MASK);
	u64 *gdt;

	if (!page)
		return -1;
	gdt = (u64 *)(page + (FL_GUEST_GDT_GPA & ~PAGE_MASK));
	memset(gdt, 0, entry->gdt_limit + 1);
	gdt[entry->sel_code / 8] = flat_descriptor(DESC_TYPE_CODE_XRA |
			DESC_S | DESC_P | DESC_L | DESC_G);
	gdt[entry->sel_data / 8] = flat_descriptor(DESC_TYPE_DATA_RWA |
			DESC_S | DESC_P | DESC_DB | DESC_G);
	/* Busy, as the TR the guest enters with says (vmcs.c). */
	set_tss_descriptor(&gdt[entry->sel_tss / 8], FL_GUEST_TSS_GPA,
			   TSS64_SIZE - 1, DESC_TYPE_TSS64_BUSY);
	/* I/O map base past the limit: no I/O bitmap. */
	*(u16 *)(page + (FL_GUEST_TSS_GPA & ~PAGE_MASK) + TSS64_SIZE - 2) =
		TSS64_SIZE;
	return build_identity_map(mm);
}

/*
 * The layout include/guest_abi.h documents: boot info, GDT and TSS share
 * the page at FL_GUEST_BOOT_INFO_GPA; the PML4, PDPT and one PD per GiB
 * follow.
 */
int guest_boot_setup(struct mm *mm, const char *cmdline, u64 tsc_hz,
		     gpa_t first_free_gpa, gpa_t elf_entry,
		     struct guest_entry *entry)
{
	struct fl_boot_info *bi = guest_page(mm, FL_GUEST_BOOT_INFO_GPA);

	if (!bi)
		return -1;
	bi->magic = FL_BOOT_INFO_MAGIC;
	bi->version = FL_BOOT_INFO_VERSION;
	bi->guest_mem = mm->guest_mem;
	bi->tsc_hz = tsc_hz;
	bi->first_free_gpa = first_free_gpa;
	copy_cmdline(bi, cmdline);

	*entry = (struct guest_entry){
		.rip = elf_entry, .rsp = FL_GUEST_STACK_TOP,
		.rdi = FL_GUEST_BOOT_INFO_GPA,
		.sel_code = FL_GUEST_SEL_CODE, .sel_data = FL_GUEST_SEL_DATA,
		.sel_tss = FL_GUEST_SEL_TSS,
		.gdt_limit = PV_GDT_ENTRIES * 8 - 1,
	};
	return guest_boot_tables(mm, entry);
}
