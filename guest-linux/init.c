/* guest-linux/init.c - /init of the initramfs faultline's harness builds: runs the default Linux workload for a fixed guest time, reports to /dev/kmsg, ends the run through port 0xf4. No Linux twin (cf. init/main.c's rdinit= contract). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <stdbool.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cpuid.h>
#include "workload.h"
#include "../include/guest_abi.h"

/*
 * Parameters: the kernel hands init every command-line word it does not
 * know as an environment variable, so "flw_ms=500" on the command line
 * reaches getenv() here.
 */
#define DEFAULT_MS		300	/* guest time of the timed phase */
#define DEFAULT_MEM_PROCS	2
#define DEFAULT_COMPUTE_PROCS	1
#define DEFAULT_MEM_MIB		112	/* all memory processes together */
#define DEFAULT_TOUCH_PAGES	256	/* first-touch timing sample */
#define DEFAULT_SEED		1
#define MAX_PROCS		16
#define PAGE_BYTES		4096
/*
 * /init's lines go to /dev/kmsg at KERN_WARNING, the level of the kernel's
 * own "WARNING:" lines (and of an Oops, printed at the default level 4),
 * and /init leaves the console level as the command line set it. So its
 * report reaches the console only if a kernel warning would: a command
 * line that hides warnings (quiet without loglevel=5) loses the report,
 * and the Linux boot test, which expects it, fails.
 */
#define KMSG_WARNING		"<4>"
#define CPUID_TSC_LEAF		0x15	/* TSC/crystal ratio, crystal Hz */
#define CPUID_FREQ_LEAF		0x16	/* base MHz */
#define CLOCK_POLL_US		1000

static int kmsg = -1;
/* Console output waits until the timed phase is over: it costs guest time. */
static char out[4096];
static size_t out_len;

static void say(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(out + out_len, sizeof(out) - out_len, fmt, ap);
	va_end(ap);
	if (n > 0)
		out_len = out_len + n < sizeof(out) ? out_len + n : sizeof(out) - 1;
}

/* Each buffered line to /dev/kmsg, where the polled kernel console prints it. */
static void flush_out(void)
{
	char line[1024];
	char *s = out, *nl;

	while ((nl = strchr(s, '\n'))) {
		int n = snprintf(line, sizeof(line), KMSG_WARNING "%.*s",
				 (int)(nl - s), s);

		if (kmsg >= 0 && write(kmsg, line, n) < 0)
			break;
		s = nl + 1;
	}
	out_len = 0;
}

/*
 * The report: key=value words after FL_CONSOLE_REPORT_MARKER, several
 * lines of at most REPORT_LINE_MAX characters, so that with the kernel's
 * timestamp each stays one line of faultline's guest console.
 */
#define REPORT_LINE_MAX		96
static char report_line[REPORT_LINE_MAX + 1];
static size_t report_len;

static void report_end(void)
{
	if (report_len)
		say(FL_CONSOLE_REPORT_MARKER "%s\n", report_line);
	report_len = 0;
}

static void report(const char *fmt, ...)
{
	char word[REPORT_LINE_MAX];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(word, sizeof(word), fmt, ap);
	va_end(ap);
	if (n <= 0 || (size_t)n >= sizeof(word))
		return;
	if (report_len + 1 + n + strlen(FL_CONSOLE_REPORT_MARKER) >
	    REPORT_LINE_MAX)
		report_end();
	report_len += snprintf(report_line + report_len,
			       sizeof(report_line) - report_len, "%s%s",
			       report_len ? " " : "", word);
}

static unsigned long param(const char *name, unsigned long def)
{
	const char *v = getenv(name);
	char *end;
	unsigned long n;

	if (!v || !*v)
		return def;
	n = strtoul(v, &end, 0);
	return *end ? def : n;
}

/* TSC Hz from CPUID 0x15 (what faultline gives a Linux guest), else 0x16. */
static uint64_t tsc_hz(void)
{
	unsigned a, b, c, d;

	if (__get_cpuid_max(0, 0) >= CPUID_TSC_LEAF) {
		__cpuid(CPUID_TSC_LEAF, a, b, c, d);
		if (a && b && c)
			return (uint64_t)c * b / a;
	}
	if (__get_cpuid_max(0, 0) >= CPUID_FREQ_LEAF) {
		__cpuid(CPUID_FREQ_LEAF, a, b, c, d);
		if (a)
			return (uint64_t)(a & 0xffff) * 1000000;
	}
	return 0;
}

/*
 * The console prints a /dev/kmsg line some time after write() returns
 * (the printing context may be another task holding the console lock):
 * give the last lines that long before the run ends. Idle: cheap.
 */
#define CONSOLE_DRAIN_US	50000

