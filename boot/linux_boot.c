/* boot/linux_boot.c - a Linux kernel into guest memory by the 64-bit boot protocol: initrd placement, command line, zero page with e820, ACPI tables, entry state. Linux: Documentation/x86/boot.rst, zero-page.rst; Firecracker: src/vmm/src/arch/x86_64/mod.rs (configure_system). Pure C: host tests compile it. */
#include "linux_boot.h"
#include "acpi.h"
#include "../include/console.h"
#include "../include/guest_abi.h"
#include "../include/lib.h"

#define U(x)	((unsigned long long)(x))
#define BIOS_AREA_END	MiB(1)
#define LINUX_BSP_APIC_ID 0

int linux_boot_plan(const struct bundle_parts *parts, u64 guest_mem,
		    struct linux_layout *l, char *err, size_t errlen)
{
	const struct setup_header *h = &l->bz.hdr;
	u64 top, kernel_end, max_cmdline;

	memset(l, 0, sizeof(*l));
	if (bzimage_parse(parts->kernel, parts->kernel_size, guest_mem, &l->bz,
			  err, errlen))
		return -1;
	max_cmdline = MIN((u64)h->cmdline_size, (u64)FL_LINUX_CMDLINE_MAX);
	if (parts->cmdline_size > max_cmdline) {
		snprintf(err, errlen, "the command line has %llu characters; "
			 "this kernel takes at most %llu",
			 U(parts->cmdline_size), U(max_cmdline));
		return -1;
	}
	for (u64 i = 0; i < parts->cmdline_size; i++)
		if (!parts->cmdline[i]) {
			snprintf(err, errlen, "the command line holds a NUL");
			return -1;
		}
	l->cmdline_len = parts->cmdline_size;
	if (!parts->initrd_size)
		return 0;

	/* As high as the kernel allows: clear of init_size, as boot.rst asks. */
	top = MIN(guest_mem, (u64)h->initrd_addr_max + 1);
	kernel_end = l->bz.load_addr + l->bz.init_size;
	if (parts->initrd_size > top ||
	    ((top - parts->initrd_size) & PAGE_MASK) < kernel_end) {
		snprintf(err, errlen, "the initrd (%llu bytes) does not fit "
			 "between the kernel's end %#llx and %#llx: raise "
			 "guest_mem", U(parts->initrd_size), U(kernel_end),
			 U(top));
		return -1;
	}
	l->initrd_gpa = (top - parts->initrd_size) & PAGE_MASK;
	l->initrd_size = parts->initrd_size;
	return 0;
}

static void add_e820(struct boot_params *bp, u64 addr, u64 size, u32 type)
{
	bp->e820_table[bp->e820_entries++] =
		(struct boot_e820_entry){ addr, size, type };
}

void linux_fill_boot_params(struct boot_params *bp, const u8 *image,
			    const struct linux_layout *l, u64 guest_mem)
{
	u64 hdr_len = l->bz.hdr_end - SETUP_HEADER_OFFSET;

	memset(bp, 0, sizeof(*bp));
	memcpy(&bp->hdr, image + SETUP_HEADER_OFFSET, hdr_len);
	bp->hdr.type_of_loader = TYPE_OF_LOADER_UNDEFINED;
	bp->hdr.cmd_line_ptr = FL_LINUX_CMDLINE_GPA;
	bp->hdr.ramdisk_image = (u32)l->initrd_gpa;
	bp->hdr.ramdisk_size = (u32)l->initrd_size;
	bp->acpi_rsdp_addr = FL_LINUX_ACPI_GPA;

	/* The PC's map: the BIOS area (and faultline's ACPI) is not RAM. */
	add_e820(bp, 0, FL_LINUX_LOW_RAM_END, E820_TYPE_RAM);
	add_e820(bp, FL_LINUX_LOW_RAM_END, BIOS_AREA_END - FL_LINUX_LOW_RAM_END,
		 E820_TYPE_RESERVED);
	add_e820(bp, BIOS_AREA_END, guest_mem - BIOS_AREA_END, E820_TYPE_RAM);
}

/* A page faultline writes now and the guest reads at boot: pinned. */
static void *boot_page(struct mm *mm, gpa_t gpa)
{
	void *p = mm_gpa_to_virt(mm, gpa);

	return p ? p : mm_populate(mm, gpa);
}

int linux_boot_load(struct mm *mm, const struct bundle_parts *parts,
		    const struct linux_layout *l, struct guest_entry *entry,
		    char *err, size_t errlen)
{
	struct boot_params *bp = boot_page(mm, FL_LINUX_ZERO_PAGE_GPA);
	char *cmdline = boot_page(mm, FL_LINUX_CMDLINE_GPA);
	u8 *acpi = boot_page(mm, FL_LINUX_ACPI_GPA);

	*entry = (struct guest_entry){
		.rip = l->bz.entry, .rsp = FL_GUEST_STACK_TOP,
		.rsi = FL_LINUX_ZERO_PAGE_GPA,
		.sel_code = FL_LINUX_SEL_CODE, .sel_data = FL_LINUX_SEL_DATA,
		.sel_tss = FL_LINUX_SEL_TSS,
		.gdt_limit = FL_LINUX_GDT_ENTRIES * 8 - 1,
	};
	if (!bp || !cmdline || !acpi || guest_boot_tables(mm, entry) ||
	    guest_copy_in(mm, l->bz.load_addr,
			  parts->kernel + l->bz.pm_offset, l->bz.pm_size) ||
	    guest_copy_in(mm, l->initrd_gpa, parts->initrd, l->initrd_size)) {
		snprintf(err, errlen, "no frame left to load the kernel "
			 "(raise frames=)");
		return -1;
	}
	memcpy(cmdline, parts->cmdline, l->cmdline_len);
	cmdline[l->cmdline_len] = '\0';
	if (!acpi_build_tables(acpi, PAGE_SIZE, FL_LINUX_ACPI_GPA,
			       LINUX_BSP_APIC_ID)) {
		snprintf(err, errlen, "ACPI tables do not fit at %#llx",
			 U(FL_LINUX_ACPI_GPA));
		return -1;
	}
	linux_fill_boot_params(bp, parts->kernel, l, mm->guest_mem);
	return 0;
}
