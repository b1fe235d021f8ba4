/* include/desc.h - building GDT descriptors, for faultline's GDT and the one it gives the guest. Linux: arch/x86/include/asm/desc.h. */
#ifndef FAULTLINE_DESC_H
#define FAULTLINE_DESC_H

#include "types.h"
#include "x86.h"

/*
 * A flat (base 0, limit 4 GiB) code or data descriptor. ar uses the same
 * layout as VMX access-rights fields: type/S/DPL/P in bits 7:0, AVL/L/DB/G
 * in bits 15:12; the descriptor keeps them in bits 47:40 and 55:52.
 */
static inline u64 flat_descriptor(u64 ar)
{
	u64 limit = 0xfffff;	/* 20 bits, in 4 KiB units with G */

	return (limit & 0xffff) | ((ar & 0xff) << 40) |
	       (((limit >> 16) & 0xf) << 48) | (((ar >> 12) & 0xf) << 52);
}

/* A 64-bit TSS descriptor takes two GDT slots (SDM Vol. 3A 8.2.3). */
static inline void set_tss_descriptor(u64 *slot, u64 base, u32 limit,
				      unsigned type)
{
	slot[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		  ((u64)(type | DESC_P) << 40) |
		  ((u64)((limit >> 16) & 0xf) << 48) |
		  (((base >> 24) & 0xff) << 56);
	slot[1] = base >> 32;
}

#endif
