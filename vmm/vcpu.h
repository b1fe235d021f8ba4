/* vmm/vcpu.h - the one virtual CPU: guest registers VMX does not save, exit state, counters. KVM: struct kvm_vcpu / struct vcpu_vmx. */
#ifndef FAULTLINE_VCPU_H
#define FAULTLINE_VCPU_H

#include "../include/types.h"
#include "../include/vmx.h"
#include "../include/x86.h"
#include "../include/guest_abi.h"
#include "../mm/mmu.h"
#include "../mm/fault_latency.h"
#include "../include/options.h"
#include "async_pf_queue.h"
#include "lapic.h"
#include "iobus.h"

/*
 * The guest's general-purpose registers and CR2, which VM exit does not
 * save in the VMCS. vmenter.asm loads and stores them at offsets the
 * build takes from this struct (vmm/asm-offsets.c): any order works.
 */
struct guest_regs {
	u64 rax, rbx, rcx, rdx, rsi, rdi, rbp;
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 cr2;
};

/* A handler returns EXIT_RESUME to re-enter the guest, EXIT_STOP to stop. */
enum exit_result {
	EXIT_RESUME,
	EXIT_STOP,
};

/* How the run ended: the summary's result= and the power-off path. */
enum run_result {
	RUN_RUNNING,
	RUN_PASS,	/* the guest exited through FL_HC_EXIT with PASS */
	RUN_FAIL,	/* the guest reported failure, or was stopped */
};

/* One VM exit, as kept in the ring a fatal stop dumps. */
struct exit_record {
	u64 tsc;
	u32 reason;
	u64 qualification;
	gpa_t gpa;
	u64 rip;
};

#define EXIT_RING_SIZE	16	/* the last exits a fatal stop prints */

struct guest_report_item {
	char text[FL_HC_REPORT_MAX + 1];
};

/* The figures a measurement window takes the difference of. */
struct measure_point {
	u64 tsc, overlap, read_busy, busy, wait;
};

/*
 * FL_HC_MEASURE: the guest's timed phase. Ratios in the summary are taken
 * over it when the guest opened and closed one, else over the whole run.
 */
struct measure_window {
	bool opened, closed;
	struct measure_point begin, end;
};

/* KVM: vcpu->arch.apf */
struct vcpu_apf {
	bool offered;		/* async_pf=on: CPUID advertises it */
	u64 msr_en_val;		/* MSR_KVM_ASYNC_PF_EN as last written */
	u64 msr_int_val;	/* MSR_KVM_ASYNC_PF_INT */
	u8 vec;			/* "page ready" vector */
	gpa_t data_gpa;		/* struct kvm_vcpu_pv_apf_data */
	/*
	 * The area through faultline's own mapping, while async PF is on:
	 * its page is pinned, so its frame stays put, and marked dirty once
	 * at pin time, so every later write here counts without an EPT walk.
	 * KVM: the gfn_to_hva_cache apf.data.
	 */
	struct kvm_vcpu_pv_apf_data *data;
	bool send_user_only;	/* no SEND_ALWAYS: async only at CPL 3 */
	bool pageready_pending;	/* "page ready" sent, ACK not yet seen */
	bool ready_requested;	/* ACK seen: KVM_REQ_APF_READY */
	struct async_pf_queue queue;

	u64 not_present;	/* "page not present" injected */
	u64 ready;		/* "page ready" injected */
	u64 sync_fallback;	/* swapped-page faults taken synchronously */
	u64 repeated;		/* faults that joined a page already in flight */
};

/*
 * What the guest may put in its control registers, fixed once from its
 * CPUID and the CPU's VMX limits (cr.c). KVM: vcpu->arch.cr4_guest_rsvd_bits,
 * guest_supported_xcr0, maxphyaddr.
 */
struct vcpu_cr {
	u64 cr0_fixed0, cr0_fixed1;	/* IA32_VMX_CR0_FIXED0/1 */
	u64 cr4_fixed0, cr4_fixed1;
	u64 cr4_guest_rsvd_bits;
	u64 guest_supported_xcr0;
	unsigned maxphyaddr;
	u64 xcr0;			/* as the guest last set it */
};

struct vcpu {
	struct guest_regs regs;		/* vmenter.asm: VCPU_<reg> offsets */
	/*
	 * HOST_RSP as last written (vmenter.asm, at VCPU_HOST_RSP from
	 * vmm/asm-offsets.c): rewritten only when the entry frame moves.
	 */
	u64 host_rsp;
	bool launched;			/* VMLAUNCH done: use VMRESUME */

	/* this exit, read once by the dispatcher */
	u32 exit_reason;
	u64 exit_qualification;
	u64 exit_gpa;		/* EPT violation/misconfig: the GPA, read once */
	u64 exit_tsc;
	u64 entry_tsc;			/* the VM entry before this exit */

	struct mm *mm;
	const struct fl_options *opts;
	u64 tsc_hz;
	u64 eptp;

	/* the end of the run */
	enum run_result result;
	const char *stop_code;		/* summary's stop=, e.g. "guest_exit" */
	u64 guest_exit_code;		/* FL_HC_EXIT's argument */

