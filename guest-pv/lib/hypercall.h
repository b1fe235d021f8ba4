/* guest-pv/lib/hypercall.h - faultline's hypercalls from the guest: VMCALL, number in RAX, arguments in RBX, RCX, RDX, RSI. Linux: kvm_hypercall4() in arch/x86/include/asm/kvm_para.h. */
#ifndef GUEST_HYPERCALL_H
#define GUEST_HYPERCALL_H

#include "../../include/guest_abi.h"

/*
 * Returns RAX: 0 or a positive value on success, -FL_E* on failure.
 * "memory": faultline reads the buffers the arguments point at.
 */
static inline s64 fl_hypercall4(u64 nr, u64 p1, u64 p2, u64 p3, u64 p4)
{
	s64 ret;

	__asm__ volatile("vmcall"
		     : "=a"(ret)
		     : "a"(nr), "b"(p1), "c"(p2), "d"(p3), "S"(p4)
		     : "memory");
	return ret;
}

static inline s64 fl_hypercall2(u64 nr, u64 p1, u64 p2)
{
	return fl_hypercall4(nr, p1, p2, 0, 0);
}

static inline s64 fl_hypercall1(u64 nr, u64 p1)
{
	return fl_hypercall4(nr, p1, 0, 0, 0);
}

/*
 * The guest runs on an identity map of guest memory (include/guest_abi.h),
 * so a pointer into its image, bss or stacks is its guest-physical address.
 * Heap addresses are not (guest-pv/heap.c) and never go to a hypercall.
 */
static inline gpa_t __pa(const void *p)
{
	return (gpa_t)(uintptr_t)p;
}

static inline s64 hc_console_write(const char *s, u64 len)
{
	return fl_hypercall2(FL_HC_CONSOLE_WRITE, __pa(s), len);
}

static inline s64 hc_report(const char *s, u64 len)
{
	return fl_hypercall2(FL_HC_REPORT, __pa(s), len);
}

static inline s64 hc_set_tick(u8 vector)
{
	return fl_hypercall1(FL_HC_SET_TICK, vector);
}

static inline s64 hc_trace(u64 what, u64 task, u64 token)
{
	return fl_hypercall4(FL_HC_TRACE, what, task, token, 0);
}

/* The run ends here: faultline never resumes the guest after FL_HC_EXIT. */
_Noreturn void hc_exit(u64 result);

#endif
