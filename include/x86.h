/* include/x86.h - architectural x86-64 constants: control registers, RFLAGS, EFER, exceptions, descriptors. Linux: asm/processor-flags.h, asm/trapnr.h, asm/msr-index.h. */
#ifndef FAULTLINE_X86_H
#define FAULTLINE_X86_H

#include "types.h"

/* CR0, SDM Vol. 3A 2.5 */
#define X86_CR0_PE	BIT(0)		/* protection enable */
#define X86_CR0_MP	BIT(1)		/* monitor coprocessor */
#define X86_CR0_EM	BIT(2)		/* x87 emulation */
#define X86_CR0_TS	BIT(3)		/* task switched: lazy FPU */
#define X86_CR0_ET	BIT(4)		/* extension type, hardwired 1 */
#define X86_CR0_NE	BIT(5)		/* native x87 error reporting */
#define X86_CR0_WP	BIT(16)		/* write protect in ring 0 */
#define X86_CR0_AM	BIT(18)		/* alignment mask */
#define X86_CR0_NW	BIT(29)		/* not write-through */
#define X86_CR0_CD	BIT(30)		/* cache disable */
#define X86_CR0_PG	BIT(31)		/* paging */
/* The bits CR0 defines; a write to the others is ignored (KVM: CR0_RESERVED_BITS). */
#define X86_CR0_DEFINED	(X86_CR0_PE | X86_CR0_MP | X86_CR0_EM | \
			 X86_CR0_TS | X86_CR0_ET | X86_CR0_NE | \
			 X86_CR0_WP | X86_CR0_AM | X86_CR0_NW | \
			 X86_CR0_CD | X86_CR0_PG)
#define X86_CR0_HIGH_RESERVED	0xffffffff00000000ull	/* 63:32: #GP if set */
/* LMSW loads only these, and cannot clear PE (SDM Vol. 2A, LMSW). */
#define X86_CR0_LMSW_BITS	(X86_CR0_PE | X86_CR0_MP | X86_CR0_EM | X86_CR0_TS)

/* CR3 in long mode with CR4.PCIDE (SDM Vol. 3A 4.10.4.1) */
#define X86_CR3_PCID_MASK	0xfffull	/* 11:0 */
#define X86_CR3_PCID_NOFLUSH	BIT(63)		/* MOV to CR3 keeps the PCID's TLB entries */

/* CR4, SDM Vol. 3A 2.5 */
#define X86_CR4_VME	BIT(0)		/* virtual-8086 extensions */
#define X86_CR4_PVI	BIT(1)		/* protected-mode virtual interrupts */
#define X86_CR4_TSD	BIT(2)		/* RDTSC at CPL 0 only */
#define X86_CR4_DE	BIT(3)		/* debugging extensions */
#define X86_CR4_PSE	BIT(4)		/* 4 MiB pages */
#define X86_CR4_PAE	BIT(5)
#define X86_CR4_MCE	BIT(6)		/* machine-check enable */
#define X86_CR4_PGE	BIT(7)
#define X86_CR4_PCE	BIT(8)		/* RDPMC at any CPL */
#define X86_CR4_OSFXSR	BIT(9)
#define X86_CR4_OSXMMEXCPT BIT(10)
#define X86_CR4_UMIP	BIT(11)
#define X86_CR4_LA57	BIT(12)		/* 5-level paging */
#define X86_CR4_VMXE	BIT(13)
#define X86_CR4_SMXE	BIT(14)
#define X86_CR4_FSGSBASE BIT(16)
#define X86_CR4_PCIDE	BIT(17)
#define X86_CR4_OSXSAVE	BIT(18)
#define X86_CR4_SMEP	BIT(20)
#define X86_CR4_SMAP	BIT(21)
#define X86_CR4_PKE	BIT(22)
#define X86_CR4_CET	BIT(23)
#define X86_CR4_PKS	BIT(24)

/* DR6 (SDM Vol. 3A 17.2.3) */
#define DR6_TRAP_BITS	0xfull		/* 3:0: B0-B3, the breakpoint that hit */
#define DR6_BS		BIT(14)		/* single step */

/* XCR0 (SDM Vol. 1 13.3) */
#define XCR_XFEATURE_ENABLED_MASK 0	/* XSETBV's ECX for XCR0 */
#define XFEATURE_MASK_FP	BIT(0)	/* x87: always set */
#define XFEATURE_MASK_SSE	BIT(1)
#define XFEATURE_MASK_YMM	BIT(2)	/* AVX: needs SSE */
#define XFEATURE_MASK_BNDREGS	BIT(3)	/* MPX: both or neither */
#define XFEATURE_MASK_BNDCSR	BIT(4)
#define XFEATURE_MASK_AVX512	(BIT(5) | BIT(6) | BIT(7))	/* all or none, needs YMM */

