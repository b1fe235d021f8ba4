/* vmm/xsave.c - XSETBV exits and the XCR0 the guest runs with. KVM: handle_xsetbv() in vmx.c, kvm_emulate_xsetbv()/__kvm_set_xcr() in arch/x86/kvm/x86.c. */
#include "exit.h"
#include "cr.h"
#include "cr_check.h"
#include "portio.h"
#include "vmx_ops.h"
#include "../include/cpufeatures.h"

static inline void xsetbv(u32 index, u64 value)
{
	__asm__ volatile("xsetbv" : : "c"(index), "a"((u32)value),
			 "d"((u32)(value >> 32)));
}

static bool host_has_xsave(void)
{
	u32 a, b, c, d;

	cpuid_count(CPUID_LEAF_FEATURES, 0, &a, &b, &c, &d);
	return c & CPUID_1_ECX_XSAVE;
}

/* The XCR0 bits this CPU can enable: CPUID.(0xD,0):EDX:EAX; 0 without XSAVE. */
u64 xcr0_host_supported(void)
{
	u32 a, b, c, d;

	if (!host_has_xsave())
		return 0;
	cpuid_count(CPUID_LEAF_XSTATE, 0, &a, &b, &c, &d);
	return (u64)d << 32 | a;
}

/*
 * XCR0 is not switched by VM entry or exit, and faultline's own code
 * uses no extended state (-mgeneral-regs-only), so the guest's XCR0 simply
 * stays loaded in the CPU; XGETBV in the guest reads it there. To write
 * it faultline needs CR4.OSXSAVE itself (XSETBV is #UD without it); the
 * guest starts from XCR0's reset value, x87 only (SDM Vol. 1 13.3).
 */
void xsave_host_setup(void)
{
	if (!host_has_xsave())
		return;
	write_cr4(read_cr4() | X86_CR4_OSXSAVE);
	xsetbv(XCR_XFEATURE_ENABLED_MASK, XFEATURE_MASK_FP);
}

/*
 * The CPU has checked CPL 0 and the guest's CR4.OSXSAVE before this exit
 * (25.1.1: those faults come first); what is left is __kvm_set_xcr():
 * only XCR0, and a value the guest's CPUID allows, else #GP(0).
 */
enum exit_result handle_xsetbv(struct vcpu *vcpu)
{
	u32 index = (u32)vcpu->regs.rcx;
	u64 value = (vcpu->regs.rdx << 32) | (u32)vcpu->regs.rax;

	if (index != XCR_XFEATURE_ENABLED_MASK ||
	    check_xcr0_write(value, vcpu->cr.guest_supported_xcr0) !=
	    CR_WRITE_OK) {
		inject_gp(vcpu);
		return EXIT_RESUME;
	}
	xsetbv(index, value);
	vcpu->cr.xcr0 = value;
	skip_emulated_instruction(vcpu);
	return EXIT_RESUME;
}
