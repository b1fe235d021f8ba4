/* vmm/inject.c - event injection at VM entry, and re-injection of an event whose delivery caused the exit. KVM: vmx_inject_exception(), vmx_complete_interrupts(). */
#include "vcpu.h"
#include "cr.h"
#include "vmx_ops.h"

static bool vector_has_error_code(u8 vector)
{
	return vector < X86_NR_EXCEPTIONS &&
	       (X86_TRAPS_WITH_ERROR_CODE & BIT(vector));
}

/*
 * Two exceptions at one entry: the SDM's double-fault rule (Vol. 3A
 * 6.15, Table 6-5) reduced to what faultline can meet: the second event is
 * faultline's own injection on top of a delivery the CPU had begun, so it
 * becomes #DF, as kvm_multiple_exception() does for contributory pairs.
 */
static void queue_event(struct vcpu *vcpu, u32 intr_info, u32 error_code)
{
	if (vcpu->pending_intr_info & INTR_INFO_VALID_MASK) {
		intr_info = X86_TRAP_DF | INTR_TYPE_HARD_EXCEPTION |
			    INTR_INFO_DELIVER_CODE_MASK | INTR_INFO_VALID_MASK;
		error_code = 0;
	}
	vcpu->pending_intr_info = intr_info;
	vcpu->pending_error_code = error_code;
	vcpu->pending_instr_len = 0;
}

void inject_exception(struct vcpu *vcpu, u8 vector)
{
	u32 info = vector | INTR_TYPE_HARD_EXCEPTION | INTR_INFO_VALID_MASK;

	if (vector_has_error_code(vector))
		info |= INTR_INFO_DELIVER_CODE_MASK;
	queue_event(vcpu, info, 0);
}

void inject_exception_error(struct vcpu *vcpu, u8 vector, u32 error_code)
{
	queue_event(vcpu, vector | INTR_TYPE_HARD_EXCEPTION |
			  INTR_INFO_DELIVER_CODE_MASK | INTR_INFO_VALID_MASK,
		    error_code);
}

/*
 * An exit can interrupt the delivery of an event: the guest's #PF handler
 * pushes its frame onto a stack page EPT does not map yet, say. The event
 * is then in IDT_VECTORING_INFO (28.2.4) and is lost unless it goes back
 * into the entry fields (KVM: __vmx_complete_interrupts()).
 */
void vcpu_complete_interrupts(struct vcpu *vcpu)
{
	u32 idt_info = (u32)vmcs_read(IDT_VECTORING_INFO_FIELD);
	u32 type = idt_info & INTR_INFO_INTR_TYPE_MASK;

	vcpu->pending_intr_info = 0;
	if (!(idt_info & INTR_INFO_VALID_MASK))
		return;
	vcpu->pending_intr_info = idt_info;
	vcpu->pending_error_code = idt_info & INTR_INFO_DELIVER_CODE_MASK ?
		(u32)vmcs_read(IDT_VECTORING_ERROR_CODE) : 0;
	/*
	 * Software interrupts (INT n), privileged software exceptions (ICEBP)
	 * and software exceptions (INT3, INTO) are re-injected with the length
	 * of the instruction that raised them: delivery pushes RIP + length,
	 * and entry refuses length 0 on CPUs without IA32_VMX_MISC bit 30
	 * (26.2.1.3). The exit left that length in VM_EXIT_INSTRUCTION_LEN
	 * (28.2.4).
	 */
	vcpu->pending_instr_len =
		type == INTR_TYPE_SOFT_INTR ||
		type == INTR_TYPE_PRIV_SW_EXCEPTION ||
		type == INTR_TYPE_SOFT_EXCEPTION ?
		(u32)vmcs_read(VM_EXIT_INSTRUCTION_LEN) : 0;
}

void vcpu_write_pending_event(struct vcpu *vcpu)
{
	u32 info = vcpu->pending_intr_info;

	if (!(info & INTR_INFO_VALID_MASK)) {
		/*
		 * Clear the field only if an event was written since: with
		 * none injected, most entries, it is already 0, and a VMWRITE
		 * is an exit of its own under nested KVM without shadowing.
		 */
		if (vcpu->entry_event_written) {
			vmcs_write(VM_ENTRY_INTR_INFO_FIELD, 0);
			vcpu->entry_event_written = false;
		}
		return;
	}
	if (info & INTR_INFO_DELIVER_CODE_MASK)
		vmcs_write(VM_ENTRY_EXCEPTION_ERROR_CODE,
			   vcpu->pending_error_code);
	vmcs_write(VM_ENTRY_INSTRUCTION_LEN, vcpu->pending_instr_len);
	/* NMI unblocking is IDT-vectoring information, reserved at entry. */
	vmcs_write(VM_ENTRY_INTR_INFO_FIELD, info & ~INTR_INFO_UNBLOCK_NMI);
	vcpu->entry_event_written = true;
	vcpu->pending_intr_info = 0;
}

static inline u64 read_dr6(void)
{
	u64 v;

	__asm__ volatile("mov %%dr6, %0" : "=r"(v));
	return v;
}

static inline void write_dr6(u64 v)
{
	__asm__ volatile("mov %0, %%dr6" : : "r"(v));
}

/*
 * The emulated instruction completed with RFLAGS.TF set: the single-step
 * trap the CPU would have raised after it, #DB with DR6.BS. MOV DR does
 * not exit, so the CPU's DR6 is the guest's own. KVM:
 * kvm_vcpu_do_singlestep().
 */
static void queue_singlestep(struct vcpu *vcpu)
{
	write_dr6((read_dr6() & ~DR6_TRAP_BITS) | DR6_BS);
	inject_exception(vcpu, X86_TRAP_DB);
}

/*
 * Past the instruction that exited, as kvm_skip_emulated_instruction():
 * outside 64-bit mode RIP wraps at 4 GiB; the STI/MOV SS shadow covered
 * this instruction and ends; with TF set the single-step #DB follows.
 * A next RIP that is not canonical is the #GP the CPU would raise
 * fetching there (VM entry would refuse it, 26.3.1.4).
 */
void skip_emulated_instruction(struct vcpu *vcpu)
{
	u64 old = vmcs_read(GUEST_RIP);
	u64 rip = old + vmcs_read(VM_EXIT_INSTRUCTION_LEN);
	u64 intr = vmcs_read(GUEST_INTERRUPTIBILITY_INFO);

	/* Only a carry past bit 31 can need either; the mode costs VMREADs. */
	if ((rip ^ old) >> 31) {
		if (!is_64_bit_mode()) {
			rip = (u32)rip;
		} else if (!is_canonical_address(rip)) {
			inject_gp(vcpu);
			return;
		}
	}
	vmcs_write(GUEST_RIP, rip);
	/* An STI or MOV SS shadow covers one instruction: this one. */
	if (intr & (GUEST_INTR_STATE_STI | GUEST_INTR_STATE_MOV_SS))
		vmcs_write(GUEST_INTERRUPTIBILITY_INFO,
			   intr & ~(GUEST_INTR_STATE_STI |
				    GUEST_INTR_STATE_MOV_SS));
	if (vmcs_read(GUEST_RFLAGS) & X86_EFLAGS_TF)
		queue_singlestep(vcpu);
}
