/* vmm/cr.c - control-register exits (MOV to/from CR0, CR3, CR4, CR8, CLTS, LMSW) with guest/host masks and read shadows. KVM: handle_cr() in arch/x86/kvm/vmx/vmx.c, kvm_set_cr0/cr3/cr4/cr8() in arch/x86/kvm/x86.c. */
#include "exit.h"
#include "cr.h"
#include "cr_check.h"
#include "cpuid.h"
#include "portio.h"
#include "vmx_controls.h"
#include "vmx_hw.h"
#include "vmx_ops.h"

/*
 * Who owns which bit (SDM 25.6.6). faultline owns every CR0 bit but TS,
 * which a guest with a lazy FPU flips often (KVM leaves it to the guest
 * too), and every CR4 bit. A MOV that would change an owned bit exits
 * here; the guest reads owned bits from the read shadow, which holds
 * exactly what it wrote; the CPU runs with what vmx_set_cr0/4 put in
 * GUEST_CR0/4. The two differ in:
 *   CR0.CD, CR0.NW  the guest's choice lives only in the shadow: the CPU
 *                   keeps caching on, because VM exit does not reload
 *                   these bits and the host would go on uncached (KVM:
 *                   KVM_VM_CR0_ALWAYS_OFF);
 *   CR0.NE, CR4.VMXE and whatever IA32_VMX_CR0/CR4_FIXED0 force (A.7,
 *                   A.8): set for the CPU, the guest's value in the shadow.
 */
#define CR0_GUEST_OWNED_BITS	X86_CR0_TS
#define CR4_GUEST_OWNED_BITS	0ull
#define CR0_ALWAYS_OFF		(X86_CR0_CD | X86_CR0_NW)

/* The entry state include/guest_abi.h promises. */
#define GUEST_ENTRY_CR0	(X86_CR0_PE | X86_CR0_MP | X86_CR0_ET | X86_CR0_NE | \
			 X86_CR0_WP | X86_CR0_PG)
#define GUEST_ENTRY_CR4	X86_CR4_PAE

#define GPR_RSP		4	/* lives in the VMCS, not in regs */
#define CR8_RESERVED	(~0xfull)	/* 63:4 */

u64 kvm_read_cr0(void)
{
	u64 mask = ~CR0_GUEST_OWNED_BITS;

	return (vmcs_read(GUEST_CR0) & ~mask) |
	       (vmcs_read(CR0_READ_SHADOW) & mask);
}

u64 kvm_read_cr4(void)
{
	u64 mask = ~CR4_GUEST_OWNED_BITS;

	return (vmcs_read(GUEST_CR4) & ~mask) |
	       (vmcs_read(CR4_READ_SHADOW) & mask);
}

/* 64-bit mode: long mode and a 64-bit code segment. KVM: is_64_bit_mode(). */
bool is_64_bit_mode(void)
{
	return (vmcs_read(GUEST_IA32_EFER) & EFER_LMA) &&
	       (vmcs_read(GUEST_CS_AR_BYTES) & VMX_AR_L_MASK);
}

static void vmx_set_cr0(struct vcpu *vcpu, u64 cr0)
{
	vmcs_write(CR0_READ_SHADOW, cr0);
	vmcs_write(GUEST_CR0, vmx_fixed_cr(cr0 & ~CR0_ALWAYS_OFF,
					   vcpu->cr.cr0_fixed0,
					   vcpu->cr.cr0_fixed1));
}

static void vmx_set_cr4(struct vcpu *vcpu, u64 cr4)
{
	vmcs_write(CR4_READ_SHADOW, cr4);
	vmcs_write(GUEST_CR4, vmx_fixed_cr(cr4, vcpu->cr.cr4_fixed0,
					   vcpu->cr.cr4_fixed1));
}

static struct cr_state cr_state(void)
{
	return (struct cr_state){
		.cr0 = kvm_read_cr0(),
		.cr3 = vmcs_read(GUEST_CR3),
		.cr4 = kvm_read_cr4(),
		.long_mode = vmcs_read(GUEST_IA32_EFER) & EFER_LMA,
	};
}

