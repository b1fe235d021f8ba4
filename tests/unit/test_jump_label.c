/* tests/unit/test_jump_label.c - host tests for lib/jump_label.c: the patcher run on a buffer standing in for .text. */
#include <criterion/criterion.h>
#include "../../include/jump_label.h"
#include "../../include/lib.h"

/*
 * Two sites and their blocks in one buffer, and a table describing them
 * with offsets relative to each field, as the asm in jump_label.h emits.
 */
#define SITE0		0
#define SITE1		16
#define BLOCK0		40
#define BLOCK1		60

static const u8 nop[JUMP_LABEL_NOP_SIZE] = JUMP_LABEL_NOP;

struct fake_text {
	u8 text[64];
	struct jump_entry table[2];
	struct static_key on, off;
};

static struct fake_text f;

static void set_entry(struct jump_entry *e, size_t site, size_t block,
		      struct static_key *key)
{
	e->code = (s32)((intptr_t)&f.text[site] - (intptr_t)&e->code);
	e->target = (s32)((intptr_t)&f.text[block] - (intptr_t)&e->target);
	e->key = (s64)((intptr_t)key - (intptr_t)&e->key);
}

static void setup(void)
{
	memset(&f, 0xcc, sizeof(f));	/* int3 everywhere else */
	memcpy(&f.text[SITE0], nop, sizeof(nop));
	memcpy(&f.text[SITE1], nop, sizeof(nop));
	f.on.enabled = true;
	f.off.enabled = false;
	set_entry(&f.table[0], SITE0, BLOCK0, &f.on);
	set_entry(&f.table[1], SITE1, BLOCK1, &f.off);
}

static s32 rel32_at(size_t site)
{
	s32 rel;

	memcpy(&rel, &f.text[site + 1], sizeof(rel));
	return rel;
}

/* Does a site whose key is on jump to its block, and one whose key is off stay a NOP? */
Test(jump_label_apply, key_on_jumps_key_off_stays_nop, .init = setup)
{
	cr_assert_null(jump_label_apply(f.table, f.table + 2));
	cr_assert_eq(f.text[SITE0], JMP32_OPCODE);
	cr_assert_eq(SITE0 + JUMP_LABEL_NOP_SIZE + rel32_at(SITE0), BLOCK0);
	cr_assert_arr_eq(&f.text[SITE1], nop, sizeof(nop));
	cr_assert_eq(f.text[SITE0 + JUMP_LABEL_NOP_SIZE], 0xcc);
}

/* Does applying twice, or after a key went off, give what the keys say? */
Test(jump_label_apply, reapply_follows_keys, .init = setup)
{
	cr_assert_null(jump_label_apply(f.table, f.table + 2));
	cr_assert_null(jump_label_apply(f.table, f.table + 2));
	cr_assert_eq(f.text[SITE0], JMP32_OPCODE);
	f.on.enabled = false;
	cr_assert_null(jump_label_apply(f.table, f.table + 2));
	cr_assert_arr_eq(&f.text[SITE0], nop, sizeof(nop));
}

/* Is a site holding anything else refused, with no site written at all? */
Test(jump_label_apply, unexpected_bytes_refused_nothing_patched,
     .init = setup)
{
	f.text[SITE1 + 2] = 0x45;	/* not the NOP, not its jmp */
	cr_assert_eq(jump_label_apply(f.table, f.table + 2), &f.table[1]);
	cr_assert_arr_eq(&f.text[SITE0], nop, sizeof(nop));
}

/* Is a jmp to some other target refused too? */
Test(jump_label_apply, jmp_elsewhere_refused, .init = setup)
{
	s32 wrong = BLOCK1 - (SITE0 + JUMP_LABEL_NOP_SIZE);

	f.text[SITE0] = JMP32_OPCODE;
	memcpy(&f.text[SITE0 + 1], &wrong, sizeof(wrong));
	cr_assert_eq(jump_label_apply(f.table, f.table + 2), &f.table[0]);
}
