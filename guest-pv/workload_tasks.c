/* guest-pv/workload_tasks.c - workload=verify and workload=mixed: memory tasks (verify.c) and compute tasks under the scheduler, with async page faults, then the report. No Linux twin. */
#include "workload.h"
#include "apf_sleep.h"
#include "timed_phase.h"
#include "heap.h"
#include "kvm.h"
#include "page_alloc.h"
#include "pattern.h"
#include "sched.h"
#include "tick.h"
#include "verify.h"
#include "lib/compiler.h"
#include "lib/guest.h"
#include "lib/printk.h"
#include "lib/processor.h"

/* One compute unit: a fixed amount of work, ~12k instructions. */
#define COMPUTE_UNIT_ROUNDS	1000

static struct verify_task verify_tasks[MAX_TASKS];
static unsigned mem_tasks_running;	/* compute tasks stop at 0 */
static volatile u64 compute_sink;	/* keeps the work from being optimised away */

static void memory_task(void *arg)
{
	u64 flags;

	verify_run(arg);
	flags = local_irq_save();	/* a read-modify-write other tasks share */
	mem_tasks_running--;
	local_irq_restore(flags);
}

static u64 compute_unit(u64 x)
{
	for (u64 i = 0; i < COMPUTE_UNIT_ROUNDS; i++)
		x = mix64(x + i);
	return x;
}

/*
 * Useful work for as long as any memory task runs: what async PF frees the vCPU
 * for.
 */
static void compute_task(void *arg)
{
	u64 x = (u64)(uintptr_t)arg;

	while (READ_ONCE(mem_tasks_running)) {
		x = compute_unit(x);
		current->work_done++;
	}
	compute_sink = x;
}

static bool check_args(const struct workload_args *a, unsigned mem,
		       unsigned compute)
{
	if (mem == 0 || mem + compute > MAX_TASKS) {
		printk("tasks: %u memory + %u compute tasks: need 1 to %u in "
		       "all, at least one memory task\n", mem, compute,
		       MAX_TASKS);
		return false;
	}
	if (a->pages < mem) {
		printk("tasks: pages=%llu is fewer than the %u memory tasks\n",
		       (unsigned long long)a->pages, mem);
		return false;
	}
	if (a->passes > VERIFY_PASSES_MAX) {
		printk("tasks: passes=%llu: at most %u\n",
		       (unsigned long long)a->passes, VERIFY_PASSES_MAX);
		return false;
	}
	return true;
}

struct totals {
	u64 checksum, mismatches, verified, compute_units, parked, waits;
};

static struct totals print_tasks(unsigned mem)
{
	struct totals t = { .checksum = CHECKSUM_INIT };

	for (unsigned i = 0; i < nr_tasks_created(); i++) {
		struct task *p = task_by_index(i);

		printk("task %u %s: work %llu %s, parked %llu cycles on %llu "
		       "faults\n", p->id, p->name,
		       (unsigned long long)p->work_done,
		       i < mem ? "pages verified" : "compute units",
		       (unsigned long long)p->parked_cycles,
		       (unsigned long long)p->apf_waits);
		t.parked += p->parked_cycles;
		t.waits += p->apf_waits;
		if (i >= mem) {
			t.compute_units += p->work_done;
			continue;
		}
		/* Task order, not finishing order: the same on every run. */
		t.checksum = checksum_add(t.checksum, verify_tasks[i].checksum);
		t.mismatches += verify_tasks[i].mismatches;
		t.verified += verify_tasks[i].pages_verified;
	}
	return t;
}

static void report_totals(const struct totals *t, bool apf, u64 cycles)
{
	report("own_pages", "%llu", (unsigned long long)own_pages());
	report("pf", "%llu", (unsigned long long)guest_pf);
	report("checksum", "%#018llx", (unsigned long long)t->checksum);
	report("mismatches", "%llu", (unsigned long long)t->mismatches);
	report("pages_verified", "%llu", (unsigned long long)t->verified);
	report("compute_units", "%llu", (unsigned long long)t->compute_units);
	report("parked_cycles", "%llu", (unsigned long long)t->parked);
	report("run_cycles", "%llu", (unsigned long long)cycles);
	report("apf", "%s", apf ? "on" : "off");
	report("apf_waits", "%llu", (unsigned long long)t->waits);
	report("apf_ready", "%llu", (unsigned long long)kvm_apf_stats.ready);
	report("apf_early", "%llu",
	       (unsigned long long)apf_sleep_stats.early_wakes);
	report("switches", "%llu", (unsigned long long)nr_context_switches);
	report("ticks", "%llu", (unsigned long long)ticks);
}

int run_task_workload(const struct workload_args *a, unsigned mem,
		      unsigned compute)
{
	u64 per_task, first = 0, start, cycles;
	struct totals t;

	report("workload_pages", "%llu", (unsigned long long)a->pages);
	report("mem_tasks", "%u", mem);
	report("compute_tasks", "%u", compute);
	if (!check_args(a, mem, compute))
		return FL_RESULT_FAIL;

	heap_init(a->pages);
	per_task = a->pages / mem;
	for (unsigned i = 0; i < mem; i++) {
		u64 n = per_task + (i < a->pages % mem);	/* spread the rest */

		verify_prepare(&verify_tasks[i], first, n, a->seed, a->passes);
		task_create("verify", memory_task, &verify_tasks[i]);
		first += n;
	}
	mem_tasks_running = mem;
	for (unsigned i = 0; i < compute; i++)
		task_create("compute", compute_task,
			    (void *)(uintptr_t)(a->seed + i));
	tick_init();

	printk("tasks: %u memory + %u compute over %llu heap pages, %llu "
	       "passes, async PF %s\n", mem, compute,
	       (unsigned long long)a->pages, (unsigned long long)a->passes,
	       a->apf ? "on" : "off");
	timed_phase_begin();
	start = rdtsc();
	cpu_idle();
	cycles = rdtsc() - start;
	timed_phase_end();	/* the tasks' lines, now that timing is over */

	t = print_tasks(mem);
	report_totals(&t, a->apf, cycles);
	printk("tasks: %s: %llu mismatches, %llu guest page faults, checksum "
	       "%#018llx\n", t.mismatches ? "FAIL" : "PASS",
	       (unsigned long long)t.mismatches, (unsigned long long)guest_pf,
	       (unsigned long long)t.checksum);
	return t.mismatches ? FL_RESULT_FAIL : FL_RESULT_PASS;
}
