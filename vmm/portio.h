/* vmm/portio.h - port I/O and other one-instruction helpers for VMX root. Linux: arch/x86/include/asm/io.h, asm/msr.h. */
#ifndef FAULTLINE_PORTIO_H
#define FAULTLINE_PORTIO_H

#include "../include/types.h"

/* Value first, then port: Linux's order (asm/io.h), and the guest's. */
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

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((u32)v), "d"((u32)(v >> 32)));
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

static inline void cpuid_count(u32 leaf, u32 subleaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ volatile("cpuid"
			 : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			 : "a"(leaf), "c"(subleaf));
}

#define DEFINE_READ_CR(n)						\
static inline u64 read_cr##n(void)					\
{									\
	u64 v;								\
	__asm__ volatile("mov %%cr" #n ", %0" : "=r"(v));		\
	return v;							\
}
#define DEFINE_WRITE_CR(n)						\
static inline void write_cr##n(u64 v)					\
{									\
	__asm__ volatile("mov %0, %%cr" #n : : "r"(v) : "memory");	\
}
DEFINE_READ_CR(0)
DEFINE_READ_CR(2)
DEFINE_READ_CR(3)
DEFINE_READ_CR(4)
DEFINE_WRITE_CR(0)
DEFINE_WRITE_CR(2)
DEFINE_WRITE_CR(3)
DEFINE_WRITE_CR(4)

static inline void cpu_relax(void)
{
	__asm__ volatile("pause");
}

static inline void cli(void)
{
	__asm__ volatile("cli" : : : "memory");
}

#endif
