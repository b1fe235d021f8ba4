/* mm/gfn.c - per-GFN state transitions and pin counts, the one place that changes gfn_entry.state and .pins. No KVM twin (see gfn.h). */
#include "gfn.h"

/*
 * Every legal arrow, from the diagram in gfn.h. Anything else (including
 * staying in the same state) is a faultline bug: a caller that gets -1
 * from gfn_set_state() has lost track of a page.
 */
static const bool legal[NR_GFN_STATES][NR_GFN_STATES] = {
	[GFN_UNBACKED][GFN_RESIDENT]	= true,	/* zero fill or populate */
	[GFN_RESIDENT][GFN_WRITEBACK]	= true,	/* victim needs a write */
	[GFN_RESIDENT][GFN_SWAPPED]	= true,	/* clean victim, copy valid */
	[GFN_WRITEBACK][GFN_SWAPPED]	= true,	/* write done, frame freed */
	[GFN_WRITEBACK][GFN_RESIDENT]	= true,	/* touched during the write */
	[GFN_SWAPPED][GFN_IN_FLIGHT]	= true,	/* touched: read submitted */
	[GFN_IN_FLIGHT][GFN_RESIDENT]	= true,	/* read done, mapped */
};

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

bool gfn_transition_legal(enum gfn_state from, enum gfn_state to)
{
	if ((unsigned)from >= NR_GFN_STATES || (unsigned)to >= NR_GFN_STATES)
		return false;
	return legal[from][to];
}

int gfn_set_state(struct gfn_entry *e, enum gfn_state to)
{
	if (!gfn_transition_legal((enum gfn_state)e->state, to))
		return -1;
	/* A pinned page must stay mapped: faultline or the guest needs it now. */
	if (gfn_pinned(e) && to != GFN_RESIDENT)
		return -1;
	e->state = (u8)to;
	return 0;
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
