/* guest-pv/lib/guest.h - what the runtime gives every guest (guest-pv and the test guests), and the one function each guest defines. No Linux twin: this is start_kernel()'s contract, reduced. */
#ifndef GUEST_GUEST_H
#define GUEST_GUEST_H

#include "../../include/guest_abi.h"

/*
 * Each guest defines guest_main(). It runs on the boot stack in the bss,
 * with the IDT loaded (every vector fatal until a handler is set) and
 * interrupts off, and returns FL_RESULT_PASS or FL_RESULT_FAIL, which
 * guest_start() hands to FL_HC_EXIT.
 */
int guest_main(const struct fl_boot_info *bi);

/* The checked boot info, for whoever needs it after start. */
extern const struct fl_boot_info *boot_info;

/*
 * Guest pages the runtime itself touches before guest_main(): the whole
 * bss, zeroed by the entry stub (the boot stack lives there too). The boot
 * stack faultline set up is never touched.
 */
u64 bss_pages(void);

/* Bounds of the loaded image (linker.ld). */
extern char __image_start[], __image_end[], __bss_start[], __bss_end[];

#endif
