; vmm/vmenter.asm - enter the guest, and come back here on VM exit. KVM: arch/x86/kvm/vmx/vmenter.S (__vmx_vcpu_run).
;
; int vmx_vcpu_run(struct vcpu *vcpu, u64 launched)
;   Writes HOST_RSP if vcpu->host_rsp says it changed, loads the guest's
;   GPRs and CR2 from vcpu->regs (offset 0, order as in struct
;   guest_regs), then VMLAUNCH (launched == 0) or VMRESUME. On VM
;   exit the CPU jumps to vmx_vmexit with RSP = HOST_RSP, which is this
;   function's own stack frame: the guest's registers are stored back and
;   the call returns 0. If the instruction itself fails (VMfailInvalid or
;   VMfailValid) it returns 1 and the caller reads VM_INSTRUCTION_ERROR.
;   Host callee-saved registers survive; nothing else is promised.

bits 64
default rel

%define VMCS_HOST_RSP	0x6c14

%define REGS_RAX	0*8
%define REGS_RBX	1*8
%define REGS_RCX	2*8
%define REGS_RDX	3*8
%define REGS_RSI	4*8
%define REGS_RDI	5*8
%define REGS_RBP	6*8
%define REGS_R8		7*8
%define REGS_R9		8*8
%define REGS_R10	9*8
%define REGS_R11	10*8
%define REGS_R12	11*8
%define REGS_R13	12*8
%define REGS_R14	13*8
%define REGS_R15	14*8
%define REGS_CR2	15*8
%define VCPU_HOST_RSP	16*8		; struct vcpu: host_rsp, right after regs

section .text

global vmx_vcpu_run
global vmx_vmexit

vmx_vcpu_run:
	push	rbp
	push	rbx
	push	r12
	push	r13
	push	r14
	push	r15
	push	rdi			; the vcpu, for the exit path: [rsp] at exit

	; HOST_RSP only when this frame's RSP is not the one already in the
	; VMCS: the loop calls from the same depth every time, so after the
	; first entry this saves a VMWRITE per entry (an exit of its own
	; under nested KVM without VMCS shadowing). KVM: vmx_update_host_rsp().
	cmp	rsp, [rdi + VCPU_HOST_RSP]
	je	.host_rsp_ok
	mov	rax, VMCS_HOST_RSP
	vmwrite	rax, rsp
	jbe	vmx_fail			; CF or ZF: VMfailInvalid / VMfailValid
	mov	[rdi + VCPU_HOST_RSP], rsp
.host_rsp_ok:

	; VM entry does not load CR2: the guest's must be in place now
	; (an injected #PF's address, or the value it had at its last exit).
	mov	rax, [rdi + REGS_CR2]
	mov	cr2, rax

	; MOVs leave flags alone, so this test decides LAUNCH vs RESUME below.
	test	rsi, rsi

	mov	rax, [rdi + REGS_RAX]
	mov	rbx, [rdi + REGS_RBX]
	mov	rcx, [rdi + REGS_RCX]
	mov	rdx, [rdi + REGS_RDX]
	mov	rsi, [rdi + REGS_RSI]
	mov	rbp, [rdi + REGS_RBP]
	mov	r8,  [rdi + REGS_R8]
	mov	r9,  [rdi + REGS_R9]
	mov	r10, [rdi + REGS_R10]
	mov	r11, [rdi + REGS_R11]
	mov	r12, [rdi + REGS_R12]
	mov	r13, [rdi + REGS_R13]
	mov	r14, [rdi + REGS_R14]
	mov	r15, [rdi + REGS_R15]
	mov	rdi, [rdi + REGS_RDI]	; last: it was the base

	jnz	.resume
	vmlaunch
	jmp	vmx_fail			; only reached if VMLAUNCH failed
.resume:
	vmresume
	; fall through: VMRESUME failed

vmx_fail:
	add	rsp, 8			; drop the saved vcpu pointer
	mov	eax, 1
	jmp	vmx_return

vmx_vmexit:
	; RSP = HOST_RSP: [rsp] is the vcpu. Borrow RAX to address it.
	push	rax
	mov	rax, [rsp + 8]
	mov	[rax + REGS_RBX], rbx
	mov	[rax + REGS_RCX], rcx
	mov	[rax + REGS_RDX], rdx
	mov	[rax + REGS_RSI], rsi
	mov	[rax + REGS_RDI], rdi
	mov	[rax + REGS_RBP], rbp
	mov	[rax + REGS_R8],  r8
	mov	[rax + REGS_R9],  r9
	mov	[rax + REGS_R10], r10
	mov	[rax + REGS_R11], r11
	mov	[rax + REGS_R12], r12
	mov	[rax + REGS_R13], r13
	mov	[rax + REGS_R14], r14
	mov	[rax + REGS_R15], r15
	pop	rbx			; the guest's RAX
	mov	[rax + REGS_RAX], rbx
	mov	rbx, cr2
	mov	[rax + REGS_CR2], rbx
	add	rsp, 8			; drop the saved vcpu pointer
	xor	eax, eax

vmx_return:
	pop	r15
	pop	r14
	pop	r13
	pop	r12
	pop	rbx
	pop	rbp
	ret

section .note.GNU-stack noalloc noexec nowrite progbits
