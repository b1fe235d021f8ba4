/* vmm/summary.c - the run's last line, "faultline-summary: key=value ...", which tests and tools parse. No KVM twin: KVM's counters are its debugfs stats. */
#include "summary.h"
#include "console.h"
#include "vmx_names.h"

#define SUMMARY_MAX	2048

struct line {
	char buf[SUMMARY_MAX];
	size_t len;
};

static void add(struct line *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void add(struct line *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (l->len >= sizeof(l->buf))
		return;
	va_start(ap, fmt);
	n = vsnprintf(l->buf + l->len, sizeof(l->buf) - l->len, fmt, ap);
	va_end(ap);
	l->len = MIN(l->len + (size_t)(n > 0 ? n : 0), sizeof(l->buf));
}

static const char *result_name(enum run_result r)
{
	return r == RUN_PASS ? "pass" : "fail";
}

static void add_options(struct line *l, const struct fl_options *o,
			u64 tsc_hz)
{
	add(l, " engine=%s", o ? o->engine : "unknown");
	if (o && o->ips)
		add(l, " ips=%llu", (unsigned long long)o->ips);
	if (tsc_hz)
		add(l, " tsc_hz=%llu", (unsigned long long)tsc_hz);
}

void print_summary(const struct vcpu *vcpu)
{
	static struct line l;
	const struct mm *mm = vcpu->mm;

	l.len = 0;
	add(&l, "faultline-summary: result=%s stop=%s",
	    result_name(vcpu->result), vcpu->stop_code);
	add_options(&l, vcpu->opts, vcpu->tsc_hz);
	add(&l, " guest_mem=%llu frames=%llu frames_used=%llu",
	    (unsigned long long)mm->guest_mem,
	    (unsigned long long)mm->frames->nr_frames,
	    (unsigned long long)frame_pool_used(mm->frames));
	add(&l, " ept_violations=%llu faults_zero=%llu pages_populated=%llu",
	    (unsigned long long)mm->stats.ept_violations,
	    (unsigned long long)mm->stats.faults_zero,
	    (unsigned long long)mm->stats.pages_populated);
	add(&l, " exits=%llu exit_cycles=%llu",
	    (unsigned long long)vcpu->exits_total,
	    (unsigned long long)vcpu->exit_cycles);
	for (u32 r = 0; r < EXIT_REASON_MAX; r++)
		if (vcpu->exit_count[r])
			add(&l, " exit_%s=%llu", exit_reason_name(r),
			    (unsigned long long)vcpu->exit_count[r]);
	if (vcpu->exits_other)
		add(&l, " exit_other=%llu",
		    (unsigned long long)vcpu->exits_other);
	add(&l, " injected_gp=%llu injected_ud=%llu",
	    (unsigned long long)vcpu->injected_gp,
	    (unsigned long long)vcpu->injected_ud);
	for (unsigned i = 0; i < vcpu->report_count; i++)
		add(&l, " guest_%s", vcpu->report[i].text);
	printk("%s\n", l.buf);
}

void print_early_summary(const struct fl_options *opts, const char *stop)
{
	static struct line l;

	l.len = 0;
	add(&l, "faultline-summary: result=fail stop=%s", stop);
	add_options(&l, opts, 0);
	printk("%s\n", l.buf);
}
