/* mm/gfn.c - the GFN table's set-up, state names and pin counts; the state arrows themselves are inline in gfn.h, taken on every fault. No KVM twin (see gfn.h). */
#include "gfn.h"

static const char *const names[NR_GFN_STATES] = {
	[GFN_UNBACKED] = "unbacked", [GFN_RESIDENT] = "resident",
	[GFN_WRITEBACK] = "writeback", [GFN_SWAPPED] = "swapped",
	[GFN_IN_FLIGHT] = "in_flight",
};

void gfn_table_init(struct gfn_entry *table, u64 nr)
{
	for (u64 i = 0; i < nr; i++)
		table[i] = (struct gfn_entry){ .state = GFN_UNBACKED,
					       .frame = GFN_FRAME_NONE,
					       .slot = SWAP_SLOT_NONE };
}

int gfn_pin(struct gfn_entry *e)
{
	if (e->state != GFN_RESIDENT || e->pins == GFN_PINS_MAX)
		return -1;
	e->pins++;
	return 0;
}

int gfn_unpin(struct gfn_entry *e)
{
	if (!e->pins)
		return -1;
	e->pins--;
	return 0;
}

const char *gfn_state_name(enum gfn_state s)
{
	return (unsigned)s < NR_GFN_STATES ? names[s] : "invalid";
}
