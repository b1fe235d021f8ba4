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

	if (deadline == NO_DEADLINE)
		ticks = PREEMPTION_TIMER_MAX;
	else if (deadline <= now)
		ticks = 0;
	else
		ticks = MIN((deadline - now) >> vcpu->preemption_timer_rate,
			    PREEMPTION_TIMER_MAX);
	vmcs_write(VMX_PREEMPTION_TIMER_VALUE, ticks);
}

/*
 * The guest has nothing to run until an event comes. KVM:
 * kvm_emulate_halt() -> kvm_vcpu_block(). faultline waits for the next
 * deadline itself (swap completions wake parked tasks through "page
 * ready"; the PV tick; the guest's APIC timer), then lets the guest go on after its HLT with the
 * interrupt injected. With interrupts off, or nothing that could ever
 * come, the guest would sleep forever: its run ends instead.
 */
enum exit_result handle_hlt(struct vcpu *vcpu)
{
	bool interruptible = vmcs_read(GUEST_RFLAGS) & X86_EFLAGS_IF;
	/* Idle while its own pages are in flight: time the guest loses to I/O. */
	bool io_wait = async_pf_work_pending(vcpu);
	u64 start = rdtsc();

	while (interruptible && !interrupt_pending(vcpu)) {
		if (!wait_for_next_event(vcpu))
			break;
	}
	if (!interruptible || !interrupt_pending(vcpu))
		return vcpu_stop(vcpu, RUN_FAIL, "hlt",
				 "the guest halted at RIP %#llx with %s and no "
				 "event pending that could wake it",
				 (unsigned long long)vmcs_read(GUEST_RIP),
				 interruptible ? "interrupts on"
					       : "interrupts off");
	if (io_wait)
		vcpu->guest_wait_cycles += rdtsc() - start;
	vcpu->halted_cycles += rdtsc() - start;
	trace(TRACE_kvm_vcpu_wait, VCPU_WAIT_HALT, start, 0, 0);
	skip_emulated_instruction(vcpu);
	return EXIT_RESUME;
}