	/* an event to deliver at the next VM entry (0: none) */
	u32 pending_intr_info;
	u32 pending_error_code;
	u32 pending_instr_len;
	bool entry_event_written;	/* VM_ENTRY_INTR_INFO_FIELD may be valid */

	/* guest console text, printed a line at a time (guest_console.c) */
	char console_line[128];
	unsigned console_len;
	bool console_cr_pending;	/* a CR waits: dropped if LF follows */
	u64 console_bytes;		/* guest bytes shown, up to the cap */
	u64 console_dropped;		/* guest bytes past the cap */
	u64 console_lines;		/* complete lines so far */
	unsigned complaint;		/* enum kernel_complaint: the first seen */

	/* counters for the summary line */
	u64 exits_total;
	u64 exit_count[EXIT_REASON_MAX];
	u64 exits_other;		/* reasons >= EXIT_REASON_MAX */
	u64 exit_cycles;		/* TSC ticks spent handling exits */
	/*
	 * faultline's own cycles per exit reason: exit to the decision, minus
	 * the spins waiting for a deadline (exit_wait_cycles), which are the
	 * device's or the guest's time, not faultline's work.
	 */
	u64 exit_reason_cycles[EXIT_REASON_MAX];
	u64 exit_wait_cycles;		/* spins for a deadline, all exits */
	u64 this_exit_wait;		/* spins inside the exit being handled */
	u64 injected_gp, injected_ud;
	u64 io_denied, msr_denied;	/* accesses refused with #GP */

	u32 cpu_based_ctrl;		/* CPU_BASED_VM_EXEC_CONTROL as written */
	struct kvm_lapic apic;		/* the guest's x2APIC (CR8 is its TPR) */
	struct vcpu_cr cr;
	u64 injected_irqs;

	/* the PV tick (FL_HC_SET_TICK, tick_us=) */
	u8 tick_vector;			/* 0: off */
	u64 tick_period;		/* TSC ticks; 0: tick_us not set */
	u64 next_tick;			/* TSC deadline; 0: none */
	u64 ticks;
	unsigned preemption_timer_rate;	/* timer ticks every 2^rate TSC ticks */
	u64 guest_wait_cycles;		/* vCPU held while faultline waited for I/O */
	u64 halted_cycles;		/* guest HLT, waiting for an event */
	struct fault_latency fault_lat;	/* faultline's cycles per fault */
	bool hlt_activity;		/* the CPU can enter a guest halted */
	bool halted;			/* entered in the HLT activity state */
	bool halt_io_wait;		/* ... while its own pages were in flight */
	u64 halt_start;			/* TSC of its HLT */
	u64 timer_deadline;		/* what the preemption timer was armed for */
	u64 halt_wake_late_max;		/* worst exit TSC - deadline when halted */
	/*
	 * Cycles the guest ran (VM entry to VM exit: never faultline's exit
	 * handling, never a HLT, which exits or is entered halted) while the
	 * swap device was busy with a read: the numerator of overlap_ratio
	 * (summary.c).
	 */
	u64 overlap_cycles;
	u64 reclaim_wait_cycles;	/* mm_reclaim_idle() while waiting or at HLT */
	u64 reclaim_timer_cycles;	/* mm_reclaim_idle() on timer exits */
	struct measure_window window;	/* FL_HC_MEASURE */

	struct vcpu_apf apf;
	struct io_bus io;		/* the guest's ports: COM1, RTC, empty bus */
	bool debug_exited;		/* the run ended through isa-debug-exit */

	struct exit_record ring[EXIT_RING_SIZE];
	u64 ring_next;			/* total records ever written */

	/* one more than the limit: a new report is read into the spare slot */
	struct guest_report_item report[FL_REPORT_ITEMS + 1];
	unsigned report_count;
};

/*
 * Ends the run: prints "faultline: <message>" and returns EXIT_STOP.
 * code is a word for the summary's stop= key ("outside_gpa", "reset").
 */
enum exit_result vcpu_stop(struct vcpu *vcpu, enum run_result result,
			   const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Re-queue an event whose delivery the exit interrupted; then write whatever is queued into the entry fields. */
void vcpu_complete_interrupts(struct vcpu *vcpu);
void vcpu_write_pending_event(struct vcpu *vcpu);

/* CPL of the guest at this exit (SS.DPL, as KVM's vmx_get_cpl()). */
unsigned vcpu_cpl(void);

/* Skip the instruction that exited (its length is in the VMCS). */
void skip_emulated_instruction(struct vcpu *vcpu);

/* Event injection at the next VM entry; KVM: kvm_queue_exception(). */
void inject_exception(struct vcpu *vcpu, u8 vector);
void inject_exception_error(struct vcpu *vcpu, u8 vector, u32 error_code);
static inline void inject_gp(struct vcpu *vcpu)
{
	inject_exception_error(vcpu, X86_TRAP_GP, 0);
	vcpu->injected_gp++;
}
static inline void inject_ud(struct vcpu *vcpu)
{
	inject_exception(vcpu, X86_TRAP_UD);
	vcpu->injected_ud++;
}

#endif
