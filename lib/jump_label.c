/* lib/jump_label.c - patch each static-key site to a NOP or a jmp, after checking it holds one of the two. Linux: arch/x86/kernel/jump_label.c. Pure C: host tests run it on a buffer. */
#include "../include/jump_label.h"
#include "../include/lib.h"

static const u8 jump_label_nop[JUMP_LABEL_NOP_SIZE] = JUMP_LABEL_NOP;

/* jmp rel32 from the site to its target: rel32 counts from the next byte */
static void jump_label_jmp(const struct jump_entry *e,
			   u8 insn[JUMP_LABEL_NOP_SIZE])
{
	s32 rel = (s32)(jump_entry_target(e) -
			((uintptr_t)jump_entry_code(e) + JUMP_LABEL_NOP_SIZE));

	insn[0] = JMP32_OPCODE;
	memcpy(&insn[1], &rel, sizeof(rel));
}

/*
 * Linux BUG()s on "unexpected op": a site that holds anything but the NOP
 * or its own jmp is not a site the table describes.
 */
static bool jump_label_site_ok(const struct jump_entry *e)
{
	u8 jmp[JUMP_LABEL_NOP_SIZE];
	const u8 *code = jump_entry_code(e);

	jump_label_jmp(e, jmp);
	return !memcmp(code, jump_label_nop, JUMP_LABEL_NOP_SIZE) ||
	       !memcmp(code, jmp, JUMP_LABEL_NOP_SIZE);
}

const struct jump_entry *jump_label_apply(struct jump_entry *start,
					  struct jump_entry *stop)
{
	struct jump_entry *e;

	/* All checked before any is written: a bad table changes nothing. */
	for (e = start; e < stop; e++)
		if (!jump_label_site_ok(e))
			return e;
	for (e = start; e < stop; e++) {
		u8 insn[JUMP_LABEL_NOP_SIZE];

		if (jump_entry_key(e)->enabled)
			jump_label_jmp(e, insn);
		else
			memcpy(insn, jump_label_nop, sizeof(insn));
		memcpy(jump_entry_code(e), insn, sizeof(insn));
	}
	return NULL;
}
