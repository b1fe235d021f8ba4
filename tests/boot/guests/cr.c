/* tests/boot/guests/cr.c - test guest: control registers read back what was written, values a real CPU refuses get #GP, CD/NW stay the guest's; XSETBV, INVD, RDPMC and GETSEC get what KVM gives; MSRs held in the VMCS refuse non-canonical addresses. KVM selftests: x86_64/set_sregs_test.c, xcr0_cpuid_test.c. */
#include "../../../guest-pv/lib/guest.h"
#include "../../../guest-pv/lib/hypercall.h"
#include "../../../guest-pv/lib/printk.h"
#include "../../../include/x86.h"
#include "../../../include/cpufeatures.h"
#include "../../../guest-pv/lib/fixup.h"
#include "../../../guest-pv/lib/processor.h"

static unsigned failures;

static void check(bool ok, const char *what)
{
	if (!ok) {
		printk("cr: FAIL: %s\n", what);
		failures++;
	}
}

static u64 read_cr0(void)
{
	u64 v;

	__asm__ volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}

static u64 read_cr4(void)
{
	u64 v;

	__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

/* The vector a MOV to CR0/CR4/CR8 raised (NO_FAULT if none), at that MOV. */
#define DEFINE_WRITE_CR(n)						\
static u64 try_write_cr##n(u64 v)					\
{									\
	expect_fault_begin();						\
	__asm__ volatile("movq $0f, %0\n\t"				\
			 "movq $1f, %1\n"				\
			 "0: mov %2, %%cr" #n "\n"			\
			 "1:"						\
			 : "=m"(fault_insn), "=m"(fault_resume)		\
			 : "r"(v) : "memory");				\
	return expect_fault_end();					\
}
DEFINE_WRITE_CR(0)
DEFINE_WRITE_CR(4)
DEFINE_WRITE_CR(8)

static u64 try_xsetbv(u32 index, u64 v)
{
	expect_fault_begin();
	__asm__ volatile("movq $0f, %0\n\t"
			 "movq $1f, %1\n"
			 "0: xsetbv\n"
			 "1:"
			 : "=m"(fault_insn), "=m"(fault_resume)
			 : "c"(index), "a"((u32)v), "d"((u32)(v >> 32))
			 : "memory");
	return expect_fault_end();
}

static u64 xgetbv(u32 index)
{
	u32 lo, hi;

	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(index));
	return ((u64)hi << 32) | lo;
}

static u64 try_wrmsr(u32 msr, u64 v)
{
	expect_fault_begin();
	__asm__ volatile("movq $0f, %0\n\t"
			 "movq $1f, %1\n"
			 "0: wrmsr\n"
			 "1:"
			 : "=m"(fault_insn), "=m"(fault_resume)
			 : "c"(msr), "a"((u32)v), "d"((u32)(v >> 32))
			 : "memory");
	return expect_fault_end();
}

static u64 try_rdpmc(void)
{
	expect_fault_begin();
	__asm__ volatile("movq $0f, %0\n\t"
			 "movq $1f, %1\n"
			 "0: rdpmc\n"
			 "1:"
			 : "=m"(fault_insn), "=m"(fault_resume)
			 : "c"(0) : "rax", "rdx", "memory");
	return expect_fault_end();
}

static u64 try_getsec(void)
{
	expect_fault_begin();
	__asm__ volatile("movq $0f, %0\n\t"
			 "movq $1f, %1\n"
			 "0: getsec\n"
			 "1:"
			 : "=m"(fault_insn), "=m"(fault_resume)
			 : "a"(0) : "rbx", "rcx", "memory");
	return expect_fault_end();
}

static void test_cr0(void)
{
	u64 cr0 = read_cr0();

	/* The guest may turn caching off; it reads back what it wrote. */
	check(try_write_cr0(cr0 | X86_CR0_CD | X86_CR0_NW) == NO_FAULT,
	      "CR0.CD|NW refused");
	check((read_cr0() & (X86_CR0_CD | X86_CR0_NW)) ==
	      (X86_CR0_CD | X86_CR0_NW), "CR0.CD|NW do not read back");
	check(try_write_cr0(cr0) == NO_FAULT, "CR0 restore refused");
	check(read_cr0() == cr0, "CR0 does not read back its old value");

	check(try_write_cr0(cr0 | X86_CR0_NW) == X86_TRAP_GP,
	      "CR0.NW without CD: no #GP");
	check(try_write_cr0(cr0 & ~X86_CR0_PG) == X86_TRAP_GP,
	      "CR0.PG clear in long mode: no #GP");
	check(try_write_cr0(cr0 & ~X86_CR0_PE) == X86_TRAP_GP,
	      "CR0.PG without PE: no #GP");
	check(try_write_cr0(cr0 | BIT(32)) == X86_TRAP_GP,
	      "CR0 bit 32: no #GP");
	check(try_write_cr0(cr0 | X86_CR0_AM) == NO_FAULT &&
	      (read_cr0() & X86_CR0_AM), "CR0.AM does not read back");
	try_write_cr0(cr0);
	check(read_cr0() == cr0, "CR0 changed by refused writes");
}

