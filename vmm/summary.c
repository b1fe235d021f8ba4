/* vmm/summary.c - the run's last line, "faultline-summary: key=value ...", which tests and tools parse. No KVM twin: KVM's counters are its debugfs stats. */
#include "summary.h"
#include "console.h"
#include "vmm.h"
#include "../boot/tsc_freq.h"
#include "timer.h"
#include "vmx_names.h"
#include "console_scan.h"
#include "../include/trace.h"
#include "../mm/hist.h"
#include "../mm/swap.h"

/*
 * The line is written piece by piece as it is built, so no buffer bounds
 * it: it is never cut, and always ends with its newline. A piece is one
 * add(): a few keys with numbers, or one guest report (at most
 * FL_HC_REPORT_MAX bytes), well inside PIECE_MAX.
 *
 * Who may write what: faultline's keys never begin with "guest_"; each
 * guest report is one "guest_<key>=<value>" (hc_report() checked its
 * characters and keeps one value per key), so a guest can add keys but
 * never repeat or change faultline's. The line starts at the beginning
 * of a line of faultline's console, where guest text never is: guest
 * lines all begin "guest: ".
 */
#define PIECE_MAX	512

struct line {
	size_t len;		/* bytes written so far */
};

static void add(struct line *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void add(struct line *l, const char *fmt, ...)
{
	char piece[PIECE_MAX];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(piece, sizeof(piece), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(piece))
		panic("a summary piece of %d bytes (\"%.32s...\")", n, piece);
	console_write(piece, (size_t)n);
	l->len += (size_t)n;
}

static const char *result_name(enum run_result r)
{
	return r == RUN_PASS ? "pass" : "fail";
}

static void add_options(struct line *l, const struct fl_options *o,
			u64 tsc_hz)
{
	add(l, " engine=%s", fl_engine_names[o ? o->engine : FL_ENGINE_UNKNOWN]);
	if (o && o->ips)
		add(l, " ips=%llu", (unsigned long long)o->ips);
	if (tsc_hz)
		add(l, " tsc_hz=%llu tsc_source=%s tsc_spread_ppm=%u",
		    (unsigned long long)tsc_hz,
		    tsc_source_name(tsc_calibration.source),
		    tsc_calibration.spread_ppm);
	if (o)
		add(l, " vm_kind=%s", fl_guest_kind_names[o->guest_kind]);
}

#define U(x)	((unsigned long long)(x))

/* The pager's counters: what it did, and faultline's own cycles per fault (device time excluded). */
static void add_paging(struct line *l, const struct vcpu *vcpu)
{
	const struct mm *mm = vcpu->mm;
	const struct mm_stats *st = &mm->stats;

	add(l, " faults_swapin=%llu faults_joined=%llu faults_rescue=%llu "
	    "faults_spurious=%llu faults_noframe=%llu",
	    U(st->faults_swapin), U(st->faults_joined), U(st->faults_rescue),
	    U(st->faults_spurious), U(st->faults_noframe));
	add(l, " evictions=%llu "
	    "writebacks=%llu clean_drops=%llu swap_slots_used=%llu "
	    "pin_errors=%llu",
	    U(st->evictions),
	    U(st->writebacks), U(st->clean_drops), U(st->swap_slots_used),
	    U(st->pin_errors));
	add(l, " reclaim_idle=%llu reclaim_wait_cycles=%llu "
	    "reclaim_timer_cycles=%llu", U(st->reclaim_idle),
	    U(vcpu->reclaim_wait_cycles), U(vcpu->reclaim_timer_cycles));
	add(l, " swap_latency_us=%llu vcpu_wait_cycles=%llu halted_cycles=%llu"
	    " halt_wake_late_max=%llu",
	    U(vcpu->opts->swap_latency_us), U(vcpu->guest_wait_cycles),
	    U(vcpu->halted_cycles), U(vcpu->halt_wake_late_max));
	add(l, " lat_zero_p50=%llu lat_zero_p99=%llu lat_swapin_p50=%llu "
	    "lat_swapin_p99=%llu",
	    U(lat_hist_percentile(&vcpu->fault_lat.zero, 50)),
	    U(lat_hist_percentile(&vcpu->fault_lat.zero, 99)),
	    U(lat_hist_percentile(&vcpu->fault_lat.swapin, 50)),
	    U(lat_hist_percentile(&vcpu->fault_lat.swapin, 99)));
}

/* value / total as "0.xxx", rounded down; 0.000 when total is 0. */
static void add_ratio(struct line *l, const char *key, u64 value, u64 total)
{
	u64 milli = total ? MIN(value, total) * 1000 / total : 0;

	add(l, " %s=%llu.%03llu", key, U(milli / 1000), U(milli % 1000));
}

/*
 * The swap device, and how much of its read time the guest spent doing
 * its own work. Busy time is the union of the requests' [submitted, due]
 * (mm/swap.c), so overlapping requests count once; the device stamps a
 * request when it reaches it, after faultline's own work for the fault.
 *
 *   overlap_ratio = guest running while a read is in flight / read busy
 *                   time. "Running": VM entry to VM exit, so neither
 *                   faultline's exit handling nor a HLT counts; the
 *                   guest's interrupt handlers, scheduler and the few
 *                   instructions of its idle loop between HLTs do.
 *   hidden_ratio  = 1 - vcpu_wait_cycles / read busy time: the share of
 *                   it the vCPU was not held waiting. It counts
 *                   faultline's exit handling as hidden, so it is never
 *                   below overlap_ratio.
 *
 * Both over the guest's timed phase (FL_HC_MEASURE) if it marked one
 * (measured=window), else over the whole run (measured=run).
 */
static void add_device(struct line *l, const struct vcpu *vcpu)
{
	const struct swap_dev *dev = vcpu->mm->swap;
	const struct measure_window *w = &vcpu->window;
	struct measure_point from = { 0 }, to = measure_now(vcpu);
	u64 busy, wait;

	if (!dev) {
		add(l, " swapin_device_cycles=0 overlap_ratio=0.000 "
		    "hidden_ratio=0.000");
		return;
	}
	add(l, " swap_qd=%u swapin_device_cycles=%llu swap_read_busy_cycles=%llu "
	    "swap_write_busy_cycles=%llu swap_busy_cycles=%llu", dev->qd,
	    U(dev->read_device_cycles), U(dev->busy_read.cycles),
	    U(dev->busy_write.cycles), U(dev->busy.cycles));
	if (w->closed) {
		from = w->begin;
		to = w->end;
	}
	busy = to.read_busy - from.read_busy;
	wait = to.wait - from.wait;
	add(l, " measured=%s measured_cycles=%llu overlap_cycles=%llu",
	    w->closed ? "window" : "run", U(to.tsc - from.tsc),
	    U(to.overlap - from.overlap));
	add_ratio(l, "overlap_ratio", to.overlap - from.overlap, busy);
	add_ratio(l, "hidden_ratio", wait >= busy ? 0 : busy - wait, busy);
}

/* Async PF's counters, and how much device time the guest did not wait for. */
static void add_async_pf(struct line *l, const struct vcpu *vcpu)
{
	add(l, " async_pf=%s apf_not_present=%llu apf_ready=%llu "
	    "apf_sync_fallback=%llu apf_repeated=%llu injected_irqs=%llu "
	    "ticks=%llu", vcpu->apf.offered ? "on" : "off",
	    U(vcpu->apf.not_present), U(vcpu->apf.ready),
	    U(vcpu->apf.sync_fallback), U(vcpu->apf.repeated),
	    U(vcpu->injected_irqs), U(vcpu->ticks));
	add_device(l, vcpu);
}

/*
 * faultline's own cycles by exit reason: VM exit to the handler's
 * decision (dispatcher, vmx_handle_exit), minus the spins in it waiting
 * for a deadline (exit_wait_cycles: device time on a synchronous fault,
 * the guest's idle time on HLT). So exit_cycles = exit_wait_cycles + the
 * sum of exit_<reason>_cycles. Completions processed while waiting (the
 * swap-in's copy and map) count as the waiting exit's own work.
 */
static void add_exit_cycles(struct line *l, const struct vcpu *vcpu)
{
	add(l, " exit_wait_cycles=%llu", U(vcpu->exit_wait_cycles));
	for (u32 r = 0; r < EXIT_REASON_MAX; r++)
		if (vcpu->exit_count[r])
			add(l, " exit_%s_cycles=%llu", exit_reason_name(r),
			    U(vcpu->exit_reason_cycles[r]));
}

/*
 * The virtual platform: port accesses no device answered (reads got all
 * ones, writes were dropped), bytes the guest sent through COM1, the APIC
 * timer's expiries, IPIs of a kind faultline does not model, and the
 * isa-debug-exit code when the run ended through it (QEMU's exit status).
 */
static void add_platform(struct line *l, const struct vcpu *vcpu)
{
	add(l, " io_unclaimed_reads=%llu io_unclaimed_writes=%llu "
	    "com1_tx_bytes=%llu apic_timer_fired=%llu apic_ipis_dropped=%llu",
	    U(vcpu->io.unclaimed_reads), U(vcpu->io.unclaimed_writes),
	    U(vcpu->io.com1.tx_bytes), U(vcpu->apic.timer_fired),
	    U(vcpu->apic.ipis_dropped));
	add(l, " kernel_complaint=%s",
	    kernel_complaint_name((enum kernel_complaint)vcpu->complaint));
	if (vcpu->debug_exited)
		add(l, " debug_exit_code=%llu",
		    U(((u64)vcpu->io.debug_exit_value << 1) | 1));
}

void print_summary(const struct vcpu *vcpu)
{
	struct line l = { 0 };
	const struct mm *mm = vcpu->mm;

	add(&l, "\nfaultline-summary: result=%s stop=%s",
	    result_name(vcpu->result), vcpu->stop_code);
	add_options(&l, vcpu->opts, vcpu->tsc_hz);
	add(&l, " vm_mem=%llu frames=%llu frames_used=%llu",
	    (unsigned long long)mm->guest_mem,
	    (unsigned long long)mm->frames->nr_frames,
	    (unsigned long long)frame_pool_used(mm->frames));
	add(&l, " ept_ad=%s faults_fast=%llu ept_flushes=%llu",
	    mm->ept->ad == EPT_AD_HW ? "hw" : "sw",
	    (unsigned long long)mm->stats.faults_fast,
	    (unsigned long long)mm->ept->flushes);
	add(&l, " ept_violations=%llu faults_zero=%llu pages_populated=%llu",
	    (unsigned long long)mm->stats.ept_violations,
	    (unsigned long long)mm->stats.faults_zero,
	    (unsigned long long)mm->stats.pages_populated);
	add_paging(&l, vcpu);
	add_async_pf(&l, vcpu);
	add(&l, " exits=%llu exit_cycles=%llu",
	    (unsigned long long)vcpu->exits_total,
	    (unsigned long long)vcpu->exit_cycles);
	add(&l, " host_nmis=%llu", (unsigned long long)host_nmis);
	for (u32 r = 0; r < EXIT_REASON_MAX; r++)
		if (vcpu->exit_count[r])
			add(&l, " exit_%s=%llu", exit_reason_name(r),
			    (unsigned long long)vcpu->exit_count[r]);
	if (vcpu->exits_other)
		add(&l, " exit_other=%llu",
		    (unsigned long long)vcpu->exits_other);
	add_exit_cycles(&l, vcpu);
	add(&l, " injected_gp=%llu injected_ud=%llu console_dropped=%llu",
	    (unsigned long long)vcpu->injected_gp,
	    (unsigned long long)vcpu->injected_ud,
	    (unsigned long long)vcpu->console_dropped);
	add_platform(&l, vcpu);
	/* Which faultline ran: the one without tracepoints, for trace=off. */
#ifdef FL_NO_TRACE
	add(&l, " tracepoints=compiled_out");
#else
	add(&l, " tracepoints=patched");
#endif
	if (trace_buffer.level != TRACE_OFF)
		for (unsigned e = 0; e < NR_TRACE_EVENTS; e++)
			add(&l, " trace_%s=%llu", trace_event_name(e),
			    (unsigned long long)trace_buffer.count[e]);
	for (unsigned i = 0; i < vcpu->report_count; i++)
		add(&l, " guest_%s", vcpu->report[i].text);
	add(&l, "\n");
}

void print_early_summary(const struct fl_options *opts, const char *stop)
{
	struct line l = { 0 };

	add(&l, "\nfaultline-summary: result=fail stop=%s", stop);
	add_options(&l, opts, 0);
	add(&l, "\n");
}
