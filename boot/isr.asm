; boot/isr.asm - exception entry stubs for faultline's IDT, segment reload, stack switch. Linux: arch/x86/entry/entry_64.S (idtentry), much reduced.
bits 64
default rel

section .text

extern exception_handler
global exception_stubs
global nmi_entry
global host_nmis
global load_segments
global call_on_stack

; Vectors that push an error code (SDM Vol. 3A Table 6-1).
%define HAS_ERROR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

%macro STUB 1
stub_%1:
%if HAS_ERROR(%1) == 0
	push	0			; uniform frame: a zero error code
%endif
	push	%1
	jmp	exception_common
%endmacro

%assign v 0
%rep 32
	STUB v
%assign v v + 1
%endrep

; Save GPRs in struct exception_frame order (rax first, at the lowest address).
exception_common:
	push	r15
	push	r14
	push	r13
	push	r12
	push	r11
	push	r10
	push	r9
	push	r8
	push	rbp
	push	rdi
	push	rsi
	push	rdx
	push	rcx
	push	rbx
	push	rax
	mov	rdi, rsp
	and	rsp, -16
	call	exception_handler	; never returns
.hang:
	cli
	hlt
	jmp	.hang

; An NMI while faultline itself runs in VMX root (one that arrives while
; the guest runs is a VM exit instead: "NMI exiting"). Nothing in
; faultline needs it; a watchdog or a perf counter may send one. Count it
; and return: IRET also ends the CPU's NMI blocking. It runs on its own
; IST stack and touches no register, so whatever it interrupted resumes
; unchanged. Linux: exc_nmi() with nothing registered (unknown_nmi_error
; without panic_on_unrecovered_nmi).
nmi_entry:
	lock inc qword [host_nmis]
	iretq

; void load_segments(u16 cs, u16 ds): reload CS with a far return, then the data segments.
load_segments:
	mov	ds, si
	mov	es, si
	mov	ss, si
	mov	fs, si
	mov	gs, si
	pop	rax			; return address
	push	rdi
	push	rax
	retfq

; void call_on_stack(void *stack_top, void (*fn)(void *), void *arg): never returns.
call_on_stack:
	mov	rsp, rdi
	mov	rdi, rdx
	xor	ebp, ebp
	call	rsi
.hang:
	cli
	hlt
	jmp	.hang

section .data
align 8
host_nmis:
	dq	0
exception_stubs:
%assign v 0
%rep 32
	dq	stub_ %+ v
%assign v v + 1
%endrep

section .note.GNU-stack noalloc noexec nowrite progbits
