/* guest-pv/lib/compiler.h - one access the compiler may not merge, drop or repeat, for memory someone else (the host, an interrupt) also writes. Linux: include/asm-generic/rwonce.h, include/linux/compiler.h. */
#ifndef GUEST_COMPILER_H
#define GUEST_COMPILER_H

#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)	(*(volatile __typeof__(x) *)&(x) = (val))
#define barrier()		__asm__ volatile("" : : : "memory")

#endif
