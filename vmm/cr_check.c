/* vmm/cr_check.c - which CR0/CR3/CR4/XCR0 values a real CPU accepts, given the CPUID the guest sees. KVM: kvm_is_valid_cr0(), kvm_set_cr0/cr3/cr4(), __cr4_reserved_bits(), __kvm_set_xcr() in arch/x86/kvm/x86.c. Pure C: host tests compile it. */
#include "cr_check.h"
#include "../include/x86.h"

/* CR4 bits faultline knows; any other is reserved (KVM: CR4_RESERVED_BITS). */
#define CR4_KNOWN_BITS	(X86_CR4_VME | X86_CR4_PVI | X86_CR4_TSD | \
			 X86_CR4_DE | X86_CR4_PSE | X86_CR4_PAE | \
			 X86_CR4_MCE | X86_CR4_PGE | X86_CR4_PCE | \
			 X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT | X86_CR4_UMIP | \
			 X86_CR4_LA57 | X86_CR4_VMXE | X86_CR4_SMXE | \
			 X86_CR4_FSGSBASE | X86_CR4_PCIDE | X86_CR4_OSXSAVE | \
			 X86_CR4_SMEP | X86_CR4_SMAP | X86_CR4_PKE | \
			 X86_CR4_CET | X86_CR4_PKS)

enum cpuid_word { LEAF1_ECX, LEAF1_EDX, LEAF7_EBX, LEAF7_ECX, LEAF7_EDX };

/* A CR4 bit is reserved unless the guest's CPUID shows its feature. */
static const struct {
	u64 cr4_bit;
	enum cpuid_word word;
	u32 feature;
} cr4_features[] = {
	{ X86_CR4_VME,		LEAF1_EDX, CPUID_1_EDX_VME },
	{ X86_CR4_PVI,		LEAF1_EDX, CPUID_1_EDX_VME },
	{ X86_CR4_TSD,		LEAF1_EDX, CPUID_1_EDX_TSC },
	{ X86_CR4_DE,		LEAF1_EDX, CPUID_1_EDX_DE },
	{ X86_CR4_PSE,		LEAF1_EDX, CPUID_1_EDX_PSE },
	{ X86_CR4_MCE,		LEAF1_EDX, CPUID_1_EDX_MCE },
	{ X86_CR4_PGE,		LEAF1_EDX, CPUID_1_EDX_PGE },
	{ X86_CR4_OSFXSR,	LEAF1_EDX, CPUID_1_EDX_FXSR },
	{ X86_CR4_OSXMMEXCPT,	LEAF1_EDX, CPUID_1_EDX_XMM },
	{ X86_CR4_VMXE,		LEAF1_ECX, CPUID_1_ECX_VMX },
	{ X86_CR4_SMXE,		LEAF1_ECX, CPUID_1_ECX_SMX },
	{ X86_CR4_PCIDE,	LEAF1_ECX, CPUID_1_ECX_PCID },
	{ X86_CR4_OSXSAVE,	LEAF1_ECX, CPUID_1_ECX_XSAVE },
	{ X86_CR4_FSGSBASE,	LEAF7_EBX, CPUID_7_EBX_FSGSBASE },
	{ X86_CR4_SMEP,		LEAF7_EBX, CPUID_7_EBX_SMEP },
	{ X86_CR4_SMAP,		LEAF7_EBX, CPUID_7_EBX_SMAP },
	{ X86_CR4_UMIP,		LEAF7_ECX, CPUID_7_ECX_UMIP },
	{ X86_CR4_PKE,		LEAF7_ECX, CPUID_7_ECX_PKU },
	{ X86_CR4_LA57,		LEAF7_ECX, CPUID_7_ECX_LA57 },
	{ X86_CR4_PKS,		LEAF7_ECX, CPUID_7_ECX_PKS },
};

static u32 cpuid_word(const struct cr_cpuid *id, enum cpuid_word w)
{
	switch (w) {
	case LEAF1_ECX: return id->leaf1_ecx;
	case LEAF1_EDX: return id->leaf1_edx;
	case LEAF7_EBX: return id->leaf7_ebx;
	case LEAF7_ECX: return id->leaf7_ecx;
	case LEAF7_EDX: return id->leaf7_edx;
	}
	return 0;
}

