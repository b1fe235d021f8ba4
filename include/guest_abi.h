/* include/guest_abi.h - what a guest gets from faultline: entry state, boot info, hypercalls. KVM: include/uapi/linux/kvm_para.h for the hypercall convention. */
#ifndef FAULTLINE_GUEST_ABI_H
#define FAULTLINE_GUEST_ABI_H

#include "types.h"

/*
 * Entry state (what faultline guarantees at the guest's first instruction)
 *
 *   mode     64-bit long mode, CPL 0: CR0 = PE|MP|ET|NE|WP|PG, CR4 = PAE,
 *            EFER = LME|LMA|NXE. RFLAGS = 0x2 (IF clear).
 *   paging   CR3 = FL_GUEST_PML4_GPA: an identity map of all guest memory
 *            with 2 MiB pages (R/W, supervisor, executable), built by
 *            faultline inside guest memory at FL_GUEST_PGTABLE_GPA.
 *            The guest may replace it.
 *   GDT      at FL_GUEST_GDT_GPA: 0x08 64-bit code, 0x10 data, 0x18 TSS.
 *            CS = 0x08, DS = ES = SS = FS = GS = 0x10, TR = 0x18.
 *   IDT      base 0, limit 0: install your own before enabling interrupts.
 *   RIP      the ELF entry point.
 *   RSP      FL_GUEST_STACK_TOP: 16-byte aligned, stack grows down into
 *            demand-zero memory (first touch is an EPT violation).
 *   RDI      FL_GUEST_BOOT_INFO_GPA: struct fl_boot_info below.
 *
 * Guest memory is guest-physical [0, boot_info.guest_mem). Only the ELF's
 * file-backed pages, the boot-info page and the page tables are present at
 * entry; everything else, bss included, is demand-zero: its first touch is
 * an EPT violation that faultline resolves with a zeroed frame.
 *
 * Guest-physical layout below the ELF (which must load at or above
 * FL_GUEST_LOAD_MIN):
 *
 *   0x0000_0000  unused (demand-zero)
 *   0x0000_1000  struct fl_boot_info, then the GDT and TSS
 *   0x0000_2000  PML4, 0x3000 PDPT, 0x4000.. PDs (one per GiB)
 *   0x0000_8000  .. 0x0001_0000 the boot stack (RSP starts at the top)
 *   0x0010_0000  the ELF image (FL_GUEST_LOAD_MIN)
 */
#define FL_GUEST_BOOT_INFO_GPA	0x1000ull
#define FL_GUEST_GDT_GPA	0x1800ull
#define FL_GUEST_TSS_GPA	0x1900ull
#define FL_GUEST_PGTABLE_GPA	0x2000ull
#define FL_GUEST_PML4_GPA	0x2000ull
#define FL_GUEST_PDPT_GPA	0x3000ull
#define FL_GUEST_PD_GPA		0x4000ull	/* 4 pages: up to 4 GiB */
#define FL_GUEST_STACK_TOP	0x10000ull
#define FL_GUEST_LOAD_MIN	0x100000ull

#define FL_GUEST_SEL_CODE	0x08
#define FL_GUEST_SEL_DATA	0x10
#define FL_GUEST_SEL_TSS	0x18

#define FL_GUEST_MEM_MIN	MiB(4)
#define FL_GUEST_MEM_MAX	GiB(4)

#define FL_BOOT_INFO_MAGIC	0x3130544f4f424c46ull	/* "FLBOOT01" */
#define FL_BOOT_INFO_VERSION	1
#define FL_CMDLINE_MAX		512

/*
 * The options that are the guest's (workload=, pages=, seed=, ...) reach it
 * as one NUL-terminated "key=value key=value" string; faultline has already
 * checked that every key is known and every value well formed.
 */
struct fl_boot_info {
	u64 magic;		/* FL_BOOT_INFO_MAGIC */
	u32 version;		/* FL_BOOT_INFO_VERSION */
	u32 cmdline_len;	/* bytes before the NUL */
	u64 guest_mem;		/* bytes of guest-physical memory */
	u64 tsc_hz;		/* TSC ticks per second, calibrated at boot */
	u64 first_free_gpa;	/* first page above the ELF image */
	char cmdline[FL_CMDLINE_MAX];
};

/*
 * Hypercalls: VMCALL with the number in RAX and arguments in RBX, RCX, RDX,
 * RSI, the result in RAX: the convention of KVM's kvm_hypercall4(). Numbers
 * start at FL_HC_BASE so they never collide with KVM_HC_*. Every argument
 * is a guest value and is checked; a bad one returns -FL_EINVAL or
 * -FL_EFAULT and changes nothing. An unknown number returns -FL_ENOSYS.
 */
#define FL_HC_BASE		0x464c0000u	/* "FL" */

/* rbx = GPA of the text, rcx = length (<= FL_HC_CONSOLE_MAX). */
#define FL_HC_CONSOLE_WRITE	(FL_HC_BASE + 1)
#define FL_HC_CONSOLE_MAX	4096

/* rbx = FL_RESULT_PASS or FL_RESULT_FAIL. Does not return. */
#define FL_HC_EXIT		(FL_HC_BASE + 2)
#define FL_RESULT_PASS		0
#define FL_RESULT_FAIL		1

/*
 * rbx = GPA of a "key=value" text, rcx = its length: appended to the
 * summary line (keys: [a-z0-9_], values: no spaces; at most
 * FL_HC_REPORT_MAX bytes, at most FL_REPORT_ITEMS items per run).
 */
#define FL_HC_REPORT		(FL_HC_BASE + 3)
#define FL_HC_REPORT_MAX	64
#define FL_REPORT_ITEMS		32

