; guest-pv/lib/idt_entry.asm - one entry stub per vector, and the common path that saves struct pt_regs and calls do_idt. Linux: arch/x86/entry/entry_64.S (idtentry), much reduced.
bits 64
default rel

extern do_idt
global idt_stubs

; Vectors for which the CPU pushes an error code: #DF #TS #NP #SS #GP #PF #AC
; #CP (include/x86.h, X86_TRAPS_WITH_ERROR_CODE). The others get a 0, so
; every frame has the same shape.
%define ERROR_CODE_VECTORS ((1 << 8) | (1 << 10) | (1 << 11) | (1 << 12) | \
			    (1 << 13) | (1 << 14) | (1 << 17) | (1 << 21))
%define IDT_ENTRIES 256

section .text

%assign vec 0
%rep IDT_ENTRIES
idt_stub_ %+ vec:
%if vec < 32 && (ERROR_CODE_VECTORS & (1 << vec))
	push qword vec			; the CPU pushed the error code
%else
	push qword 0			; no error code: keep the frame's shape
	push qword vec
%endif
	jmp idt_common
%assign vec vec + 1
%endrep

; The CPU aligned RSP to 16 before its frame; frame + error + vector + 15
; registers = 22 qwords, so RSP is 16-aligned again at the call.
idt_common:
	cld
	push rdi
	push rsi
	push rdx
	push rcx
	push rax
	push r8
	push r9
	push r10
	push r11
	push rbx
	push rbp
	push r12
	push r13
	push r14
	push r15
	mov rdi, rsp			; struct pt_regs *
	call do_idt
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbp
	pop rbx
	pop r11
	pop r10
	pop r9
	pop r8
	pop rax
	pop rcx
	pop rdx
	pop rsi
	pop rdi
	add rsp, 16			; vector and error code
	iretq

section .rodata
align 8
idt_stubs:				; const u64 idt_stubs[IDT_ENTRIES]
%assign vec 0
%rep IDT_ENTRIES
	dq idt_stub_ %+ vec
%assign vec vec + 1
%endrep
