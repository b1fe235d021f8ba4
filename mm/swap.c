/* mm/swap.c - swap slots and the device-independent side of swap I/O. Linux: mm/swapfile.c (get_swap_page, swap_free), much reduced. */
#include "swap.h"

/* ---- slots ---- */

int swap_slots_init(struct swap_slots *s, u32 *free_stack, u8 *in_use,
		    u32 nr_slots)
{
	/* No slots ("no swap") need no storage. */
	if ((nr_slots && (!free_stack || !in_use)) ||
	    nr_slots == SWAP_SLOT_NONE)
		return -1;
	s->free_stack = free_stack;
	s->in_use = in_use;
	s->nr_slots = nr_slots;
	s->nr_free = nr_slots;
	for (u32 i = 0; i < nr_slots; i++) {
		free_stack[i] = nr_slots - 1 - i;	/* slot 0 on top */
		in_use[i] = 0;
	}
	return 0;
}

u32 swap_slot_alloc(struct swap_slots *s)
{
	u32 slot;

	if (s->nr_free == 0)
		return SWAP_SLOT_NONE;
	slot = s->free_stack[--s->nr_free];
	s->in_use[slot] = 1;
	return slot;
}

int swap_slot_free(struct swap_slots *s, u32 slot)
{
	if (slot >= s->nr_slots || !s->in_use[slot])
		return -1;
	s->in_use[slot] = 0;
	s->free_stack[s->nr_free++] = slot;
	return 0;
}

/* ---- the generic entry points: bookkeeping every backend shares ---- */

/* Add [start, due] to a union that only ever grows at its end. */
static void busy_add(struct swap_busy *b, u64 start, u64 due)
{
	if (due <= b->until)
		return;
	b->cycles += due - MAX(start, b->until);
	b->until = due;
}

int swap_submit(struct swap_dev *dev, struct swap_req *req, u64 now)
{
	if (dev->clock)
		now = MAX(now, dev->clock());
	req->submitted = now;
	if (req->slot >= dev->nr_slots || dev->ops->submit(dev, req, now))
		return -1;
	dev->queued++;
	dev->next_due = MIN(dev->next_due, req->due);
	busy_add(req->op == SWAP_OP_READ ? &dev->busy_read : &dev->busy_write,
		 now, req->due);
	busy_add(&dev->busy, now, req->due);
	trace(TRACE_swap_io_submit, req->op, req->slot, req->gfn, req->due);
	return 0;
}

bool swap_complete(struct swap_dev *dev, u64 now, struct swap_req *done)
{
	if (!dev->ops->complete(dev, now, done))
		return false;
	dev->queued--;
	dev->next_due = dev->ops->next_deadline(dev);
	if (done->op == SWAP_OP_READ) {
		dev->reads++;
		dev->read_device_cycles += done->due - done->submitted;
	} else
		dev->writes++;
	trace(TRACE_swap_io_complete, done->op, done->slot, done->gfn, 0);
	return true;
}
