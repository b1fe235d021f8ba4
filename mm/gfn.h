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

/* Never a victim: set by mm_populate() and mm_pin_page(). */
#define GFN_F_PINNED		BIT(0)
/* RESIDENT again while its write-back still runs. */
#define GFN_F_WB_PENDING	BIT(1)

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
	u16 reserved;
	u32 frame;		/* RESIDENT, WRITEBACK, IN_FLIGHT; else NONE */
	u32 slot;		/* SWAPPED, IN_FLIGHT, WRITEBACK; maybe RESIDENT */
};

void gfn_table_init(struct gfn_entry *table, u64 nr);
/* Is from -> to one of the arrows above? */
bool gfn_transition_legal(enum gfn_state from, enum gfn_state to);
/*
 * Move e to state to: 0, or -1 (and e unchanged) if the arrow does not
 * exist or e is pinned (a pinned page never leaves RESIDENT).
 */
int gfn_set_state(struct gfn_entry *e, enum gfn_state to);
const char *gfn_state_name(enum gfn_state s);

#endif