/* RFLAGS */
#define X86_EFLAGS_CF	BIT(0)
#define X86_EFLAGS_FIXED BIT(1)		/* bit 1 always reads 1 */
#define X86_EFLAGS_ZF	BIT(6)
#define X86_EFLAGS_TF	BIT(8)		/* single step */
#define X86_EFLAGS_IF	BIT(9)

/* MSRs, Linux asm/msr-index.h names */
#define MSR_IA32_FEAT_CTL			0x0000003a
#define FEAT_CTL_LOCKED				BIT(0)
#define FEAT_CTL_VMX_ENABLED_INSIDE_SMX		BIT(1)
#define FEAT_CTL_VMX_ENABLED_OUTSIDE_SMX	BIT(2)
#define MSR_IA32_SYSENTER_CS	0x00000174
#define MSR_IA32_SYSENTER_ESP	0x00000175
#define MSR_IA32_SYSENTER_EIP	0x00000176
#define MSR_IA32_DEBUGCTLMSR	0x000001d9
#define MSR_IA32_CR_PAT		0x00000277
#define MSR_IA32_CR_PAT_DEFAULT	0x0007040600070406ull	/* power-on: WB WT UC- UC, twice */
#define MSR_EFER		0xc0000080
#define MSR_STAR		0xc0000081	/* SYSCALL/SYSRET selectors */
#define MSR_LSTAR		0xc0000082	/* 64-bit SYSCALL target */
#define MSR_CSTAR		0xc0000083	/* compat-mode SYSCALL target */
#define MSR_SYSCALL_MASK	0xc0000084	/* RFLAGS cleared by SYSCALL */
#define MSR_FS_BASE		0xc0000100
#define MSR_GS_BASE		0xc0000101
#define MSR_KERNEL_GS_BASE	0xc0000102
#define MSR_TSC_AUX		0xc0000103	/* RDTSCP's ECX, RDPID */
#define MSR_IA32_TSC		0x00000010
#define MSR_IA32_APICBASE	0x0000001b
#define MSR_IA32_APICBASE_BSP	BIT(8)		/* this is the boot processor */
#define MSR_IA32_APICBASE_EXTD	BIT(10)		/* x2APIC mode */
#define MSR_IA32_APICBASE_ENABLE BIT(11)	/* APIC globally enabled */
#define MSR_IA32_APICBASE_BASE	(~0xfffull)
#define APIC_DEFAULT_PHYS_BASE	0xfee00000ull
#define MSR_IA32_UCODE_REV	0x0000008b	/* microcode revision in 63:32 */
#define MSR_IA32_MISC_ENABLE	0x000001a0
#define MSR_IA32_MISC_ENABLE_FAST_STRING	BIT(0)
#define MSR_IA32_MISC_ENABLE_BTS_UNAVAIL	BIT(11)
#define MSR_IA32_MISC_ENABLE_PEBS_UNAVAIL	BIT(12)
#define MSR_IA32_TSC_DEADLINE	0x000006e0
#define APIC_BASE_MSR		0x00000800	/* x2APIC: MSR = 0x800 + (MMIO offset >> 4) */
#define APIC_BASE_MSR_LAST	0x000008ff

#define EFER_SCE	BIT(0)		/* SYSCALL enable */
#define EFER_LME	BIT(8)		/* long mode enable */
#define EFER_LMA	BIT(10)		/* long mode active */
#define EFER_NX		BIT(11)		/* no-execute enable */