static void test_cr4(void)
{
	u64 cr4 = read_cr4();

	check(!(cr4 & X86_CR4_VMXE), "the guest sees faultline's CR4.VMXE");
	check(try_write_cr4(cr4 | X86_CR4_VMXE) == X86_TRAP_GP,
	      "CR4.VMXE with VMX hidden: no #GP");
	check(try_write_cr4(cr4 | BIT(15)) == X86_TRAP_GP,
	      "CR4 bit 15: no #GP");
	check(try_write_cr4(cr4 & ~X86_CR4_PAE) == X86_TRAP_GP,
	      "CR4.PAE clear in long mode: no #GP");
	check(try_write_cr4(cr4 | X86_CR4_PGE) == NO_FAULT &&
	      (read_cr4() & X86_CR4_PGE), "CR4.PGE does not read back");
	check(try_write_cr4(cr4) == NO_FAULT && read_cr4() == cr4,
	      "CR4 does not read back its old value");
	check(try_write_cr8(0xf) == NO_FAULT, "CR8 = 15 refused");
	check(try_write_cr8(0x10) == X86_TRAP_GP, "CR8 bit 4: no #GP");
	try_write_cr8(0);
}

static void test_xsave(void)
{
	u32 a, b, c, d;
	u64 cr4 = read_cr4();

	cpuid(CPUID_LEAF_FEATURES, &a, &b, &c, &d);
	if (!(c & CPUID_1_ECX_XSAVE)) {
		check(try_write_cr4(cr4 | X86_CR4_OSXSAVE) == X86_TRAP_GP,
		      "CR4.OSXSAVE without XSAVE: no #GP");
		report("cr_xsave", "hidden");
		return;
	}
	check(!(c & CPUID_1_ECX_OSXSAVE), "CPUID shows OSXSAVE before CR4 has it");
	check(try_write_cr4(cr4 | X86_CR4_OSXSAVE) == NO_FAULT,
	      "CR4.OSXSAVE refused though CPUID has XSAVE");
	cpuid(CPUID_LEAF_FEATURES, &a, &b, &c, &d);
	check(c & CPUID_1_ECX_OSXSAVE, "CPUID does not mirror CR4.OSXSAVE");
	check(xgetbv(0) == XFEATURE_MASK_FP, "XCR0 does not start x87-only");
	check(try_xsetbv(0, XFEATURE_MASK_FP | XFEATURE_MASK_SSE) == NO_FAULT,
	      "XSETBV x87|SSE refused");
	check(xgetbv(0) == (XFEATURE_MASK_FP | XFEATURE_MASK_SSE),
	      "XCR0 does not read back");
	check(try_xsetbv(0, XFEATURE_MASK_SSE) == X86_TRAP_GP,
	      "XSETBV without x87: no #GP");
	check(try_xsetbv(1, XFEATURE_MASK_FP) == X86_TRAP_GP,
	      "XSETBV of XCR1: no #GP");
	check(try_xsetbv(0, BIT(62) | XFEATURE_MASK_FP) == X86_TRAP_GP,
	      "XSETBV of an unlisted bit: no #GP");
	try_xsetbv(0, XFEATURE_MASK_FP);
	report("cr_xsave", "checked");
}

int guest_main(const struct fl_boot_info *bi)
{
	(void)bi;
	expect_fault_setup();
	test_cr0();
	test_cr4();
	test_xsave();
	__asm__ volatile("invd");	/* a no-op for the guest */
	check(try_rdpmc() == X86_TRAP_GP, "RDPMC without a PMU: no #GP");
	check(try_getsec() == X86_TRAP_UD, "GETSEC: no #UD");
	/* Held in the VMCS: a non-canonical value there would fail VM entry. */
	check(try_wrmsr(MSR_IA32_SYSENTER_ESP, 0xe924de2a3241ea17ull) ==
	      X86_TRAP_GP, "non-canonical SYSENTER_ESP: no #GP");
	check(try_wrmsr(MSR_IA32_SYSENTER_EIP, 1ull << 47) == X86_TRAP_GP,
	      "non-canonical SYSENTER_EIP: no #GP");
	check(try_wrmsr(MSR_IA32_SYSENTER_EIP, 0xffff800000001000ull) ==
	      NO_FAULT, "canonical SYSENTER_EIP refused");
	report("cr_failures", "%u", failures);
	printk("cr: %s (%u failed checks)\n", failures ? "FAIL" : "PASS",
	       failures);
	return failures ? FL_RESULT_FAIL : FL_RESULT_PASS;
}