/*
 * The flush a real MOV to CR0/CR3/CR4 implies (cr_check.h says which).
 * Without VPID every VM entry and exit flushes the guest's linear
 * translations (SDM 28.3.3.1), so it happens by itself; with VPID they
 * survive both, and faultline, having emulated the write, must drop
 * them: INVVPID for the guest's VPID (vpid_sync_context() is a no-op
 * without VPID). KVM: KVM_REQ_TLB_FLUSH_GUEST -> vmx_flush_tlb_guest()
 * -> vpid_sync_context(). Bochs drops its whole TLB on every VM entry
 * and exit, so no run under it can show a missing flush: this follows
 * the SDM and KVM, and tests/unit/test_cr_check.c checks the decisions.
 */
static void kvm_flush_tlb_guest(void)
{
	vpid_sync_context();
}

static enum cr_write kvm_set_cr0(struct vcpu *vcpu, u64 cr0)
{
	struct cr_state s = cr_state();

	if (check_cr0_write(&s, &cr0) != CR_WRITE_OK)
		return CR_WRITE_GP;
	vmx_set_cr0(vcpu, cr0);
	if (cr0_write_flushes_tlb(s.cr0, cr0))
		kvm_flush_tlb_guest();
	return CR_WRITE_OK;
}

static enum cr_write kvm_set_cr4(struct vcpu *vcpu, u64 cr4)
{
	struct cr_state s = cr_state();

	if (check_cr4_write(&s, cr4, vcpu->cr.cr4_guest_rsvd_bits) !=
	    CR_WRITE_OK)
		return CR_WRITE_GP;
	vmx_set_cr4(vcpu, cr4);
	if (cr4_write_flushes_tlb(s.cr4, cr4))
		kvm_flush_tlb_guest();
	return CR_WRITE_OK;
}

static enum cr_write kvm_set_cr3(struct vcpu *vcpu, u64 cr3)
{
	struct cr_state s = cr_state();
	bool flush = cr3_write_flushes_tlb(s.cr4, cr3);	/* bit 63 as written */

	if (check_cr3_write(&s, &cr3, vcpu->cr.maxphyaddr) != CR_WRITE_OK)
		return CR_WRITE_GP;
	vmcs_write(GUEST_CR3, cr3);
	if (flush)
		kvm_flush_tlb_guest();
	return CR_WRITE_OK;
}

/*
 * CR8 is the guest's virtual APIC's TPR[7:4] (lapic.c), never the real
 * APIC's: raising it holds back the guest's own lower-priority
 * interrupts, as on hardware. KVM: kvm_set_cr8(), kvm_get_cr8().
 */
static enum cr_write kvm_set_cr8(struct vcpu *vcpu, u64 cr8)
{
	if (cr8 & CR8_RESERVED)
		return CR_WRITE_GP;
	lapic_set_cr8(&vcpu->apic, cr8);
	return CR_WRITE_OK;
}

/* The general-purpose register numbered as in the exit qualification (Table 28-3). */
static u64 *cr_access_gpr(struct vcpu *vcpu, unsigned n)
{
	u64 *regs[16] = {
		&vcpu->regs.rax, &vcpu->regs.rcx, &vcpu->regs.rdx,
		&vcpu->regs.rbx, NULL, &vcpu->regs.rbp, &vcpu->regs.rsi,
		&vcpu->regs.rdi, &vcpu->regs.r8, &vcpu->regs.r9,
		&vcpu->regs.r10, &vcpu->regs.r11, &vcpu->regs.r12,
		&vcpu->regs.r13, &vcpu->regs.r14, &vcpu->regs.r15,
	};

	return regs[n & 15];
}

/* Outside 64-bit mode MOV CR moves 32 bits. KVM: kvm_register_read(). */
static u64 gpr_read(struct vcpu *vcpu, unsigned n)
{
	u64 *reg = cr_access_gpr(vcpu, n);
	u64 v = reg ? *reg : vmcs_read(GUEST_RSP);

	return is_64_bit_mode() ? v : (u32)v;
}

static void gpr_write(struct vcpu *vcpu, unsigned n, u64 v)
{
	u64 *reg = cr_access_gpr(vcpu, n);

	if (!is_64_bit_mode())
		v = (u32)v;
	if (reg)
		*reg = v;
	else
		vmcs_write(GUEST_RSP, v);
}

static enum cr_write mov_to_cr(struct vcpu *vcpu, unsigned cr, u64 v)
{
	switch (cr) {
	case 0: return kvm_set_cr0(vcpu, v);
	case 3: return kvm_set_cr3(vcpu, v);
	case 4: return kvm_set_cr4(vcpu, v);
	case 8: return kvm_set_cr8(vcpu, v);
	}
	return CR_WRITE_GP;
}

