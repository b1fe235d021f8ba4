/* tests/unit/test_gfn.c - host tests for mm/gfn.c: every legal and illegal GFN transition. */
#include <criterion/criterion.h>
#include <string.h>
#include "../../mm/gfn.h"

/* The diagram in gfn.h, written out again independently of gfn.c. */
static const struct { enum gfn_state from, to; } arrows[] = {
	{ GFN_UNBACKED, GFN_RESIDENT },
	{ GFN_RESIDENT, GFN_WRITEBACK },
	{ GFN_RESIDENT, GFN_SWAPPED },
	{ GFN_WRITEBACK, GFN_SWAPPED },
	{ GFN_WRITEBACK, GFN_RESIDENT },
	{ GFN_SWAPPED, GFN_IN_FLIGHT },
	{ GFN_IN_FLIGHT, GFN_RESIDENT },
};

static bool is_arrow(enum gfn_state from, enum gfn_state to)
{
	for (size_t i = 0; i < ARRAY_SIZE(arrows); i++)
		if (arrows[i].from == from && arrows[i].to == to)
			return true;
	return false;
}

/* Is every one of the 25 (from, to) pairs legal exactly when the diagram has the arrow? */
Test(gfn_transition_legal, all_pairs)
{
	unsigned legal = 0;

	for (int from = 0; from < NR_GFN_STATES; from++)
		for (int to = 0; to < NR_GFN_STATES; to++) {
			bool want = is_arrow(from, to);

			cr_assert_eq(gfn_transition_legal(from, to), want,
				     "%s -> %s", gfn_state_name(from),
				     gfn_state_name(to));
			legal += want;
		}
	cr_assert_eq(legal, ARRAY_SIZE(arrows));
}

/* Are states outside the enum refused both ways? */
Test(gfn_transition_legal, out_of_range_refused)
{
	cr_assert_not(gfn_transition_legal(NR_GFN_STATES, GFN_RESIDENT));
	cr_assert_not(gfn_transition_legal(GFN_UNBACKED, NR_GFN_STATES));
	cr_assert_not(gfn_transition_legal((enum gfn_state)-1, GFN_RESIDENT));
}

/* Does gfn_set_state move on every arrow and leave the entry alone on every other pair? */
Test(gfn_set_state, all_pairs)
{
	for (int from = 0; from < NR_GFN_STATES; from++)
		for (int to = 0; to < NR_GFN_STATES; to++) {
			struct gfn_entry e = { .state = (u8)from, .frame = 7,
					       .slot = 9 };
			int r = gfn_set_state(&e, to);

			if (is_arrow(from, to)) {
				cr_assert_eq(r, 0);
				cr_assert_eq(e.state, to);
			} else {
				cr_assert_eq(r, -1, "%s -> %s accepted",
					     gfn_state_name(from),
					     gfn_state_name(to));
				cr_assert_eq(e.state, from);
			}
			cr_assert_eq(e.frame, 7, "only the state changes");
			cr_assert_eq(e.slot, 9);
		}
}

/* Does a pinned page refuse to leave RESIDENT, on every arrow out of it? */
Test(gfn_set_state, pinned_stays_resident)
{
	struct gfn_entry e = { .state = GFN_RESIDENT, .pins = 1 };

	cr_assert_eq(gfn_set_state(&e, GFN_WRITEBACK), -1);
	cr_assert_eq(gfn_set_state(&e, GFN_SWAPPED), -1);
	cr_assert_eq(e.state, GFN_RESIDENT);
	e.state = GFN_UNBACKED;
	cr_assert_eq(gfn_set_state(&e, GFN_RESIDENT), 0, "pinned may arrive");
}

/* Does gfn_pin take a pin only on a resident page, up to GFN_PINS_MAX, and gfn_unpin refuse at zero, each refusal leaving the entry as it was? */
Test(gfn_pin, counted_and_bounded)
{
	struct gfn_entry e = { .state = GFN_SWAPPED };

	cr_assert_eq(gfn_pin(&e), -1, "only a resident page");
	cr_assert_eq(gfn_unpin(&e), -1);
	cr_assert_eq(e.pins, 0);
	e.state = GFN_RESIDENT;
	cr_assert_eq(gfn_pin(&e), 0);
	cr_assert_eq(gfn_pin(&e), 0);
	cr_assert_eq(gfn_unpin(&e), 0);
	cr_assert(gfn_pinned(&e), "one holder left");
	cr_assert_eq(gfn_set_state(&e, GFN_SWAPPED), -1);
	cr_assert_eq(gfn_unpin(&e), 0);
	cr_assert_not(gfn_pinned(&e));
	e.pins = GFN_PINS_MAX;
	cr_assert_eq(gfn_pin(&e), -1);
	cr_assert_eq(e.pins, GFN_PINS_MAX);
}

/* Does a fresh table hold untouched pages with no frame and no slot? */
Test(gfn_table_init, all_unbacked)
{
	struct gfn_entry t[5];

	memset(t, 0x5a, sizeof(t));
	gfn_table_init(t, ARRAY_SIZE(t));
	for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
		cr_assert_eq(t[i].state, GFN_UNBACKED);
		cr_assert_eq(t[i].flags, 0);
		cr_assert_eq(t[i].frame, GFN_FRAME_NONE);
		cr_assert_eq(t[i].slot, SWAP_SLOT_NONE);
	}
}

/* Has every state a name, and an impossible one "invalid"? */
Test(gfn_state_name, table)
{
	static const char *const want[] = { "unbacked", "resident",
					    "writeback", "swapped",
					    "in_flight" };

	for (int s = 0; s < NR_GFN_STATES; s++)
		cr_assert_str_eq(gfn_state_name(s), want[s]);
	cr_assert_str_eq(gfn_state_name(NR_GFN_STATES), "invalid");
}
