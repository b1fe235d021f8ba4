/* tests/unit/test_cr_check.c - host tests for vmm/cr_check.c: the CR0/CR3/CR4/XCR0 values a real CPU takes or answers with #GP. KVM selftests: x86_64/set_sregs_test.c, xcr0_cpuid_test.c. */
#include <criterion/criterion.h>
#include "../../vmm/cr_check.h"
#include "../../include/x86.h"

#define LONG_MODE_CR0	(X86_CR0_PE | X86_CR0_MP | X86_CR0_ET | X86_CR0_NE | \
			 X86_CR0_WP | X86_CR0_PG)

/* faultline's guest after entry: long mode, CR4 = PAE. */
static struct cr_state long_mode(void)
{
	return (struct cr_state){ .cr0 = LONG_MODE_CR0, .cr3 = 0x2000,
				  .cr4 = X86_CR4_PAE, .long_mode = true };
}

/* A CPU with every feature CR4 depends on, and one with none. */
static const struct cr_cpuid all_features = {
	.leaf1_ecx = CPUID_1_ECX_VMX | CPUID_1_ECX_SMX | CPUID_1_ECX_PCID |
		     CPUID_1_ECX_XSAVE,
	.leaf1_edx = CPUID_1_EDX_VME | CPUID_1_EDX_DE | CPUID_1_EDX_PSE |
		     CPUID_1_EDX_TSC | CPUID_1_EDX_MCE | CPUID_1_EDX_PGE |
		     CPUID_1_EDX_FXSR | CPUID_1_EDX_XMM,
	.leaf7_ebx = CPUID_7_EBX_FSGSBASE | CPUID_7_EBX_SMEP |
		     CPUID_7_EBX_SMAP,
	.leaf7_ecx = CPUID_7_ECX_UMIP | CPUID_7_ECX_PKU | CPUID_7_ECX_LA57 |
		     CPUID_7_ECX_SHSTK | CPUID_7_ECX_PKS,
};
static const struct cr_cpuid no_features;

/* Is every CR4 bit of a feature the guest's CPUID hides reserved? */
Test(cr4_guest_reserved_bits, hidden_features_are_reserved)
{
	u64 r = cr4_guest_reserved_bits(&no_features, ~0ull);

	cr_assert(r & X86_CR4_VMXE);
	cr_assert(r & X86_CR4_OSXSAVE);
	cr_assert(r & X86_CR4_PCIDE);
	cr_assert(r & X86_CR4_SMEP);
	cr_assert(r & X86_CR4_CET);
	cr_assert(r & X86_CR4_OSFXSR);
	cr_assert_eq(r & X86_CR4_PAE, 0, "PAE has no CPUID condition here");
}

/* Are shown features free, and unknown bits (15, 19, 63) reserved anyway? */
Test(cr4_guest_reserved_bits, shown_features_are_free_unknown_bits_not)
{
	u64 r = cr4_guest_reserved_bits(&all_features, ~0ull);

	cr_assert_eq(r & (X86_CR4_OSXSAVE | X86_CR4_SMEP | X86_CR4_PCIDE |
			  X86_CR4_VMXE | X86_CR4_CET | X86_CR4_OSFXSR), 0);
	cr_assert(r & BIT(15));
	cr_assert(r & BIT(19));
	cr_assert(r & BIT(63));
}

/* Is a bit VMX non-root cannot hold (CR4_FIXED1 clear) reserved even if CPUID shows it? */
Test(cr4_guest_reserved_bits, vmx_fixed1_clear_is_reserved)
{
	u64 r = cr4_guest_reserved_bits(&all_features, ~X86_CR4_SMEP);

	cr_assert(r & X86_CR4_SMEP);
}

/* Does CR0 read back what was written, ET forced on, undefined bits dropped? */
Test(check_cr0_write, valid_value_kept_et_set_undefined_dropped)
{
	struct cr_state s = long_mode();
	u64 cr0 = (LONG_MODE_CR0 & ~X86_CR0_ET) | X86_CR0_CD | BIT(7);

	cr_assert_eq(check_cr0_write(&s, &cr0), CR_WRITE_OK);
	cr_assert_eq(cr0, LONG_MODE_CR0 | X86_CR0_CD);
}

