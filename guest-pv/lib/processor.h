/* guest-pv/lib/processor.h - the privileged x86 instructions the guest uses, as inline C. Linux: asm/special_insns.h, asm/msr.h, asm/io.h, asm/irqflags.h. */
#ifndef GUEST_PROCESSOR_H
#define GUEST_PROCESSOR_H

#include "../../include/types.h"
#include "../../include/x86.h"

static inline u64 read_cr2(void)
{
	u64 v;

	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline u64 read_cr3(void)
{
	u64 v;

	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

/* Drop one translation from the TLB. Linux: __flush_tlb_one_kernel(). */
static inline void invlpg(u64 addr)
{
	__asm__ volatile("invlpg (%0)" : : "r"(addr) : "memory");
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

static inline u64 rdmsrl(u32 msr)
{
	u32 lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsrl(u32 msr, u64 val)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((u32)val), "d"((u32)(val >> 32))
		     : "memory");
}

static inline void cpuid(u32 leaf, u32 *eax, u32 *ebx, u32 *ecx, u32 *edx)
{
	__asm__ volatile("cpuid"
		     : "=a"(*eax), "=b"(*ebx), "=c"(*ecx), "=d"(*edx)
		     : "a"(leaf), "c"(0));
}

static inline void outb(u8 value, u16 port)
{
	__asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline u8 inb(u16 port)
{
	u8 v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void local_irq_disable(void)
{
	__asm__ volatile("cli" : : : "memory");
}

static inline void local_irq_enable(void)
{
	__asm__ volatile("sti" : : : "memory");
}

static inline u64 native_save_fl(void)
{
	u64 flags;

	__asm__ volatile("pushf; pop %0" : "=r"(flags) : : "memory");
	return flags;
}

/*
 * Disable interrupts, returning whether they were on. Linux: local_irq_save().
 */
static inline u64 local_irq_save(void)
{
	u64 flags = native_save_fl();

	local_irq_disable();
	return flags;
}

static inline void local_irq_restore(u64 flags)
{
	if (flags & X86_EFLAGS_IF)
		local_irq_enable();
}

/*
 * STI takes effect after the next instruction, so no interrupt can slip in
 * between the two and be missed before HLT. Linux: native_safe_halt().
 */
static inline void native_safe_halt(void)
{
	__asm__ volatile("sti; hlt" : : : "memory");
}

static inline void cpu_relax(void)
{
	__asm__ volatile("pause" : : : "memory");
}

#endif
