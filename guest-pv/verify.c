/* guest-pv/verify.c - a memory task: write a page-unique pattern over its heap slice, verify every word in sequential, strided and random order, rewrite a seeded subset each pass, verify all once more. No Linux twin. */
#include "verify.h"
#include "heap.h"
#include "page_alloc.h"
#include "pattern.h"
#include "sched.h"
#include "walk.h"
#include "workload.h"
#include "console_buffer.h"

#define REWRITE_ONE_IN	4	/* each pass rewrites about a quarter */
#define PASS_SALT_SHIFT	48	/* pass number's place in the rewrite key */

static volatile u64 *heap_page(u64 page)
{
	return (volatile u64 *)(uintptr_t)(HEAP_BASE + page * PAGE_SIZE);
}

void verify_prepare(struct verify_task *v, u64 first, u64 n, u64 seed,
		    u64 passes)
{
	*v = (struct verify_task){ .first = first, .n = n, .seed = seed,
				   .passes = passes,
				   .checksum = CHECKSUM_INIT };
	v->gen = alloc_own_pages(ALIGN_UP(n, PAGE_SIZE) / PAGE_SIZE);
	v->perm = alloc_own_pages(ALIGN_UP(n * sizeof(u32), PAGE_SIZE) /
				  PAGE_SIZE);
}

static void write_page(struct verify_task *v, u64 page)
{
	volatile u64 *w = heap_page(page);
	u64 gen = v->gen[page - v->first];

	for (u64 i = 0; i < WORDS_PER_PAGE; i++)
		w[i] = pattern_word(v->seed, page, i, gen);
}

static void report_mismatch(struct verify_task *v, u64 page, u64 word,
			    u64 pass, u64 want, u64 got)
{
	u64 gva = HEAP_BASE + page * PAGE_SIZE + word * sizeof(u64);

	if (v->mismatches > MISMATCHES_PRINTED)
		return;
	bprintk("verify[%u]: mismatch pass %llu page %llu word %llu: GVA "
	       "%#llx GPA %#llx\n", v->id, (unsigned long long)pass,
	       (unsigned long long)page, (unsigned long long)word,
	       (unsigned long long)gva,
	       (unsigned long long)heap_gva_to_gpa(gva));
	bprintk("verify[%u]:   expected %#018llx, found %#018llx\n", v->id,
	       (unsigned long long)want, (unsigned long long)got);
}

/* Every word of one page; the final pass also folds it into the checksum. */
static void check_page(struct verify_task *v, u64 page, u64 pass,
		       bool final)
{
	volatile u64 *w = heap_page(page);
	u64 gen = v->gen[page - v->first];

	for (u64 i = 0; i < WORDS_PER_PAGE; i++) {
		u64 want = pattern_word(v->seed, page, i, gen);
		u64 got = w[i];

		if (final)
			v->checksum = checksum_add(v->checksum, got);
		if (got != want) {
			v->mismatches++;
			report_mismatch(v, page, i, pass, want, got);
		}
	}
	v->pages_verified++;
	current->work_done++;
}

/*
 * The same pages on every run with one seed: the rewrite is part of the
 * pattern.
 */
static bool rewrite_selected(const struct verify_task *v, u64 page, u64 pass)
{
	return mix64(v->seed ^ (pass << PASS_SALT_SHIFT) ^ page) %
	       REWRITE_ONE_IN == 0;
}

static void verify_pass(struct verify_task *v, u64 pass)
{
	struct walk w = {
		.order = (enum walk_order)((pass - 1) % NR_WALK_ORDERS),
		.n = v->n,
		.stride = walk_stride(v->n),
		.perm = v->perm,
	};
	u64 mismatches = v->mismatches, rewritten = v->pages_rewritten;

	if (w.order == WALK_RANDOM)
		walk_shuffle(v->perm, v->n, mix64(v->seed ^ v->first) + pass);
	for (u64 k = 0; k < v->n; k++) {
		u64 page = v->first + walk_page(&w, k);

		check_page(v, page, pass, false);
		if (rewrite_selected(v, page, pass)) {
			v->gen[page - v->first]++;
			write_page(v, page);
			v->pages_rewritten++;
		}
	}
	bprintk("verify[%u]: pass %llu/%llu %s: %llu pages, %llu mismatches, "
	       "%llu rewritten\n", v->id, (unsigned long long)pass,
	       (unsigned long long)v->passes, walk_order_name(w.order),
	       (unsigned long long)v->n,
	       (unsigned long long)(v->mismatches - mismatches),
	       (unsigned long long)(v->pages_rewritten - rewritten));
}

void verify_run(struct verify_task *v)
{
	v->id = current->id;
	bprintk("verify[%u]: heap pages %llu-%llu (GVA %#llx), seed %llu, %llu "
	       "passes\n", v->id, (unsigned long long)v->first,
	       (unsigned long long)(v->first + v->n - 1),
	       (unsigned long long)(HEAP_BASE + v->first * PAGE_SIZE),
	       (unsigned long long)v->seed, (unsigned long long)v->passes);
	for (u64 k = 0; k < v->n; k++)
		write_page(v, v->first + k);
	for (u64 pass = 1; pass <= v->passes; pass++)
		verify_pass(v, pass);
	for (u64 k = 0; k < v->n; k++)
		check_page(v, v->first + k, v->passes + 1, true);
	bprintk("verify[%u]: final: %llu pages, %llu mismatches, checksum "
	       "%#018llx\n", v->id, (unsigned long long)v->n,
	       (unsigned long long)v->mismatches,
	       (unsigned long long)v->checksum);
}
