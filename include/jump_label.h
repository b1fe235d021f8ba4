/* include/jump_label.h - static keys: branches patched once at boot, a 5-byte NOP at each site while its key is off, a jmp to the site's block when it is on. Linux: arch/x86/include/asm/jump_label.h, include/linux/jump_label.h. */
#ifndef FAULTLINE_JUMP_LABEL_H
#define FAULTLINE_JUMP_LABEL_H

#include "types.h"

/*
 * A key is set before jump_label_apply() (boot/efi_main.c) patches its
 * sites, and never changed after: faultline has one CPU and flips nothing
 * while the guest runs, so it needs none of Linux's text_poke_bp()
 * (breakpoint, sync, rewrite) dance. Linux: struct static_key_false.
 */
struct static_key {
	bool enabled;
};

/*
 * A key is referred to PC-relatively from each site's entry: hidden, so
 * the -fpic build neither goes through the GOT nor leaves the linker a
 * relocation it cannot resolve in a shared object.
 */
#define DECLARE_STATIC_KEY_FALSE(name) \
	extern struct static_key name __attribute__((visibility("hidden")))
#define DEFINE_STATIC_KEY_FALSE(name) \
	struct static_key name = { .enabled = false }

/*
 * One site, in section .data.jump_table (linker.ld: __start___jump_table
 * to __stop___jump_table). Every field is the distance from the field's
 * own address to what it names, as in Linux: the table then needs no
 * relocation in the PE image, wherever the firmware loads it.
 *
 *   code    the site's 5 bytes: JUMP_LABEL_NOP, or JMP32_OPCODE rel32
 *   target  the block run when the key is on (the asm goto label)
 *   key     its struct static_key
 */
struct jump_entry {
	s32 code;
	s32 target;
	s64 key;
};

#define JUMP_LABEL_NOP_SIZE	5
/* nopl 0x0(%rax,%rax,1): Linux's x86_64 BYTES_NOP5, one instruction */
#define JUMP_LABEL_NOP		{ 0x0f, 0x1f, 0x44, 0x00, 0x00 }
#define JMP32_OPCODE		0xe9	/* jmp rel32, from the next byte */

#ifdef FL_JUMP_LABEL
/*
 * True when key is on, at the cost of one NOP when it is off: no load, no
 * test. The asm records the NOP's address, the "yes" label and the key in
 * an entry; the compiler lays the guarded code out of line behind the
 * label, where only the patched jmp leads. "i": key must be a link-time
 * address (a DEFINE_STATIC_KEY_FALSE), which always_inline keeps visible.
 * Unlike Linux's, not wrapped in unlikely(): with GCC 12 that cost
 * trace=off more cycles (tests/boot/trace_off_cost), not fewer.
 * Linux: arch_static_branch() in arch/x86/include/asm/jump_label.h.
 */
static inline __attribute__((always_inline)) bool
static_branch_unlikely(struct static_key *key)
{
	__asm__ goto("1: .byte 0x0f, 0x1f, 0x44, 0x00, 0x00\n\t"
		     ".pushsection .data.jump_table, \"aw\"\n\t"
		     ".balign 8\n\t"
		     ".long 1b - ., %l[l_yes] - .\n\t"
		     ".quad %c0 - .\n\t"
		     ".popsection"
		     : : "i" (key) : : l_yes);
	return false;
l_yes:
	return true;
}

extern struct jump_entry __start___jump_table[]
	__attribute__((visibility("hidden")));
extern struct jump_entry __stop___jump_table[]
	__attribute__((visibility("hidden")));
#else
/* Host unit tests (no patching there): a plain load and test of the key. */
static inline bool static_branch_unlikely(const struct static_key *key)
{
	return key->enabled;
}
#endif

static inline u8 *jump_entry_code(const struct jump_entry *e)
{
	return (u8 *)((uintptr_t)&e->code + (intptr_t)e->code);
}

static inline uintptr_t jump_entry_target(const struct jump_entry *e)
{
	return (uintptr_t)&e->target + (intptr_t)e->target;
}

static inline const struct static_key *jump_entry_key(const struct
						       jump_entry *e)
{
	return (const struct static_key *)((uintptr_t)&e->key +
					   (intptr_t)e->key);
}

/*
 * Make every site in [start, stop) say what its key says: the NOP, or
 * jmp to its target. NULL when done. Otherwise the first entry whose five
 * bytes are neither the NOP nor that jmp (the table and the text disagree:
 * patching would cut an instruction in two), and no site is touched.
 * The caller serializes before running patched code. Linux:
 * __jump_label_patch() in arch/x86/kernel/jump_label.c.
 */
const struct jump_entry *jump_label_apply(struct jump_entry *start,
					  struct jump_entry *stop);

#endif