/*
 * The same reports from a guest that has no hypercalls (a stock Linux
 * and its userspace): a console line (COM1 or the console hypercall)
 *
 *     faultline-report: key=value key=value ...
 *
 * optionally after the kernel's "[    5.123456] " timestamp, adds each
 * word to the summary exactly as FL_HC_REPORT does (same checks, same
 * limits, guest_ prefix); words that fail the checks are refused with a
 * console line and change nothing. From Linux userspace write the line to
 * /dev/kmsg at a level the console prints under "quiet", e.g.
 * "<2>faultline-report: workload_units=1234\n".
 */
#define FL_CONSOLE_REPORT_MARKER	"faultline-report: "

/*
 * A guest without hypercalls ends its run through QEMU's isa-debug-exit
 * convention: a write of value v (any width) to FL_DEBUG_EXIT_PORT ends
 * it, FL_RESULT_PASS (0) passing and anything else failing; the summary's
 * debug_exit_code is (v << 1) | 1, the exit status QEMU would give.
 */
#define FL_DEBUG_EXIT_PORT	0xf4

/*
 * A console line containing one of the kernel's complaints - "BUG:",
 * "WARNING:", "Oops", "Kernel panic" - fails the run, whatever the guest
 * reports afterwards (the summary's kernel_complaint= names the first).
 */

/*
 * rbx = the vector (32-255) of the PV tick, or 0 to stop it. With the
 * tick_us= option set, faultline then raises that vector every tick_us
 * microseconds of TSC time while interrupts are on, so a scheduler can
 * preempt. Without tick_us= the call succeeds and nothing ticks.
 */
#define FL_HC_SET_TICK		(FL_HC_BASE + 4)
#define FL_FIRST_EXTERNAL_VECTOR 32	/* 0-31 are exceptions */

/*
 * rbx = FL_TRACE_TASK_PARK or FL_TRACE_TASK_WAKE, rcx = task id,
 * rdx = token: the guest's side of a fault, recorded in faultline's trace
 * (trace=full; counted at trace=summary).
 * rbx = FL_TRACE_TASK_SWITCH, rcx = the task switched out, rdx = the task
 * switched in (0: the idle loop): the guest's scheduler, for the trace's
 * per-task timeline.
 * rbx = FL_TRACE_LEVEL: returns the trace level (FL_TRACE_LEVEL_*), so a
 * guest makes none of these calls, and costs nothing, when it is off.
 */
#define FL_HC_TRACE		(FL_HC_BASE + 5)
#define FL_TRACE_TASK_PARK	1
#define FL_TRACE_TASK_WAKE	2
#define FL_TRACE_TASK_SWITCH	3
#define FL_TRACE_LEVEL		4
#define FL_TRACE_LEVEL_OFF	0	/* nothing recorded: send nothing */
#define FL_TRACE_LEVEL_SUMMARY	1	/* events counted */
#define FL_TRACE_LEVEL_FULL	2	/* events recorded */

/*
 * rbx = 1: the guest's timed phase begins; rbx = 0: it ends. faultline
 * then takes its ratios (overlap_ratio, hidden_ratio) over that window
 * instead of the whole run, so the untimed setup and checks around it do
 * not count. Once per run: a second begin returns -FL_EINVAL.
 */
#define FL_HC_MEASURE		(FL_HC_BASE + 6)

/*
 * A Linux guest (guest_kind=linux) is entered by the 64-bit boot protocol
 * (Documentation/x86/boot.rst) instead of the entry state above: long mode
 * and the same identity map, RIP = pref_address + 0x200 (startup_64),
 * RSI = the zero page (struct boot_params), IF clear, and a GDT at
 * FL_GUEST_GDT_GPA with the selectors the protocol names: code 0x10,
 * data 0x18 (DS = ES = SS = FS = GS), and a TSS at 0x20 for VM entry.
 * Its low memory:
 *
 *   0x0000_1000  the GDT (0x1800) and TSS (0x1900)
 *   0x0000_2000  PML4, 0x3000 PDPT, 0x4000.. PDs: as for the PV guest
 *   0x0001_0000  the zero page; 0x0001_1000 the kernel command line
 *   0x0009_fc00  .. 0x0010_0000 reserved in e820; the ACPI tables at
 *                0x000e_0000, RSDP first (boot_params.acpi_rsdp_addr)
 *   pref_address the kernel (16 MiB for Debian's), init_size kept free
 *   top          the initrd, page-aligned below guest memory's end and
 *                the kernel's initrd_addr_max
 */
#define FL_LINUX_SEL_CODE	0x10	/* __BOOT_CS */
#define FL_LINUX_SEL_DATA	0x18	/* __BOOT_DS */
#define FL_LINUX_SEL_TSS	0x20
#define FL_LINUX_GDT_ENTRIES	6	/* null, unused, code, data, TSS (2) */
#define FL_LINUX_ZERO_PAGE_GPA	0x10000ull
#define FL_LINUX_CMDLINE_GPA	0x11000ull
#define FL_LINUX_CMDLINE_MAX	4095	/* one page with its NUL */
#define FL_LINUX_LOW_RAM_END	0x9fc00ull	/* where the EBDA would start */
#define FL_LINUX_ACPI_GPA	0xe0000ull

/* Error values are KVM's (include/uapi/linux/kvm_para.h). */
#define FL_EFAULT		14	/* KVM_EFAULT */
#define FL_EINVAL		22	/* KVM_EINVAL */
#define FL_E2BIG		7	/* KVM_E2BIG */
#define FL_ENOSYS		1000	/* KVM_ENOSYS */

#endif
