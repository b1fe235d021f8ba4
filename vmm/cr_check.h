/* vmm/cr_check.h - the checks a real CPU makes on MOV to CR0/CR3/CR4 and XSETBV. KVM: kvm_set_cr0/cr3/cr4(), __kvm_set_xcr() in arch/x86/kvm/x86.c. */
#ifndef FAULTLINE_CR_CHECK_H
#define FAULTLINE_CR_CHECK_H

#include "../include/types.h"

/* A write the CPU takes, or one it answers with #GP(0). */
enum cr_write {
	CR_WRITE_OK,
	CR_WRITE_GP,
};

/* The guest's CPUID words the CR4 bits depend on (leaf 1, leaf 7.0). */
struct cr_cpuid {
	u32 leaf1_ecx, leaf1_edx;
	u32 leaf7_ebx, leaf7_ecx, leaf7_edx;
};

/* The guest's control registers as it sees them, before the write. */
struct cr_state {
	u64 cr0, cr3, cr4;
	bool long_mode;		/* EFER.LMA */
};

/* CR4 bits the guest may not set: unknown, hidden by its CPUID, or impossible in VMX non-root (cr4_fixed1). */
u64 cr4_guest_reserved_bits(const struct cr_cpuid *id, u64 cr4_fixed1);

/* *cr0 becomes the value the CPU would hold (undefined bits dropped, ET set). */
enum cr_write check_cr0_write(const struct cr_state *s, u64 *cr0);
u64 lmsw_cr0(u64 cr0, u16 msw);
enum cr_write check_cr4_write(const struct cr_state *s, u64 cr4,
			      u64 reserved);
/* *cr3 loses the PCID no-flush bit, which is not stored. */
enum cr_write check_cr3_write(const struct cr_state *s, u64 *cr3,
			      unsigned maxphyaddr);
/*
 * Does a MOV to CR (already checked) drop the guest's cached linear
 * translations on a real CPU, or change how they were made, so that
 * faultline, emulating it, must flush the guest's VPID? True: flush.
 * SDM 4.10.4.1 ("Operations that Invalidate TLBs and Paging-Structure
 * Caches"), and what KVM's kvm_post_set_cr0/cr4() and kvm_set_cr3()
 * request (kvm_mmu_reset_context(), KVM_REQ_TLB_FLUSH_GUEST/CURRENT).
 * cr3 is the value as the guest wrote it, its no-flush bit included.
 */
bool cr0_write_flushes_tlb(u64 old_cr0, u64 cr0);
bool cr3_write_flushes_tlb(u64 cr4, u64 cr3);
bool cr4_write_flushes_tlb(u64 old_cr4, u64 cr4);

/* supported: the XCR0 bits CPUID.(0xD,0) lists for the guest. */
enum cr_write check_xcr0_write(u64 xcr0, u64 supported);

#endif
