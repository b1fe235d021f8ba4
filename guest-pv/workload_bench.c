/* guest-pv/workload_bench.c - workload=bench: memory and compute tasks, each over a working set of its own, preempted by the PV tick, counting work units for a fixed time. No Linux twin; after the guest workload of KVM's async page fault evaluation (KVM Forum 2010). */
#include "workload.h"
#include "timed_phase.h"
#include "heap.h"
#include "kvm.h"
#include "page_alloc.h"
#include "pattern.h"
#include "sched.h"
#include "tick.h"
#include "lib/cmdline.h"
#include "lib/compiler.h"
#include "lib/guest.h"
#include "lib/printk.h"
#include "lib/processor.h"

/*
 * The timed phase lasts duration_ms of TSC time. Each task loops over work
 * units until then; a unit counts if it ended before the deadline.
 *
 *   memory unit   pick a page of the task's set at random, check its 512
 *                 words against the pattern of its generation, write the
 *                 next generation (~14k instructions when resident);
 *   compute unit  COMPUTE_UNIT_ROUNDS rounds of mixing (~12k
 *                 instructions), then one word of the next page of the
 *                 task's set, in turn: its set is under pressure too.
 *
 * Both sets are written before the clock starts (untimed); after it
 * stops, every page the timed phase rewrote is read back (final_check). With the PV tick on (tick_us=)
 * the tasks share the vCPU round robin in both async modes; with async PF
 * on, a task waiting for a swap-in is parked and the others run.
 */
#define DEFAULT_BENCH_MS		200
#define BENCH_MS_MAX			10000
#define DEFAULT_BENCH_MEM_TASKS		2
#define DEFAULT_BENCH_COMPUTE_TASKS	2
#define DEFAULT_COMPUTE_PAGES		64
#define COMPUTE_UNIT_ROUNDS		1000
/*
 * A page's byte in gen[]: its pattern generation in bits 6:0, and
 * REWRITTEN once the timed phase has written it (then the final check
 * reads it back).
 */
#define GEN_MASK			0x7f
#define REWRITTEN			0x80

struct bench_task {
	u64 first, n;		/* its heap pages */
	u8 *gen;		/* memory task: each page's generation */
	u64 rng;
	u64 units;		/* work units ended before the deadline */
	u64 mismatches;
};

static struct bench_task bench_tasks[MAX_TASKS];
static u64 bench_seed;
static u64 deadline;		/* TSC: the timed phase ends */
static volatile u64 compute_sink;

static volatile u64 *heap_page(u64 page)
{
	return (volatile u64 *)(uintptr_t)(HEAP_BASE + page * PAGE_SIZE);
}

static u64 next_random(u64 *state)
{
	*state += 0x9e3779b97f4a7c15ull;	/* splitmix64's step */
	return mix64(*state);
}

static void write_page(u64 page, u64 gen)
{
	volatile u64 *w = heap_page(page);

	for (u64 i = 0; i < WORDS_PER_PAGE; i++)
		w[i] = pattern_word(bench_seed, page, i, gen);
}

static u64 check_page(u64 page, u64 gen, u64 *sum)
{
	volatile u64 *w = heap_page(page);
	u64 bad = 0;

	for (u64 i = 0; i < WORDS_PER_PAGE; i++) {
		u64 got = w[i];

		if (sum)
			*sum = checksum_add(*sum, got);
		bad += got != pattern_word(bench_seed, page, i, gen);
	}
	return bad;
}

static void memory_task(void *arg)
{
	struct bench_task *t = arg;

	while (rdtsc() < deadline) {
		u64 k = next_random(&t->rng) % t->n, page = t->first + k;

		t->mismatches += check_page(page, t->gen[k] & GEN_MASK, NULL);
		t->gen[k] = ((t->gen[k] + 1) & GEN_MASK) | REWRITTEN;
		write_page(page, t->gen[k] & GEN_MASK);
		if (rdtsc() <= deadline)
			t->units++;
	}
}

static void compute_task(void *arg)
{
	struct bench_task *t = arg;
	u64 x = t->rng, k = 0;

	while (rdtsc() < deadline) {
		for (u64 i = 0; i < COMPUTE_UNIT_ROUNDS; i++)
			x = mix64(x + i);
		heap_page(t->first + k)[x % WORDS_PER_PAGE] += x;
		k = k + 1 == t->n ? 0 : k + 1;
		if (rdtsc() <= deadline)
			t->units++;
	}
	compute_sink = x;
}

struct bench_args {
	u64 ms, mem_pages, compute_pages;
	unsigned mem, compute;
};

static bool check_bench_args(const struct bench_args *b)
{
	if (b->mem == 0 || b->mem + b->compute > MAX_TASKS ||
	    b->mem_pages < b->mem || (b->compute && !b->compute_pages)) {
		printk("bench: %u memory tasks over %llu pages + %u compute "
		       "tasks over %llu pages each: need at least one memory "
		       "task, a page per task, at most %u tasks\n", b->mem,
		       (unsigned long long)b->mem_pages, b->compute,
		       (unsigned long long)b->compute_pages, MAX_TASKS);
		return false;
	}
	if (b->ms == 0 || b->ms > BENCH_MS_MAX) {
		printk("bench: duration_ms=%llu: 1 to %u\n",
		       (unsigned long long)b->ms, BENCH_MS_MAX);
		return false;
	}
	return true;
}