/* QEMU's isa-debug-exit convention: the run ends with this value. */
static void end_run(int result)
{
	say("init: result %s\n", result == FL_RESULT_PASS ? "pass" : "fail");
	flush_out();
	usleep(CONSOLE_DRAIN_US);
	if (ioperm(FL_DEBUG_EXIT_PORT, 1, 1) == 0)
		outb((unsigned char)result, FL_DEBUG_EXIT_PORT);
	dprintf(kmsg, KMSG_WARNING "init: port %#x did not end the run (%s); "
		"powering off\n", FL_DEBUG_EXIT_PORT, strerror(errno));
	for (;;)
		pause();
}

static void setup_console(void)
{
	mkdir("/dev", 0755);
	if (access("/dev/kmsg", F_OK) &&
	    mount("devtmpfs", "/dev", "devtmpfs", 0, 0) && errno != EBUSY)
		end_run(FL_RESULT_FAIL);
	kmsg = open("/dev/kmsg", O_WRONLY);
}

/* fork() a memory or compute process; its results land in *r. */
static pid_t spawn(struct proc_result *r, bool memory, uint64_t pages,
		   uint64_t seed, struct run_clock *clock)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (memory)
			memory_process(r, pages, seed, clock);
		else
			compute_process(r, clock);
		_exit(0);
	}
	return pid;
}

/* Start the timed phase once every process has readied its memory. */
static uint64_t start_clock(struct run_clock *clock, unsigned long n)
{
	while (clock->ready < n)
		usleep(CLOCK_POLL_US);
	clock->start = rdtsc();
	return clock->start;
}

int main(void)
{
	unsigned long ms = param("flw_ms", DEFAULT_MS);
	unsigned long nmem = param("flw_mem_procs", DEFAULT_MEM_PROCS);
	unsigned long ncomp = param("flw_compute_procs", DEFAULT_COMPUTE_PROCS);
	unsigned long mem_mib = param("flw_mem_mib", DEFAULT_MEM_MIB);
	unsigned long seed = param("flw_seed", DEFAULT_SEED);
	uint64_t hz, t0, touch, pages_each;
	struct proc_result *res, sum = { 0 };
	struct run_clock *clock;
	unsigned long failed = 0;
	pid_t pids[MAX_PROCS];
	int n = 0;

	setup_console();
	hz = tsc_hz();
	if (!hz || nmem + ncomp == 0 || nmem + ncomp > MAX_PROCS ||
	    (nmem && !mem_mib)) {
		say("init: bad parameters or no TSC frequency (hz=%llu)\n",
		    (unsigned long long)hz);
		end_run(FL_RESULT_FAIL);
	}
	/* One shared page: the clock, then each process's results. */
	clock = mmap(0, PAGE_BYTES, PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (clock == MAP_FAILED)
		end_run(FL_RESULT_FAIL);
	res = (struct proc_result *)(clock + 1);
	_Static_assert(sizeof(*clock) + MAX_PROCS * sizeof(*res) <= PAGE_BYTES,
		       "the clock and the results share one page");
	touch = first_touch_cycles(param("flw_touch_pages",
					 DEFAULT_TOUCH_PAGES));
	pages_each = nmem ? mem_mib * (1024 * 1024 / PAGE_BYTES) / nmem : 0;

	clock->duration = hz / 1000 * ms;
	for (unsigned long i = 0; i < nmem + ncomp; i++, n++) {
		pids[n] = spawn(&res[n], i < nmem, pages_each, seed + i, clock);
		if (pids[n] < 0)
			failed++;
	}
	t0 = start_clock(clock, n - failed);
	for (int i = 0; i < n; i++) {
		int status;

		if (pids[i] < 0 || waitpid(pids[i], &status, 0) < 0 ||
		    !WIFEXITED(status) || !res[i].done)
			failed++;
		sum.pages_verified += res[i].pages_verified;
		sum.mismatches += res[i].mismatches;
		sum.passes += res[i].passes;
		sum.compute_units += res[i].compute_units;
		sum.checksum ^= i < (int)nmem ? res[i].checksum : 0;
	}

	say("init: %lu memory procs over %lu MiB, %lu compute, %lu ms "
	    "(%.1f ms measured)\n", nmem, mem_mib, ncomp, ms,
	    (rdtsc() - t0) * 1000.0 / hz);
	report("workload=linux");
	report("ms=%lu", ms);
	report("mem_procs=%lu", nmem);
	report("compute_procs=%lu", ncomp);
	report("mem_mib=%lu", mem_mib);
	report("pages_verified=%llu", (unsigned long long)sum.pages_verified);
	report("passes=%llu", (unsigned long long)sum.passes);
	report("mismatches=%llu", (unsigned long long)sum.mismatches);
	report("compute_units=%llu", (unsigned long long)sum.compute_units);
	report("checksum=%#llx", (unsigned long long)sum.checksum);
	report("first_touch_cycles=%llu", (unsigned long long)touch);
	report("failed_procs=%lu", failed);
	report_end();
	end_run(!failed && !sum.mismatches && (sum.pages_verified || !nmem) ?
		FL_RESULT_PASS : FL_RESULT_FAIL);
}
