/* vmm/timer.h - deadlines, the preemption timer, the PV tick, waiting. */
#ifndef FAULTLINE_TIMER_H
#define FAULTLINE_TIMER_H

#include "vcpu.h"

void timer_setup_vcpu(struct vcpu *vcpu, u64 tick_us, unsigned rate);
void process_due_work(struct vcpu *vcpu, u64 now);
bool wait_for_next_event(struct vcpu *vcpu);
void arm_preemption_timer(struct vcpu *vcpu, u64 now);
enum exit_result vcpu_halted_check(struct vcpu *vcpu);
/*
 * Wake a guest held in the HLT activity state once an interrupt can be
 * delivered. Before every entry; a running vCPU answers inline.
 */
static inline enum exit_result vcpu_halt_check(struct vcpu *vcpu)
{
	return vcpu->halted ? vcpu_halted_check(vcpu) : EXIT_RESUME;
}
/* The guest ran from entry_tsc to exit_tsc: count what overlapped a read. */
void account_guest_run(struct vcpu *vcpu);
/* Where the window's figures stand now. */
struct measure_point measure_now(const struct vcpu *vcpu);

#endif