/* Which CR0 values does the CPU answer with #GP? */
Test(check_cr0_write, refused_values_get_gp)
{
	static const struct { u64 cr0; const char *why; } bad[] = {
		{ LONG_MODE_CR0 | BIT(32), "bit 32 (63:32 reserved)" },
		{ LONG_MODE_CR0 | X86_CR0_NW, "NW without CD" },
		{ LONG_MODE_CR0 & ~X86_CR0_PE, "PG without PE" },
		{ LONG_MODE_CR0 & ~X86_CR0_PG, "PG clear in long mode" },
	};

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct cr_state s = long_mode();
		u64 cr0 = bad[i].cr0;

		cr_assert_eq(check_cr0_write(&s, &cr0), CR_WRITE_GP, "%s",
			     bad[i].why);
	}
}

/* Is CD+NW together accepted (the guest may ask; faultline shadows it)? */
Test(check_cr0_write, cd_and_nw_together_accepted)
{
	struct cr_state s = long_mode();
	u64 cr0 = LONG_MODE_CR0 | X86_CR0_CD | X86_CR0_NW;

	cr_assert_eq(check_cr0_write(&s, &cr0), CR_WRITE_OK);
}

/* Can LMSW set PE and TS but never clear PE? */
Test(lmsw_cr0, sets_low_bits_never_clears_pe)
{
	cr_assert_eq(lmsw_cr0(LONG_MODE_CR0, X86_CR0_TS),
		     (LONG_MODE_CR0 & ~X86_CR0_MP) | X86_CR0_TS);
	cr_assert(lmsw_cr0(LONG_MODE_CR0, 0) & X86_CR0_PE);
	cr_assert_eq(lmsw_cr0(LONG_MODE_CR0, 0xfff0) & ~0xfull,
		     LONG_MODE_CR0 & ~0xfull);
}

/* Which CR4 writes does the CPU refuse in long mode? */
Test(check_cr4_write, refused_values_get_gp)
{
	struct cr_state s = long_mode();
	u64 rsvd = cr4_guest_reserved_bits(&all_features, ~0ull) |
		   X86_CR4_VMXE;

	cr_assert_eq(check_cr4_write(&s, X86_CR4_PAE | X86_CR4_VMXE, rsvd),
		     CR_WRITE_GP, "VMXE while CPUID hides VMX");
	cr_assert_eq(check_cr4_write(&s, 0, rsvd), CR_WRITE_GP,
		     "PAE clear in long mode");
	cr_assert_eq(check_cr4_write(&s, X86_CR4_PAE | X86_CR4_LA57, rsvd),
		     CR_WRITE_GP, "LA57 changed in long mode");
	cr_assert_eq(check_cr4_write(&s, X86_CR4_PAE | BIT(15), rsvd),
		     CR_WRITE_GP, "reserved bit 15");
	s.cr3 = 0x2001;
	cr_assert_eq(check_cr4_write(&s, X86_CR4_PAE | X86_CR4_PCIDE, rsvd),
		     CR_WRITE_GP, "PCIDE with CR3[11:0] != 0");
}

/* Are shown features accepted? */
Test(check_cr4_write, shown_features_accepted)
{
	struct cr_state s = long_mode();
	u64 rsvd = cr4_guest_reserved_bits(&all_features, ~0ull);

	cr_assert_eq(check_cr4_write(&s, X86_CR4_PAE | X86_CR4_OSXSAVE |
				     X86_CR4_PGE | X86_CR4_PCIDE |
				     X86_CR4_OSFXSR, rsvd), CR_WRITE_OK);
}

/* Does CR3 refuse bits above MAXPHYADDR and drop the PCID no-flush bit? */
Test(check_cr3_write, maxphyaddr_and_noflush)
{
	struct cr_state s = long_mode();
	u64 cr3 = BIT(40);

	cr_assert_eq(check_cr3_write(&s, &cr3, 39), CR_WRITE_GP);
	cr3 = 0x5000 | X86_CR3_PCID_NOFLUSH;
	cr_assert_eq(check_cr3_write(&s, &cr3, 39), CR_WRITE_GP,
		     "bit 63 is reserved without PCIDE");
	s.cr4 |= X86_CR4_PCIDE;
	cr_assert_eq(check_cr3_write(&s, &cr3, 39), CR_WRITE_OK);
	cr_assert_eq(cr3, 0x5000);
}

