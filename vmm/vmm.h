/* vmm/vmm.h - the hand-over from boot/ to vmm/, and the ways a run ends. No KVM twin: this is faultline's "module init". */
#ifndef FAULTLINE_VMM_H
#define FAULTLINE_VMM_H

#include <stdarg.h>
#include "../include/types.h"
#include "../mm/mmu.h"
#include "../include/options.h"
#include "../include/guest_entry.h"

/*
 * What boot/ has prepared by the time it calls vmm_main(): boot services
 * are gone, faultline's own GDT (with a 64-bit TSS), IDT and identity page
 * tables are loaded, interrupts are off, and the guest image, boot info
 * (or a Linux kernel and its zero page) and guest page tables are
 * already in guest memory.
 */
struct vmm_boot {
	const struct fl_options *opts;
	struct mm *mm;
	struct guest_entry entry;	/* the first VM entry's state */
	u64 tsc_hz;		/* calibrated with the firmware's Stall() */
	u32 *swapin_cycles;	/* mm->nr_gfns entries, for fault_latency */
	/* page-aligned, zeroed, identity-mapped pages */
	u8 *vmxon_region;
	u8 *vmcs_region;
	u8 *msr_bitmap;
};

/* The host's descriptor tables, owned by boot/cpu_tables.c. */
struct host_tables {
	u64 gdt_base, idt_base, tss_base;
	u16 cs, ds, tr;
};
void host_tables_get(struct host_tables *t);

/* NMIs taken while faultline ran in VMX root (boot/isr.asm counts them). */
extern volatile u64 host_nmis;

__attribute__((noreturn)) void vmm_main(struct vmm_boot *boot);

/* ResetSystem(EfiResetShutdown), after VMXOFF if VMX is on. boot/power.c. */
__attribute__((noreturn)) void machine_power_off(void);

/*
 * The three ways faultline stops early (style.md, "Errors, three kinds"):
 * the guest's fault ends its run (vcpu_stop, in vcpu.h); the machine
 * can't run faultline: one line naming what is missing, then power off;
 * faultline's own bug: panic with the VMCS and the recent-exit ring.
 */
__attribute__((noreturn, format(printf, 1, 2)))
void machine_cannot(const char *fmt, ...);
/* Before the guest runs: "faultline: <message>", the summary with stop=, power off. */
__attribute__((noreturn))
void vstop_before_guest(const char *stop, const char *fmt, va_list ap);
__attribute__((noreturn, format(printf, 1, 2)))
void panic(const char *fmt, ...);

/* INVEPT (single-context, else all-context) for ept; boot/ hands it to ept_init(). */
void vmx_invept(struct ept *ept);

/* The options of this run, once parsed (boot/), for every early stop's summary. */
extern const struct fl_options *run_options;

/* Set once VMXON succeeded, so power-off knows to leave VMX first. */
extern bool vmx_on;

#endif
