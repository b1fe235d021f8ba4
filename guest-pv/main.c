/* guest-pv/main.c - guest-pv's guest_main: read the options, run the chosen workload, return its result. Linux: init/main.c (kernel_init, run_init_process), much reduced. */
#include "workload.h"
#include "lib/cmdline.h"
#include "lib/guest.h"
#include "lib/printk.h"
#include "../include/lib.h"

#define WORKLOAD_NAME_MAX	32

struct workload {
	const char *name;
	int (*run)(const struct workload_args *args);
};

static const struct workload workloads[] = {
	{ "basic", workload_basic },
};

int guest_main(const struct fl_boot_info *bi)
{
	char buf[WORKLOAD_NAME_MAX];
	const char *name = cmdline_word("workload", "basic", buf, sizeof(buf));
	struct workload_args args = {
		.bi = bi,
		.pages = cmdline_u64("pages", DEFAULT_PAGES),
		.seed = cmdline_u64("seed", DEFAULT_SEED),
	};

	printk("guest-pv: workload=%s pages=%llu seed=%llu; guest_mem %#llx, "
	       "free from GPA %#llx, own pages %llu (bss)\n", name,
	       (unsigned long long)args.pages, (unsigned long long)args.seed,
	       (unsigned long long)bi->guest_mem,
	       (unsigned long long)bi->first_free_gpa,
	       (unsigned long long)bss_pages());
	for (size_t i = 0; i < ARRAY_SIZE(workloads); i++)
		if (!strcmp(workloads[i].name, name))
			return workloads[i].run(&args);

	printk("guest-pv: unknown workload '%s'; known:", name);
	for (size_t i = 0; i < ARRAY_SIZE(workloads); i++)
		printk(" %s", workloads[i].name);
	printk("\n");
	return FL_RESULT_FAIL;
}
