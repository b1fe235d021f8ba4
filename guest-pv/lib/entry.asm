; guest-pv/lib/entry.asm - the guest's first instructions: zero the bss, move to the bss stack, call guest_start. Linux: arch/x86/kernel/head_64.S (startup_64), much reduced.
;
; Every page this code touches is counted by the guest (own_pages): it
; zeroes all of the bss, and it never touches the boot stack faultline left
; in RSP (no push, no call before RSP moves), so the pages the guest itself
; takes at start are exactly the bss pages.
bits 64
default rel

%define BOOT_STACK_SIZE	16384		; the boot task's stack, in the bss

extern guest_start
extern __bss_start
extern __bss_end
global _start
global boot_stack
global boot_stack_top

section .text.entry exec

_start:
	mov rbx, rdi			; struct fl_boot_info *: rep stosq takes rdi
	cld
	lea rdi, [__bss_start]
	lea rcx, [__bss_end]
	sub rcx, rdi
	shr rcx, 3			; linker.ld page-aligns both ends
	xor eax, eax
	rep stosq
	lea rsp, [boot_stack_top]
	xor ebp, ebp			; the end of every backtrace
	mov rdi, rbx
	call guest_start		; does not return
.halt:					; if it ever did: faultline stops a
	cli				; guest halted with interrupts off
	hlt
	jmp .halt

section .bss nobits alloc noexec write align=16
boot_stack:
	resb BOOT_STACK_SIZE
boot_stack_top:
