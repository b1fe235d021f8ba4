; vmm/vmenter.asm - enter the guest, and come back here on VM exit. KVM: arch/x86/kvm/vmx/vmenter.S (__vmx_vcpu_run).
;
; int vmx_vcpu_run(struct vcpu *vcpu, u64 launched)
;   Writes HOST_RSP if vcpu->host_rsp says it changed, loads the guest's
;   GPRs and CR2 from vcpu->regs, then VMLAUNCH (launched == 0) or
;   VMRESUME. It stamps vcpu->entry_tsc just before the guest's registers
;   go in and vcpu->exit_tsc as soon as they are out, so faultline's
;   cycles per exit miss only those moves and the two VMX transitions. On VM
;   exit the CPU jumps to vmx_vmexit with RSP = HOST_RSP, which is this
;   function's own stack frame: the guest's registers are stored back and
;   the call returns 0. If the instruction itself fails (VMfailInvalid or
;   VMfailValid) it returns 1 and the caller reads VM_INSTRUCTION_ERROR.
;   Host callee-saved registers survive; nothing else is promised.

bits 64
default rel

; VCPU_<reg>: offsetof(struct vcpu, regs.<reg>); VCPU_HOST_RSP:
; offsetof(struct vcpu, host_rsp); VMCS_HOST_RSP: the field's encoding.
; Generated from the C side by vmm/asm-offsets.c at build time.
%include "asm-offsets.inc"

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
	mov	rax, [rdi + VCPU_CR2]
	mov	cr2, rax

	; The entry's TSC: from here on only the guest's registers go in.
	rdtsc
	shl	rdx, 32
	or	rax, rdx
	mov	[rdi + VCPU_ENTRY_TSC], rax

	; MOVs leave flags alone, so this test decides LAUNCH vs RESUME below.
	test	rsi, rsi

	mov	rax, [rdi + VCPU_RAX]
	mov	rbx, [rdi + VCPU_RBX]
	mov	rcx, [rdi + VCPU_RCX]
	mov	rdx, [rdi + VCPU_RDX]
	mov	rsi, [rdi + VCPU_RSI]
	mov	rbp, [rdi + VCPU_RBP]
	mov	r8,  [rdi + VCPU_R8]
	mov	r9,  [rdi + VCPU_R9]
	mov	r10, [rdi + VCPU_R10]
	mov	r11, [rdi + VCPU_R11]
	mov	r12, [rdi + VCPU_R12]
	mov	r13, [rdi + VCPU_R13]
	mov	r14, [rdi + VCPU_R14]
	mov	r15, [rdi + VCPU_R15]
	mov	rdi, [rdi + VCPU_RDI]	; last: it was the base

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
	mov	[rax + VCPU_RBX], rbx
	mov	[rax + VCPU_RCX], rcx
	mov	[rax + VCPU_RDX], rdx
	mov	[rax + VCPU_RSI], rsi
	mov	[rax + VCPU_RDI], rdi
	mov	[rax + VCPU_RBP], rbp
	mov	[rax + VCPU_R8],  r8
	mov	[rax + VCPU_R9],  r9
	mov	[rax + VCPU_R10], r10
	mov	[rax + VCPU_R11], r11
	mov	[rax + VCPU_R12], r12
	mov	[rax + VCPU_R13], r13
	mov	[rax + VCPU_R14], r14
	mov	[rax + VCPU_R15], r15
	pop	rbx			; the guest's RAX
	mov	[rax + VCPU_RAX], rbx
	mov	rbx, cr2
	mov	[rax + VCPU_CR2], rbx
	; The exit's TSC, as soon as the guest's registers are safe.
	mov	rbx, rax
	rdtsc
	shl	rdx, 32
	or	rax, rdx
	mov	[rbx + VCPU_EXIT_TSC], rax
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
