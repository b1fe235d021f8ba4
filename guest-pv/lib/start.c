/* guest-pv/lib/start.c - from the entry stub to guest_main: check the boot info, load the IDT, read the options, exit with the result. Linux: init/main.c (start_kernel), much reduced. */
#include "guest.h"
#include "cmdline.h"
#include "hypercall.h"
#include "apic.h"
#include "idt.h"
#include "printk.h"

const struct fl_boot_info *boot_info;

u64 bss_pages(void)
{
	return (u64)(__bss_end - __bss_start) / PAGE_SIZE;
}

_Noreturn void guest_start(const struct fl_boot_info *bi);

/*
 * The console hypercall needs nothing from the boot info, so even a guest
 * started by something that is not faultline can say why it stops.
 */
_Noreturn void guest_start(const struct fl_boot_info *bi)
{
	if (__pa(bi) != FL_GUEST_BOOT_INFO_GPA)
		panic("entered with RDI = %p, not the boot info's GPA %#llx "
		      "(include/guest_abi.h, entry state): the loader broke "
		      "the entry contract\n", (const void *)bi,
		      (unsigned long long)FL_GUEST_BOOT_INFO_GPA);
	if (bi->magic != FL_BOOT_INFO_MAGIC ||
	    bi->version != FL_BOOT_INFO_VERSION)
		panic("boot info at %p has magic %#llx version %u; expected "
		      "%#llx version %u: not a faultline boot this guest "
		      "knows\n", (const void *)bi,
		      (unsigned long long)bi->magic, bi->version,
		      (unsigned long long)FL_BOOT_INFO_MAGIC,
		      FL_BOOT_INFO_VERSION);
	if ((u64)(uintptr_t)__image_start != FL_GUEST_LOAD_MIN)
		panic("linked at %p, not at FL_GUEST_LOAD_MIN %#llx\n",
		      (void *)__image_start,
		      (unsigned long long)FL_GUEST_LOAD_MIN);
	if (bi->first_free_gpa < (u64)(uintptr_t)__image_end ||
	    bi->first_free_gpa > bi->guest_mem)
		panic("boot info: first_free_gpa %#llx is not between the "
		      "image end %p and guest_mem %#llx\n",
		      (unsigned long long)bi->first_free_gpa,
		      (void *)__image_end, (unsigned long long)bi->guest_mem);

	idt_setup();
	apic_setup();
	boot_info = bi;
	cmdline_init(bi);
	hc_exit((u64)guest_main(bi));
}