/* CPUID bits (SDM Vol. 2A, CPUID; the leaves: cpufeatures.h) */
#define CPUID_DEFAULT_PHYS_BITS	36		/* without leaf 0x80000008 */
#define CPUID_1_ECX_MONITOR	BIT(3)
#define CPUID_1_ECX_VMX		BIT(5)
#define CPUID_1_ECX_SMX		BIT(6)
#define CPUID_1_ECX_PCID	BIT(17)
#define CPUID_1_ECX_XSAVE	BIT(26)
#define CPUID_1_ECX_OSXSAVE	BIT(27)		/* mirrors CR4.OSXSAVE */
#define CPUID_1_ECX_HYPERVISOR	BIT(31)
#define CPUID_1_EDX_VME		BIT(1)
#define CPUID_1_EDX_DE		BIT(2)
#define CPUID_1_EDX_PSE		BIT(3)
#define CPUID_1_EDX_TSC		BIT(4)
#define CPUID_1_EDX_MCE		BIT(7)
#define CPUID_1_EDX_PGE		BIT(13)
#define CPUID_1_EDX_FXSR	BIT(24)
#define CPUID_1_EDX_XMM		BIT(25)		/* SSE */
#define CPUID_7_EBX_FSGSBASE	BIT(0)
#define CPUID_7_EBX_SMEP	BIT(7)
#define CPUID_7_EBX_INVPCID	BIT(10)
#define CPUID_7_EBX_SMAP	BIT(20)
#define CPUID_7_ECX_UMIP	BIT(2)
#define CPUID_7_ECX_PKU		BIT(3)
#define CPUID_7_ECX_OSPKE	BIT(4)		/* mirrors CR4.PKE */
#define CPUID_7_ECX_SHSTK	BIT(7)		/* CET shadow stacks */
#define CPUID_7_ECX_LA57	BIT(16)
#define CPUID_7_ECX_PKS		BIT(31)
#define CPUID_7_EDX_IBT		BIT(20)		/* CET indirect branch tracking */
#define CPUID_80000008_EAX_PHYS_BITS 0xffu	/* 7:0: MAXPHYADDR */
#define CPUID_1_ECX_X2APIC	BIT(21)
#define CPUID_1_EDX_MSR		BIT(5)
#define CPUID_1_EDX_APIC	BIT(9)
#define CPUID_EXT_BASE		0x80000000u	/* EAX: highest extended leaf */
#define CPUID_EXT_FEATURES	0x80000001u
#define CPUID_80000001_EDX_NX	BIT(20)
#define CPUID_80000001_EDX_LM	BIT(29)
#define CPUID_BRAND_FIRST	0x80000002u	/* 0x80000002..4: 48-byte brand */
#define CPUID_BRAND_LAST	0x80000004u
#define CPUID_EXT_POWER		0x80000007u
#define CPUID_80000007_EDX_INVARIANT_TSC BIT(8)

/* Exception vectors, asm/trapnr.h */
#define X86_TRAP_DE	0	/* divide error */
#define X86_TRAP_DB	1
#define X86_TRAP_NMI	2
#define X86_TRAP_BP	3
#define X86_TRAP_UD	6	/* invalid opcode */
#define X86_TRAP_NM	7
#define X86_TRAP_DF	8	/* double fault */
#define X86_TRAP_TS	10
#define X86_TRAP_NP	11
#define X86_TRAP_SS	12
#define X86_TRAP_GP	13	/* general protection */
#define X86_TRAP_PF	14	/* page fault */
#define X86_TRAP_MF	16
#define X86_TRAP_AC	17
#define X86_TRAP_MC	18
#define X86_NR_EXCEPTIONS	32
/* Exceptions that push an error code (SDM Vol. 3A Table 6-1). */
#define X86_TRAPS_WITH_ERROR_CODE \
	(BIT(X86_TRAP_DF) | BIT(X86_TRAP_TS) | BIT(X86_TRAP_NP) | \
	 BIT(X86_TRAP_SS) | BIT(X86_TRAP_GP) | BIT(X86_TRAP_PF) | \
	 BIT(X86_TRAP_AC) | BIT(21))

/* Segment descriptor access-rights bytes (SDM Vol. 3A 3.4.5) */
#define DESC_TYPE_CODE_XRA	0xb	/* execute/read, accessed */
#define DESC_TYPE_DATA_RWA	0x3	/* read/write, accessed */
#define DESC_TYPE_TSS64_AVAIL	0x9
#define DESC_TYPE_TSS64_BUSY	0xb
#define DESC_S		BIT(4)		/* code or data, not system */
#define DESC_P		BIT(7)		/* present */
#define DESC_L		BIT(13)		/* 64-bit code */
#define DESC_DB		BIT(14)		/* 32-bit default operand size */
#define DESC_G		BIT(15)		/* limit in 4 KiB units */

/* Linear addresses: 48 bits with 4-level paging (LA57 is never the guest's). */
#define CANONICAL_ADDRESS_BITS	48

/* Bits 63:47 all equal (SDM Vol. 1 3.3.7.1). KVM: is_noncanonical_address(). */
static inline bool is_canonical_address(u64 la)
{
	unsigned shift = 64 - CANONICAL_ADDRESS_BITS;

	return (u64)((s64)(la << shift) >> shift) == la;
}

/* 4-level paging entry bits, asm/pgtable_types.h */
#define _PAGE_PRESENT	BIT(0)
#define _PAGE_RW	BIT(1)
#define _PAGE_USER	BIT(2)
#define _PAGE_PWT	BIT(3)
#define _PAGE_PCD	BIT(4)
#define _PAGE_ACCESSED	BIT(5)
#define _PAGE_DIRTY	BIT(6)
#define _PAGE_PSE	BIT(7)		/* 2 MiB / 1 GiB page */
#define _PAGE_NX	BIT(63)
#define PTE_ADDR_MASK	0x000ffffffffff000ull

/* Segment selector: requested privilege level and table indicator (SDM Vol. 3A 3.4.2). Linux: asm/segment.h. */
#define SEGMENT_RPL_MASK	0x3
#define SEGMENT_TI_MASK		0x4	/* 1: LDT */

#endif
