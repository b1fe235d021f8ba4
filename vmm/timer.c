/* vmm/timer.c - time in faultline: TSC deadlines (swap I/O, the PV tick, the guest's APIC timer), the VMX-preemption timer, and waiting when the guest idles. KVM: the hv_timer in arch/x86/kvm/vmx/vmx.c (vmx_set_hv_timer), kvm_vcpu_block(). */
#include "timer.h"
#include "lapic.h"
#include "exit.h"
#include "async_pf.h"
#include "interrupt.h"
#include "portio.h"
#include "vmx_ops.h"
#include "../mm/swap.h"
#include "../include/trace.h"

#define PREEMPTION_TIMER_MAX	0xffffffffull	/* the field is 32 bits */
#define NO_DEADLINE		SWAP_NO_DEADLINE
_Static_assert(LAPIC_NO_DEADLINE == NO_DEADLINE, "one 'no deadline' value");

void timer_setup_vcpu(struct vcpu *vcpu, u64 tick_us, unsigned rate)
{
	vcpu->tick_period = tick_us * vcpu->tsc_hz / 1000000;
	vcpu->preemption_timer_rate = rate;
}

/* The earliest TSC at which faultline has something to do, or NO_DEADLINE. */
static u64 next_deadline(const struct vcpu *vcpu)
{
	u64 d = swap_next_deadline(vcpu->mm->swap);

	if (vcpu->next_tick && vcpu->tick_vector)
		d = MIN(d, vcpu->next_tick);
	return MIN(d, lapic_next_deadline(&vcpu->apic));
}

/*
 * Everything that became due by now: swap I/O completions (a swap-in's
 * page is mapped and its async waiters get "page ready"), the PV tick and
 * the guest's APIC timer. Called before every VM entry and while waiting.
 */
void process_due_work(struct vcpu *vcpu, u64 now)
{
	kvm_check_async_pf_completion(vcpu, now);
	if (vcpu->tick_vector && vcpu->next_tick && now >= vcpu->next_tick) {
		queue_interrupt(vcpu, vcpu->tick_vector);
		vcpu->ticks++;
		/* Ticks missed while the guest could not take them collapse into one. */
		while (vcpu->next_tick <= now)
			vcpu->next_tick += vcpu->tick_period;
	}
	lapic_timer_poll(&vcpu->apic, now);
}

/*
 * faultline spins rather than HLTs while it waits: in Bochs a halted CPU
 * skips ahead on its emulated timers, which do not keep pace with the TSC,
 * while a spin advances the TSC one tick per instruction and lands on the
 * deadline exactly (docs/design.md, "Time and determinism").
 */
static u64 wait_until(u64 deadline)
{
	u64 now;

	while ((now = rdtsc()) < deadline)
		cpu_relax();
	return now;
}

/* Wait for the next deadline and run what became due; false if there is none. */
bool wait_for_next_event(struct vcpu *vcpu)
{
	u64 deadline = next_deadline(vcpu);
	u64 start = rdtsc(), now;

	if (deadline == NO_DEADLINE)
		return false;
	/* The vCPU waits anyway: reclaim now, not inside the next fault. */
	if (mm_reclaim_idle(vcpu->mm)) {
		now = rdtsc();
		vcpu->reclaim_wait_cycles += now - start;
		start = now;
	}
	now = wait_until(deadline);
	vcpu->this_exit_wait += now - start;
	vcpu->exit_wait_cycles += now - start;
	process_due_work(vcpu, now);
	return true;
}

/* Arm the preemption timer for the next deadline: it counts TSC >> rate. */
void arm_preemption_timer(struct vcpu *vcpu, u64 now)
{
	u64 deadline = next_deadline(vcpu), ticks;

	vcpu->timer_deadline = deadline;
	if (deadline == NO_DEADLINE)
		ticks = PREEMPTION_TIMER_MAX;
	else if (deadline <= now)
		ticks = 0;
	else
		ticks = MIN((deadline - now) >> vcpu->preemption_timer_rate,
			    PREEMPTION_TIMER_MAX);
	vmcs_write(VMX_PREEMPTION_TIMER_VALUE, ticks);
}

static enum exit_result halted_forever(struct vcpu *vcpu, bool interruptible)
{
	return vcpu_stop(vcpu, RUN_FAIL, "hlt",
			 "the guest halted at RIP %#llx with %s and no event "
			 "pending that could wake it",
			 (unsigned long long)vmcs_read(GUEST_RIP),
			 interruptible ? "interrupts on" : "interrupts off");
}

static void account_halt(struct vcpu *vcpu, u64 start, bool io_wait, u64 now)
{
	/* Idle while its own pages are in flight: time the guest loses to I/O. */
	if (io_wait)
		vcpu->guest_wait_cycles += now - start;
	vcpu->halted_cycles += now - start;
	trace(TRACE_kvm_vcpu_wait, VCPU_WAIT_HALT, start, 0, 0);
}

