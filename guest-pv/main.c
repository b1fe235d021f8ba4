/* guest-pv/main.c - guest-pv's guest_main: read the options, set up faults, tasks and async PF, run the chosen workload, return its result. Linux: init/main.c (start_kernel, kernel_init), much reduced. */
#include "workload.h"
#include "apf_sleep.h"
#include "fault.h"
#include "kvm.h"
#include "page_alloc.h"
#include "sched.h"
#include "task_trace.h"
#include "verify.h"
#include "lib/cmdline.h"
#include "lib/guest.h"
#include "lib/printk.h"
#include "../include/lib.h"

#define WORKLOAD_NAME_MAX	32

static int workload_verify(const struct workload_args *a)
{
	return run_task_workload(a, (unsigned)cmdline_u64("tasks",
					DEFAULT_VERIFY_TASKS), 0);
}

static int workload_mixed(const struct workload_args *a)
{
	return run_task_workload(a,
		(unsigned)cmdline_u64("mem_tasks", DEFAULT_MEM_TASKS),
		(unsigned)cmdline_u64("compute_tasks", DEFAULT_COMPUTE_TASKS));
}

struct workload {
	const char *name;
	int (*run)(const struct workload_args *args);
};

static const struct workload workloads[] = {
	{ "basic", workload_basic },	/* N pages, write, verify */
	{ "verify", workload_verify },	/* heap working set, passes */
	{ "mixed", workload_mixed },	/* memory + compute tasks */
	{ "bench", workload_bench },	/* fixed time, preemptive, work units */
};

/*
 * Everything here touches only the bss (counted in own_pages) and the
 * pages the boot info and page tables already occupy, so workload=basic's
 * EPT violations stay exactly its pages plus the bss.
 */
static void guest_init(const struct fl_boot_info *bi, struct workload_args *a)
{
	page_alloc_init(bi);
	task_trace_init();
	fault_init();
	sched_init();
	apf_sleep_init();
	a->apf = kvm_guest_cpu_init();
}

int guest_main(const struct fl_boot_info *bi)
{
	char buf[WORKLOAD_NAME_MAX];
	const char *name = cmdline_word("workload", "basic", buf, sizeof(buf));
	struct workload_args args = {
		.bi = bi,
		.pages = cmdline_u64("pages", DEFAULT_PAGES),
		.seed = cmdline_u64("seed", DEFAULT_SEED),
		.passes = cmdline_u64("passes", DEFAULT_PASSES),
	};
	int result = FL_RESULT_FAIL;
	bool known = false;

	printk("guest-pv: workload=%s pages=%llu seed=%llu; guest_mem %#llx, "
	       "free from GPA %#llx\n", name, (unsigned long long)args.pages,
	       (unsigned long long)args.seed,
	       (unsigned long long)bi->guest_mem,
	       (unsigned long long)bi->first_free_gpa);
	report("workload", "%s", name);
	guest_init(bi, &args);

	for (size_t i = 0; i < ARRAY_SIZE(workloads); i++) {
		if (strcmp(workloads[i].name, name))
			continue;
		known = true;
		result = workloads[i].run(&args);
	}
	if (!known) {
		printk("guest-pv: unknown workload '%s'; known: basic, verify, "
		       "mixed, bench\n", name);
		return FL_RESULT_FAIL;
	}
	kvm_pv_disable_apf();
	return result;
}