u64 cr4_guest_reserved_bits(const struct cr_cpuid *id, u64 cr4_fixed1)
{
	u64 reserved = ~CR4_KNOWN_BITS;

	for (unsigned i = 0; i < ARRAY_SIZE(cr4_features); i++)
		if (!(cpuid_word(id, cr4_features[i].word) &
		      cr4_features[i].feature))
			reserved |= cr4_features[i].cr4_bit;
	/* CET needs shadow stacks or indirect-branch tracking. */
	if (!(id->leaf7_ecx & CPUID_7_ECX_SHSTK) &&
	    !(id->leaf7_edx & CPUID_7_EDX_IBT))
		reserved |= X86_CR4_CET;
	/*
	 * A bit this CPU cannot hold in VMX non-root operation (IA32_VMX_CR4_
	 * FIXED1 clear, A.8) would fail VM entry: reserved too. VMXE is
	 * always allowed there (faultline's own), and decided above.
	 */
	reserved |= ~cr4_fixed1 & ~X86_CR4_VMXE;
	return reserved;
}

/*
 * A MOV to CR0, in kvm_set_cr0()'s order. Bits CR0 does not define are
 * dropped, not refused ("ignored, even on Intel"), and ET reads as 1.
 * faultline's vCPU stays in long mode (include/guest_abi.h), so clearing
 * PG, which would leave it, is refused as a CPU refuses it in 64-bit mode.
 */
enum cr_write check_cr0_write(const struct cr_state *s, u64 *cr0)
{
	u64 v = *cr0;

	if (v & X86_CR0_HIGH_RESERVED)
		return CR_WRITE_GP;
	if ((v & X86_CR0_NW) && !(v & X86_CR0_CD))
		return CR_WRITE_GP;		/* NW without CD: undefined */
	if ((v & X86_CR0_PG) && !(v & X86_CR0_PE))
		return CR_WRITE_GP;		/* paging needs protection */
	if (!(v & X86_CR0_PG) && (s->long_mode || (s->cr4 & X86_CR4_PCIDE)))
		return CR_WRITE_GP;
	if (!(v & X86_CR0_WP) && (s->cr4 & X86_CR4_CET))
		return CR_WRITE_GP;		/* CET needs WP */
	*cr0 = (v & X86_CR0_DEFINED) | X86_CR0_ET;
	return CR_WRITE_OK;
}

/* LMSW: loads CR0[3:0] from its operand, but can set PE, never clear it. */
u64 lmsw_cr0(u64 cr0, u16 msw)
{
	return (cr0 & ~(X86_CR0_LMSW_BITS & ~X86_CR0_PE)) |
	       (msw & X86_CR0_LMSW_BITS);
}

/* A MOV to CR4, as kvm_set_cr4() checks it. */
enum cr_write check_cr4_write(const struct cr_state *s, u64 cr4,
			      u64 reserved)
{
	if (cr4 & reserved)
		return CR_WRITE_GP;
	if (s->long_mode) {
		if (!(cr4 & X86_CR4_PAE))
			return CR_WRITE_GP;	/* long mode needs PAE */
		if ((cr4 ^ s->cr4) & X86_CR4_LA57)
			return CR_WRITE_GP;	/* paging depth is fixed in long mode */
	}
	/* PCID cannot be turned on with CR3[11:0] != 0 or outside long mode. */
	if ((cr4 & X86_CR4_PCIDE) && !(s->cr4 & X86_CR4_PCIDE) &&
	    ((s->cr3 & X86_CR3_PCID_MASK) || !s->long_mode))
		return CR_WRITE_GP;
	if ((cr4 & X86_CR4_CET) && !(s->cr0 & X86_CR0_WP))
		return CR_WRITE_GP;
	return CR_WRITE_OK;
}

