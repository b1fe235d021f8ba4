/* vmm/inject.c - event injection at VM entry, and re-injection of an event whose delivery caused the exit. KVM: vmx_inject_exception(), vmx_complete_interrupts(). */
#include "vcpu.h"
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
	/* Software events are re-executed: entry needs their length. */
	vcpu->pending_instr_len =
		type == INTR_TYPE_SOFT_INTR || type == INTR_TYPE_SOFT_EXCEPTION ?
		(u32)vmcs_read(VM_EXIT_INSTRUCTION_LEN) : 0;
}

void vcpu_write_pending_event(struct vcpu *vcpu)
{
	u32 info = vcpu->pending_intr_info;

	if (!(info & INTR_INFO_VALID_MASK)) {
		vmcs_write(VM_ENTRY_INTR_INFO_FIELD, 0);
		return;
	}
	if (info & INTR_INFO_DELIVER_CODE_MASK)
		vmcs_write(VM_ENTRY_EXCEPTION_ERROR_CODE,
			   vcpu->pending_error_code);
	vmcs_write(VM_ENTRY_INSTRUCTION_LEN, vcpu->pending_instr_len);
	/* Bit 12 of IDT-vectoring info (NMI unblocking) is reserved here. */
	vmcs_write(VM_ENTRY_INTR_INFO_FIELD, info & ~BIT(12));
	vcpu->pending_intr_info = 0;
}

void skip_emulated_instruction(struct vcpu *vcpu)
{
	u64 rip = vmcs_read(GUEST_RIP) + vmcs_read(VM_EXIT_INSTRUCTION_LEN);
	u64 intr = vmcs_read(GUEST_INTERRUPTIBILITY_INFO);

	(void)vcpu;
	vmcs_write(GUEST_RIP, rip);
	/* An STI or MOV SS shadow covers one instruction: this one. */
	if (intr & (GUEST_INTR_STATE_STI | GUEST_INTR_STATE_MOV_SS))
		vmcs_write(GUEST_INTERRUPTIBILITY_INFO,
			   intr & ~(GUEST_INTR_STATE_STI |
				    GUEST_INTR_STATE_MOV_SS));
}
