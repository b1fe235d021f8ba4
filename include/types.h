/* include/types.h - fixed-width types and helpers shared by faultline, the guest and host tests. */
#ifndef FAULTLINE_TYPES_H
#define FAULTLINE_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

/* The four address kinds, as KVM names them (include/linux/kvm_types.h). */
typedef u64 gpa_t;	/* guest-physical address */
typedef u64 gfn_t;	/* guest frame number: gpa >> PAGE_SHIFT */
typedef u64 hpa_t;	/* host-physical address */
typedef u64 gva_t;	/* guest-virtual address */

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1ull << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

#define KiB(x)		((u64)(x) << 10)
#define MiB(x)		((u64)(x) << 20)
#define GiB(x)		((u64)(x) << 30)

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define BIT(n)		(1ull << (n))
#define ALIGN_UP(x, a)	(((x) + (a) - 1) & ~((u64)(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((u64)(a) - 1)) == 0)
/*
 * Each argument evaluated once, as Linux's min()/max(): a MAX over a
 * random draw once drew twice and kept the draw it had not compared.
 */
#define MIN(a, b)	({ __auto_type _min_a = (a); __auto_type _min_b = (b); \
			   _min_a < _min_b ? _min_a : _min_b; })
#define MAX(a, b)	({ __auto_type _max_a = (a); __auto_type _max_b = (b); \
			   _max_a > _max_b ? _max_a : _max_b; })

static inline gfn_t gpa_to_gfn(gpa_t gpa) { return gpa >> PAGE_SHIFT; }
static inline gpa_t gfn_to_gpa(gfn_t gfn) { return gfn << PAGE_SHIFT; }

#endif