/*
 * Every form ends in the guest: success skips the instruction, a value
 * the CPU would refuse gets #GP(0). CR0 and CR4 reads never exit (the
 * shadows answer them); CR3 reads only when the CPU forces CR3-store
 * exiting. Other CR numbers are #UD before any exit, so never come here.
 */
enum exit_result handle_cr_access(struct vcpu *vcpu)
{
	u64 qual = vcpu->exit_qualification;
	unsigned cr = qual & EXIT_QUAL_CR_NUM_MASK;
	unsigned gpr = (qual >> EXIT_QUAL_CR_GPR_SHIFT) & 15;
	enum cr_write r = CR_WRITE_OK;

	switch ((qual >> EXIT_QUAL_CR_TYPE_SHIFT) & 3) {
	case CR_ACCESS_MOV_TO_CR:
		r = mov_to_cr(vcpu, cr, gpr_read(vcpu, gpr));
		break;
	case CR_ACCESS_MOV_FROM_CR:
		if (cr == 3)
			gpr_write(vcpu, gpr, vmcs_read(GUEST_CR3));
		else if (cr == 8)
			gpr_write(vcpu, gpr, lapic_get_cr8(&vcpu->apic));
		else
			r = CR_WRITE_GP;
		break;
	case CR_ACCESS_CLTS:
		r = kvm_set_cr0(vcpu, kvm_read_cr0() & ~X86_CR0_TS);
		break;
	case CR_ACCESS_LMSW:
		r = kvm_set_cr0(vcpu, lmsw_cr0(kvm_read_cr0(),
			(u16)(qual >> EXIT_QUAL_CR_LMSW_SRC_SHIFT)));
		break;
	}
	if (r != CR_WRITE_OK) {
		inject_gp(vcpu);
		return EXIT_RESUME;
	}
	skip_emulated_instruction(vcpu);
	return EXIT_RESUME;
}

/*
 * What the guest may put in CR4, XCR0 and CR3, from the CPUID it sees
 * (guest_cpuid(), fixed before this; KVM computes the same in
 * kvm_vcpu_after_set_cpuid()), then the
 * masks and the entry values of CR0 and CR4.
 */
void cr_setup_vcpu(struct vcpu *vcpu, const struct vmx_capability *cap)
{
	struct cr_cpuid id;
	struct cpuid_regs r;

	vcpu->cr.cr0_fixed0 = cap->cr0_fixed0;
	vcpu->cr.cr0_fixed1 = cap->cr0_fixed1;
	vcpu->cr.cr4_fixed0 = cap->cr4_fixed0;
	vcpu->cr.cr4_fixed1 = cap->cr4_fixed1;

	guest_cpuid(CPUID_LEAF_FEATURES, 0, &r);
	id.leaf1_ecx = r.ecx, id.leaf1_edx = r.edx;
	guest_cpuid(CPUID_LEAF_EXT_FEATURES, 0, &r);
	id.leaf7_ebx = r.ebx, id.leaf7_ecx = r.ecx, id.leaf7_edx = r.edx;
	vcpu->cr.cr4_guest_rsvd_bits =
		cr4_guest_reserved_bits(&id, cap->cr4_fixed1);

	/* Without leaf 0x80000008, KVM assumes 36 bits (cpuid_query_maxphyaddr()). */
	vcpu->cr.maxphyaddr = CPUID_DEFAULT_PHYS_BITS;
	guest_cpuid(CPUID_LEAF_EXT_MAX, 0, &r);
	if (r.eax >= CPUID_LEAF_ADDR_SIZES) {
		guest_cpuid(CPUID_LEAF_ADDR_SIZES, 0, &r);
		if (r.eax & CPUID_80000008_EAX_PHYS_BITS)
			vcpu->cr.maxphyaddr = r.eax &
					      CPUID_80000008_EAX_PHYS_BITS;
	}

	guest_cpuid(CPUID_LEAF_XSTATE, 0, &r);
	vcpu->cr.guest_supported_xcr0 = ((u64)r.edx << 32 | r.eax) &
					xcr0_host_supported();

	vmcs_write(CR0_GUEST_HOST_MASK, ~CR0_GUEST_OWNED_BITS);
	vmcs_write(CR4_GUEST_HOST_MASK, ~CR4_GUEST_OWNED_BITS);
	vmx_set_cr0(vcpu, GUEST_ENTRY_CR0);
	vmx_set_cr4(vcpu, GUEST_ENTRY_CR4);
}
