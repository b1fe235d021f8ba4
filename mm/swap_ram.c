/* mm/swap_ram.c - swap=ram: a swap device in reserved RAM with a modelled latency (fixed or lognormal, mm/latency.c) and queue depth. No Linux twin (closest: zram, without compression). */
#include "swap.h"
#include "page.h"
#include "../include/lib.h"

static struct swap_ram *to_ram(const struct swap_dev *dev)
{
	return (struct swap_ram *)(void *)dev;	/* dev is the first member */
}

static int ram_submit(struct swap_dev *dev, struct swap_req *req, u64 now)
{
	struct swap_ram *r = to_ram(dev);
	struct swap_req *q;
	u32 server = r->next_server;
	u64 start;

	if (dev->queued == r->queue_cap || !frame_pool_owns(r->frames,
							     req->frame))
		return -1;
	/*
	 * Dues never decrease (last_due), and each server's free_at is the
	 * due of its last request: the server free first holds the oldest
	 * of the last qd requests, so taking them in turn finds it without
	 * a scan of all qd (which cost ~150 cycles a submit at qd=32).
	 */
	r->next_server = (server + 1) % dev->qd;
	start = MAX(now, r->free_at[server]);
	req->due = MAX(start + swap_latency_sample(&r->latency), r->last_due);
	r->free_at[server] = req->due;
	r->last_due = req->due;
	q = &r->queue[(r->head + dev->queued) % r->queue_cap];
	*q = *req;
	return 0;
}

static bool ram_complete(struct swap_dev *dev, u64 now, struct swap_req *done)
{
	struct swap_ram *r = to_ram(dev);
	struct swap_req *q = &r->queue[r->head];
	u8 *page, *frame;

	if (dev->queued == 0 || q->due > now)
		return false;
	page = phys_region_virt(&r->store, r->store.hpa +
				(u64)q->slot * PAGE_SIZE);
	frame = frame_virt(r->frames, q->frame);
	if (q->op == SWAP_OP_READ)
		copy_page(frame, page);
	else
		copy_page(page, frame);
	*done = *q;
	r->head = (r->head + 1) % r->queue_cap;
	return true;
}

static u64 ram_next_deadline(const struct swap_dev *dev)
{
	const struct swap_ram *r = to_ram(dev);

	return dev->queued ? r->queue[r->head].due : SWAP_NO_DEADLINE;
}

static const struct swap_ops swap_ram_ops = {
	.submit = ram_submit,
	.complete = ram_complete,
	.next_deadline = ram_next_deadline,
};

int swap_ram_init(struct swap_ram *r, struct phys_region store,
		  const struct frame_pool *frames, u64 latency_ticks,
		  struct swap_req *queue, u32 queue_cap)
{
	u64 nr = store.size / PAGE_SIZE;

	/* No slots is "no swap": nothing is ever queued. */
	if ((nr && (!queue || queue_cap == 0)) || nr >= SWAP_SLOT_NONE)
		return -1;
	memset(r, 0, sizeof(*r));
	r->dev.ops = &swap_ram_ops;
	r->dev.name = "ram";
	r->dev.nr_slots = (u32)nr;
	r->store = store;
	r->frames = frames;
	swap_latency_init(&r->latency, LATENCY_FIXED, latency_ticks, 0, 0);
	r->queue = queue;
	r->queue_cap = queue_cap;
	r->dev.qd = SWAP_QD_DEFAULT;
	r->dev.next_due = SWAP_NO_DEADLINE;
	return 0;
}

int swap_ram_set_qd(struct swap_ram *r, u32 qd)
{
	if (qd == 0 || qd > SWAP_QD_MAX)
		return -1;
	r->dev.qd = qd;
	r->next_server %= qd;
	return 0;
}

void swap_ram_set_latency(struct swap_ram *r, const struct swap_latency *l)
{
	r->latency = *l;
}