/*
 * A MOV to CR3 (only when the CPU forces CR3-load exiting): with PCIDE,
 * bit 63 asks not to flush and is not stored; bits above MAXPHYADDR are
 * reserved. KVM: kvm_set_cr3().
 */
enum cr_write check_cr3_write(const struct cr_state *s, u64 *cr3,
			      unsigned maxphyaddr)
{
	u64 v = *cr3;

	if (s->long_mode && (s->cr4 & X86_CR4_PCIDE))
		v &= ~X86_CR3_PCID_NOFLUSH;
	if (maxphyaddr < 64 && (v >> maxphyaddr))
		return CR_WRITE_GP;
	*cr3 = v;
	return CR_WRITE_OK;
}

/*
 * CR0: the SDM flushes everything when PG goes from 1 to 0; KVM also
 * resets the MMU context, whose reload flushes the current context, when
 * PG or WP changes at all (KVM_MMU_CR0_ROLE_BITS), and so does faultline:
 * a flush too many costs time, one too few runs the guest on stale
 * translations.
 */
bool cr0_write_flushes_tlb(u64 old_cr0, u64 cr0)
{
	return (old_cr0 ^ cr0) & (X86_CR0_PG | X86_CR0_WP);
}

/*
 * CR3: every load flushes the current PCID's non-global entries, except
 * with CR4.PCIDE = 1 and bit 63 set (KVM: skip_tlb_flush in
 * kvm_set_cr3()). faultline cannot flush one PCID alone, so it flushes
 * the VPID: more than the CPU would, never less.
 */
bool cr3_write_flushes_tlb(u64 cr4, u64 cr3)
{
	return !((cr4 & X86_CR4_PCIDE) && (cr3 & X86_CR3_PCID_NOFLUSH));
}

/*
 * CR4, in kvm_post_set_cr4()'s order: a change of a bit that shapes the
 * translations (KVM_MMU_CR4_ROLE_BITS: PSE, PAE, SMEP, SMAP, PKE, LA57)
 * resets the MMU context; PGE toggled or PCIDE cleared flushes all PCIDs
 * (SDM 4.10.4.1); PAE toggled or SMEP set flushes the current PCID
 * (SDM 4.10.4.1; both are role bits already). PCIDE going from 0 to 1
 * flushes nothing, on the CPU as in KVM.
 */
#define CR4_MMU_ROLE_BITS	(X86_CR4_PSE | X86_CR4_PAE | X86_CR4_SMEP | \
				 X86_CR4_SMAP | X86_CR4_PKE | X86_CR4_LA57)

bool cr4_write_flushes_tlb(u64 old_cr4, u64 cr4)
{
	u64 changed = old_cr4 ^ cr4;

	if (changed & (CR4_MMU_ROLE_BITS | X86_CR4_PGE))
		return true;
	return (old_cr4 & X86_CR4_PCIDE) && !(cr4 & X86_CR4_PCIDE);
}

/*
 * XSETBV of XCR0, as __kvm_set_xcr() checks it: x87 always on, AVX only
 * with SSE, MPX's two bits together, AVX-512's three together and only
 * with AVX, and nothing the guest's CPUID leaf 0xD does not list.
 */
enum cr_write check_xcr0_write(u64 xcr0, u64 supported)
{
	if (!(xcr0 & XFEATURE_MASK_FP))
		return CR_WRITE_GP;
	if ((xcr0 & XFEATURE_MASK_YMM) && !(xcr0 & XFEATURE_MASK_SSE))
		return CR_WRITE_GP;
	if (!(xcr0 & XFEATURE_MASK_BNDREGS) != !(xcr0 & XFEATURE_MASK_BNDCSR))
		return CR_WRITE_GP;
	if (xcr0 & XFEATURE_MASK_AVX512) {
		if (!(xcr0 & XFEATURE_MASK_YMM))
			return CR_WRITE_GP;
		if ((xcr0 & XFEATURE_MASK_AVX512) != XFEATURE_MASK_AVX512)
			return CR_WRITE_GP;
	}
	if (xcr0 & ~supported)
		return CR_WRITE_GP;
	return CR_WRITE_OK;
}