/* Which XCR0 values get #GP? */
Test(check_xcr0_write, rules_of_kvm_set_xcr)
{
	u64 sup = XFEATURE_MASK_FP | XFEATURE_MASK_SSE | XFEATURE_MASK_YMM;

	cr_assert_eq(check_xcr0_write(XFEATURE_MASK_FP, sup), CR_WRITE_OK);
	cr_assert_eq(check_xcr0_write(sup, sup), CR_WRITE_OK);
	cr_assert_eq(check_xcr0_write(XFEATURE_MASK_SSE, sup), CR_WRITE_GP,
		     "x87 off");
	cr_assert_eq(check_xcr0_write(XFEATURE_MASK_FP | XFEATURE_MASK_YMM,
				      sup), CR_WRITE_GP, "AVX without SSE");
	cr_assert_eq(check_xcr0_write(sup | XFEATURE_MASK_AVX512, sup),
		     CR_WRITE_GP, "not in CPUID 0xD");
	cr_assert_eq(check_xcr0_write(XFEATURE_MASK_FP |
				      XFEATURE_MASK_BNDREGS, ~0ull),
		     CR_WRITE_GP, "MPX half on");
}

/* Does an emulated MOV to CR0 flush the guest's TLB exactly when PG or WP changes (SDM 4.10.4.1, KVM_MMU_CR0_ROLE_BITS)? */
Test(cr0_write_flushes_tlb, pg_and_wp_only)
{
	static const struct { u64 from, to; bool flush; } cases[] = {
		{ LONG_MODE_CR0, LONG_MODE_CR0, false },
		{ LONG_MODE_CR0, LONG_MODE_CR0 | X86_CR0_TS, false },
		{ LONG_MODE_CR0, LONG_MODE_CR0 | X86_CR0_CD, false },
		{ LONG_MODE_CR0, LONG_MODE_CR0 & ~X86_CR0_AM, false },
		{ LONG_MODE_CR0, LONG_MODE_CR0 & ~X86_CR0_WP, true },
		{ LONG_MODE_CR0 & ~X86_CR0_WP, LONG_MODE_CR0, true },
		{ LONG_MODE_CR0, LONG_MODE_CR0 & ~X86_CR0_PG, true },
		{ X86_CR0_PE | X86_CR0_ET, X86_CR0_PE | X86_CR0_ET | X86_CR0_PG,
		  true },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		cr_assert_eq(cr0_write_flushes_tlb(cases[i].from, cases[i].to),
			     cases[i].flush, "case %zu", i);
}

/* Does an emulated MOV to CR3 flush unless CR4.PCIDE is on and bit 63 (no-flush) is set? */
Test(cr3_write_flushes_tlb, unless_pcid_noflush)
{
	u64 pcid = X86_CR4_PAE | X86_CR4_PCIDE;

	cr_assert(cr3_write_flushes_tlb(X86_CR4_PAE, 0x2000));
	cr_assert(cr3_write_flushes_tlb(X86_CR4_PAE,
					0x2000 | X86_CR3_PCID_NOFLUSH),
		  "bit 63 means nothing without PCIDE");
	cr_assert(cr3_write_flushes_tlb(pcid, 0x2001));
	cr_assert_not(cr3_write_flushes_tlb(pcid,
					    0x2001 | X86_CR3_PCID_NOFLUSH));
}

/* Does an emulated MOV to CR4 flush on PGE, PCIDE 1->0 and the paging-shape bits, and not on the others (KVM's kvm_post_set_cr4())? */
Test(cr4_write_flushes_tlb, table)
{
	static const struct { u64 from, to; bool flush; } cases[] = {
		{ X86_CR4_PAE, X86_CR4_PAE, false },
		{ X86_CR4_PAE, X86_CR4_PAE | X86_CR4_OSFXSR, false },
		{ X86_CR4_PAE, X86_CR4_PAE | X86_CR4_FSGSBASE, false },
		{ X86_CR4_PAE, X86_CR4_PAE | X86_CR4_TSD, false },
		{ X86_CR4_PAE, X86_CR4_PAE | X86_CR4_PCIDE, false },
		{ X86_CR4_PAE | X86_CR4_PCIDE, X86_CR4_PAE, true },
		{ X86_CR4_PAE, X86_CR4_PAE | X86_CR4_PGE, true },
		{ X86_CR4_PAE | X86_CR4_PGE, X86_CR4_PAE, true },
		{ 0, X86_CR4_PAE, true },
		{ X86_CR4_PAE, X86_CR4_PAE | X86_CR4_SMEP, true },
		{ X86_CR4_PAE | X86_CR4_SMEP, X86_CR4_PAE, true },
		{ X86_CR4_PAE, X86_CR4_PAE | X86_CR4_SMAP, true },
		{ X86_CR4_PAE, X86_CR4_PAE | X86_CR4_PKE, true },
		{ X86_CR4_PAE, X86_CR4_PAE | X86_CR4_PSE, true },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		cr_assert_eq(cr4_write_flushes_tlb(cases[i].from, cases[i].to),
			     cases[i].flush, "case %zu", i);
}