/* Untimed: every page written once, so the timed phase starts full. */
static void setup_tasks(const struct bench_args *b)
{
	u64 first = 0;

	for (unsigned i = 0; i < b->mem + b->compute; i++) {
		struct bench_task *t = &bench_tasks[i];
		bool mem = i < b->mem;

		*t = (struct bench_task){ .first = first,
					  .rng = mix64(bench_seed + i) };
		t->n = mem ? b->mem_pages / b->mem + (i < b->mem_pages % b->mem)
			   : b->compute_pages;
		if (mem) {
			t->gen = alloc_own_pages(ALIGN_UP(t->n, PAGE_SIZE) /
						 PAGE_SIZE);
			for (u64 k = 0; k < t->n; k++)
				write_page(first + k, 0);
		} else {
			for (u64 k = 0; k < t->n; k++)
				heap_page(first + k)[0] = 0;
		}
		first += t->n;
		task_create(mem ? "memory" : "compute",
			    mem ? memory_task : compute_task, t);
	}
}

/*
 * After the clock, in page order: every page the timed phase rewrote, so
 * each write of it has been read back (each memory unit also checked its
 * page before rewriting it). Pages the timed phase never picked are left
 * alone: reading them all back would cost a swap-in each, most of a run
 * at 1 ms of device latency; workload=verify reads every word.
 */
static u64 final_check(const struct bench_args *b, u64 *sum, u64 *checked)
{
	u64 bad = 0;

	for (unsigned i = 0; i < b->mem; i++) {
		struct bench_task *t = &bench_tasks[i];

		for (u64 k = 0; k < t->n; k++) {
			if (!(t->gen[k] & REWRITTEN))
				continue;
			bad += check_page(t->first + k, t->gen[k] & GEN_MASK,
					  sum);
			(*checked)++;
		}
		bad += t->mismatches;
	}
	return bad;
}

static void report_bench(const struct bench_args *b, u64 cycles, u64 bad,
			 u64 sum, bool apf)
{
	u64 mem_units = 0, compute_units = 0;

	for (unsigned i = 0; i < b->mem + b->compute; i++) {
		struct task *p = task_by_index(i);

		printk("task %u %s: %llu units, parked %llu cycles on %llu "
		       "faults\n", p->id, p->name,
		       (unsigned long long)bench_tasks[i].units,
		       (unsigned long long)p->parked_cycles,
		       (unsigned long long)p->apf_waits);
		if (i < b->mem)
			mem_units += bench_tasks[i].units;
		else
			compute_units += bench_tasks[i].units;
	}
	report("own_pages", "%llu", (unsigned long long)own_pages());
	report("bench_ms", "%llu", (unsigned long long)b->ms);
	report("mem_units", "%llu", (unsigned long long)mem_units);
	report("compute_units", "%llu", (unsigned long long)compute_units);
	report("work_units", "%llu",
	       (unsigned long long)(mem_units + compute_units));
	report("run_cycles", "%llu", (unsigned long long)cycles);
	report("checksum", "%#018llx", (unsigned long long)sum);
	report("mismatches", "%llu", (unsigned long long)bad);
	report("apf", "%s", apf ? "on" : "off");
	report("apf_ready", "%llu", (unsigned long long)kvm_apf_stats.ready);
	report("switches", "%llu", (unsigned long long)nr_context_switches);
	report("ticks", "%llu", (unsigned long long)ticks);
}

int workload_bench(const struct workload_args *a)
{
	struct bench_args b = {
		.ms = cmdline_u64("duration_ms", DEFAULT_BENCH_MS),
		.mem_pages = a->pages,
		.compute_pages = cmdline_u64("compute_pages",
					     DEFAULT_COMPUTE_PAGES),
		.mem = (unsigned)cmdline_u64("mem_tasks",
					     DEFAULT_BENCH_MEM_TASKS),
		.compute = (unsigned)cmdline_u64("compute_tasks",
						 DEFAULT_BENCH_COMPUTE_TASKS),
	};
	u64 start, cycles, bad, flags, checked = 0, sum = CHECKSUM_INIT;

	report("workload_pages", "%llu", (unsigned long long)a->pages);
	report("mem_tasks", "%u", b.mem);
	report("compute_tasks", "%u", b.compute);
	if (!check_bench_args(&b))
		return FL_RESULT_FAIL;
	bench_seed = a->seed;
	heap_init(b.mem_pages + (u64)b.compute * b.compute_pages);
	setup_tasks(&b);
	printk("bench: %u memory tasks over %llu pages, %u compute tasks over "
	       "%llu pages each, %llu ms, async PF %s\n", b.mem,
	       (unsigned long long)b.mem_pages, b.compute,
	       (unsigned long long)b.compute_pages, (unsigned long long)b.ms,
	       a->apf ? "on" : "off");

	/* No tick may start a task before the deadline is set. */
	flags = local_irq_save();
	tick_init();
	timed_phase_begin();
	start = rdtsc();
	deadline = start + b.ms * a->bi->tsc_hz / 1000;
	local_irq_restore(flags);
	cpu_idle();
	cycles = rdtsc() - start;
	timed_phase_end();

	bad = final_check(&b, &sum, &checked);
	report("pages_checked", "%llu", (unsigned long long)checked);
	report_bench(&b, cycles, bad, sum, a->apf);
	printk("bench: %s: %llu mismatches\n", bad ? "FAIL" : "PASS",
	       (unsigned long long)bad);
	return bad ? FL_RESULT_FAIL : FL_RESULT_PASS;
}
