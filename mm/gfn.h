/* mm/gfn.h - per-GFN state: where each guest page's data is. No KVM twin: KVM asks the host's page tables (and swap) through get_user_pages. */
#ifndef FAULTLINE_MM_GFN_H
#define FAULTLINE_MM_GFN_H

#include "../include/types.h"

/*
 * A guest page's life (mm/gfn.c owns every transition):
 *
 *   UNBACKED --zero fill--> RESIDENT --clean drop--------------> SWAPPED
 *                            |    ^                                 |
 *                 write-back |    | touched while the write          | touched:
 *                   started  v    | is in flight (rescue)            | read
 *                           WRITEBACK --write done--> SWAPPED        | submitted
 *                                                                    v
 *                            RESIDENT <-----------read done----- IN_FLIGHT
 *
 * WRITEBACK is faultline's fifth state (Linux: PG_writeback): the frame
 * still holds the data but EPT no longer maps it, so the copy being
 * written cannot change under the device.
 */
enum gfn_state {
	GFN_UNBACKED,	/* never touched: the first touch gets a zeroed frame */
	GFN_RESIDENT,	/* .frame holds the data and EPT maps it */
	GFN_WRITEBACK,	/* .frame holds it, unmapped, being written to .slot */
	GFN_SWAPPED,	/* only swap slot .slot holds the data */
	GFN_IN_FLIGHT,	/* swap-in from .slot into .frame submitted */
	NR_GFN_STATES,
};

/* RESIDENT again while its write-back still runs. */
#define GFN_F_WB_PENDING	BIT(1)

/*
 * Pins are counted, as Linux counts page references (get_page/put_page):
 * mm_populate() and mm_pin_page() each take one, mm_unpin_page() drops
 * one, and the page can be a victim only at zero. One bit would let any
 * unpin (the async-PF area moving) free a page another holder (the boot
 * info faultline populated) still relies on. The count stops at
 * GFN_PINS_MAX: one more pin is refused, as Linux's try_get_page()
 * refuses a reference count near overflow, and an unpin at zero is
 * refused too (Linux: VM_BUG_ON_PAGE in put_page); both are faultline
 * bugs, counted in mm_stats.pin_errors, and the count never wraps.
 */
#define GFN_PINS_MAX		0xffffu		/* .pins is a u16 */

#define GFN_FRAME_NONE		0xffffffffu
#define SWAP_SLOT_NONE		0xffffffffu

/*
 * 12 bytes per guest page: 768 KiB of table for 256 MiB of guest memory.
 * frame is an index into mm->frames, slot into the swap device. A slot,
 * once given, stays with the page (its copy is valid while the EPT dirty
 * bit stays clear) until the page is written again and evicted, or the
 * slot is taken back because swap ran full (mm/evict.c).
 */
struct gfn_entry {
	u8 state;		/* enum gfn_state */
	u8 flags;		/* GFN_F_* */
	u16 pins;		/* holders that need it RESIDENT; see above */
	u32 frame;		/* RESIDENT, WRITEBACK, IN_FLIGHT; else NONE */
	u32 slot;		/* SWAPPED, IN_FLIGHT, WRITEBACK; maybe RESIDENT */
};

void gfn_table_init(struct gfn_entry *table, u64 nr);
const char *gfn_state_name(enum gfn_state s);

/* Never a victim: someone holds a pin on it. */
static inline bool gfn_pinned(const struct gfn_entry *e)
{
	return e->pins != 0;
}

/*
 * Every legal arrow of the diagram above, bit from * NR_GFN_STATES + to.
 * Anything else (including staying in the same state) is a faultline
 * bug: a caller that gets -1 from gfn_set_state() has lost track of a
 * page. A mask, not a table, so the test inlines into every fault.
 */
#define GFN_ARROW(from, to)	(1u << ((from) * NR_GFN_STATES + (to)))
#define GFN_LEGAL_ARROWS						\
	(GFN_ARROW(GFN_UNBACKED, GFN_RESIDENT) |	/* zero fill, populate */ \
	 GFN_ARROW(GFN_RESIDENT, GFN_WRITEBACK) |	/* victim needs a write */ \
	 GFN_ARROW(GFN_RESIDENT, GFN_SWAPPED) |	/* clean victim */	\
	 GFN_ARROW(GFN_WRITEBACK, GFN_SWAPPED) |	/* write done, freed */	\
	 GFN_ARROW(GFN_WRITEBACK, GFN_RESIDENT) |	/* touched meanwhile */	\
	 GFN_ARROW(GFN_SWAPPED, GFN_IN_FLIGHT) |	/* touched: read sent */ \
	 GFN_ARROW(GFN_IN_FLIGHT, GFN_RESIDENT))	/* read done, mapped */
_Static_assert(NR_GFN_STATES * NR_GFN_STATES <= 32, "the arrows fit a u32");

/* Is from -> to one of the arrows above? */
static inline bool gfn_transition_legal(enum gfn_state from,
					enum gfn_state to)
{
	if ((unsigned)from >= NR_GFN_STATES || (unsigned)to >= NR_GFN_STATES)
		return false;
	return GFN_LEGAL_ARROWS & GFN_ARROW((unsigned)from, (unsigned)to);
}

/*
 * Move e to state to: 0, or -1 (and e unchanged) if the arrow does not
 * exist or e is pinned (a pinned page never leaves RESIDENT).
 */
static inline int gfn_set_state(struct gfn_entry *e, enum gfn_state to)
{
	if (!gfn_transition_legal((enum gfn_state)e->state, to))
		return -1;
	/* A pinned page must stay mapped: faultline or the guest needs it now. */
	if (gfn_pinned(e) && to != GFN_RESIDENT)
		return -1;
	e->state = (u8)to;
	return 0;
}

/*
 * Take one pin on e (which must be RESIDENT) / drop one. 0, or -1 with e
 * unchanged: not resident, GFN_PINS_MAX pins already, or none to drop.
 */
int gfn_pin(struct gfn_entry *e);
int gfn_unpin(struct gfn_entry *e);

#endif