/*
 * The guest has nothing to run until an event comes. KVM:
 * kvm_emulate_halt() -> kvm_vcpu_block(). The events: swap completions
 * (which wake parked tasks through "page ready"), the PV tick, the
 * guest's APIC timer. With interrupts off, or nothing that could ever
 * come, the guest would sleep forever: its run ends instead.
 *
 * Where the CPU can hold a guest in the HLT activity state (IA32_VMX_MISC
 * bit 6), the guest goes back in halted, past its HLT, with the
 * preemption timer armed for the next deadline (vcpu_halt_check() wakes
 * it). The CPU idles instead of faultline spinning: under Bochs a halted
 * CPU skips ahead to its next timer event, and the preemption timer
 * counts in the same ticks as the TSC, so the wake comes at the deadline
 * (design.md, "time") without a spin costing wall time per tick.
 * Otherwise faultline spins to each deadline, then lets the guest go on
 * after its HLT with the interrupt injected.
 */
enum exit_result handle_hlt(struct vcpu *vcpu)
{
	bool interruptible = vmcs_read(GUEST_RFLAGS) & X86_EFLAGS_IF;
	bool io_wait = async_pf_work_pending(vcpu);
	u64 start = rdtsc();

	if (vcpu->hlt_activity && interruptible && !interrupt_pending(vcpu)) {
		if (next_deadline(vcpu) == NO_DEADLINE)
			return halted_forever(vcpu, interruptible);
		/* The guest idles anyway: reclaim now, not in its next fault. */
		if (mm_reclaim_idle(vcpu->mm))
			vcpu->reclaim_wait_cycles += rdtsc() - start;
		skip_emulated_instruction(vcpu);
		vcpu->halted = true;
		vcpu->halt_start = vcpu->exit_tsc;
		vcpu->halt_io_wait = io_wait;
		vmcs_write(GUEST_ACTIVITY_STATE, GUEST_ACTIVITY_HLT);
		return EXIT_RESUME;
	}

	while (interruptible && !interrupt_pending(vcpu)) {
		if (!wait_for_next_event(vcpu))
			break;
	}
	if (!interruptible || !interrupt_pending(vcpu))
		return halted_forever(vcpu, interruptible);
	account_halt(vcpu, start, io_wait, rdtsc());
	skip_emulated_instruction(vcpu);
	return EXIT_RESUME;
}

/*
 * Before each entry of a guest held halted: an interrupt the APIC would
 * deliver wakes it (the injection then takes it out of HLT, as a real
 * CPU's HLT ends on an interrupt); with none, it stays halted until the
 * next deadline, and with no deadline left nothing could ever wake it.
 * vcpu_halt_check() calls this for a vCPU in the HLT activity state.
 */
enum exit_result vcpu_halted_check(struct vcpu *vcpu)
{
	/* How late the halted CPU woke for the deadline it slept towards. */
	if ((vcpu->exit_reason & EXIT_REASON_BASIC_MASK) ==
	    EXIT_REASON_PREEMPTION_TIMER &&
	    vcpu->exit_tsc >= vcpu->timer_deadline)
		vcpu->halt_wake_late_max = MAX(vcpu->halt_wake_late_max,
					       vcpu->exit_tsc -
					       vcpu->timer_deadline);
	if (interrupt_pending(vcpu)) {
		vcpu->halted = false;
		vmcs_write(GUEST_ACTIVITY_STATE, GUEST_ACTIVITY_ACTIVE);
		account_halt(vcpu, vcpu->halt_start, vcpu->halt_io_wait, rdtsc());
		return EXIT_RESUME;
	}
	if (next_deadline(vcpu) == NO_DEADLINE)
		return halted_forever(vcpu, true);
	return EXIT_RESUME;
}

/*
 * Reads reach the device in time order and none is submitted while the
 * guest runs, so every read in flight at VM entry covers [entry, its due]
 * and their union is [entry, busy_read.until]: the guest's share of the
 * read busy time in [entry, exit] is the part before busy_read.until.
 * An entry in the HLT activity state (vcpu->halted, unchanged from entry
 * to here) ran nothing: it is halted time, never overlap.
 */
void account_guest_run(struct vcpu *vcpu)
{
	const struct swap_dev *dev = vcpu->mm->swap;
	u64 start = vcpu->entry_tsc, end = vcpu->exit_tsc;

	if (dev && !vcpu->halted && start && dev->busy_read.until > start && end > start)
		vcpu->overlap_cycles += MIN(end, dev->busy_read.until) - start;
}

struct measure_point measure_now(const struct vcpu *vcpu)
{
	const struct swap_dev *dev = vcpu->mm->swap;

	return (struct measure_point){
		.tsc = rdtsc(),
		.overlap = vcpu->overlap_cycles,
		.read_busy = dev ? dev->busy_read.cycles : 0,
		.busy = dev ? dev->busy.cycles : 0,
		.wait = vcpu->guest_wait_cycles,
	};
}
