; guest-pv/switch_to.asm - the context switch between two tasks, and where a new task starts. Linux: arch/x86/entry/entry_64.S (__switch_to_asm, ret_from_fork).
bits 64
default rel

%define TASK_SP	0		; offsetof(struct task, sp): task.h keeps it first

extern task_start
global __switch_to_asm
global ret_from_fork

section .text

; void __switch_to_asm(struct task *prev, struct task *next)
; Saves prev's callee-saved registers on its stack (struct
; inactive_task_frame in sched.c), switches stacks, restores next's.
; Called with interrupts off; the rest of the state is the C caller's.
__switch_to_asm:
	push rbp
	push rbx
	push r12
	push r13
	push r14
	push r15
	mov [rdi + TASK_SP], rsp
	mov rsp, [rsi + TASK_SP]
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbx
	pop rbp
	ret

; A new task's first switch "returns" here with r12 = its struct task.
ret_from_fork:
	mov rdi, r12
	call task_start		; does not return
	ud2
