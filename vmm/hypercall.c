/* vmm/hypercall.c - VMCALL: faultline's hypercalls (console, report, exit), every argument checked. KVM: kvm_emulate_hypercall() in arch/x86/kvm/x86.c. */
#include "exit.h"
#include "console.h"
#include "guest_memory.h"
#include "guest_console.h"
#include "guest_report.h"
#include "timer.h"
#include "vmx_ops.h"
#include "../include/trace.h"

#define FL_EPERM	1	/* KVM_EPERM: hypercalls are for CPL 0 */

unsigned vcpu_cpl(void)
{
	return (unsigned)VMX_AR_DPL(vmcs_read(GUEST_SS_AR_BYTES));
}

/*
 * Past the console's cap the text is not even read: only its length is
 * counted, so a guest printing in a loop costs one VMCALL per call.
 */
static s64 hc_console_write(struct vcpu *vcpu, gpa_t gpa, u64 len)
{
	u64 shown = MIN(len, guest_console_room(vcpu));
	char chunk[256];

	if (len > FL_HC_CONSOLE_MAX)
		return -FL_E2BIG;
	if (gpa >= vcpu->mm->guest_mem || len > vcpu->mm->guest_mem - gpa)
		return -FL_EFAULT;
	for (u64 done = 0; done < shown;) {
		u64 n = MIN(shown - done, sizeof(chunk));

		if (read_guest(vcpu, gpa + done, chunk, n))
			return -FL_EFAULT;
		for (u64 i = 0; i < n; i++)
			guest_console_putc(vcpu, (u8)chunk[i]);
		done += n;
	}
	guest_console_drop(vcpu, len - shown);
	return 0;
}

/* The report is read into faultline first: the checks never see guest memory twice. */
static s64 hc_report(struct vcpu *vcpu, gpa_t gpa, u64 len)
{
	char text[FL_HC_REPORT_MAX];

	if (len == 0 || len > FL_HC_REPORT_MAX)
		return -FL_EINVAL;
	if (read_guest(vcpu, gpa, text, len))
		return -FL_EFAULT;
	return guest_report_add(vcpu, text, len);
}

/* The tick only starts once the guest names a vector it has a handler for. */
static s64 hc_set_tick(struct vcpu *vcpu, u64 vector)
{
	if (vector != 0 && (vector < FL_FIRST_EXTERNAL_VECTOR || vector > 255))
		return -FL_EINVAL;
	vcpu->tick_vector = (u8)vector;
	vcpu->next_tick = vector && vcpu->tick_period ?
			  vcpu->exit_tsc + vcpu->tick_period : 0;
	return 0;
}

static s64 hc_trace(struct vcpu *vcpu, u64 what, u64 a, u64 b)
{
	(void)vcpu;
	switch (what) {
	case FL_TRACE_TASK_PARK:
		trace(TRACE_guest_task_park, a, b, 0, 0);	/* task, token */
		return 0;
	case FL_TRACE_TASK_WAKE:
		trace(TRACE_guest_task_wake, a, b, 0, 0);	/* task, token */
		return 0;
	case FL_TRACE_TASK_SWITCH:
		trace(TRACE_guest_task_switch, a, b, 0, 0);	/* prev, next */
		return 0;
	case FL_TRACE_LEVEL:
		switch (trace_buffer.level) {
		case TRACE_OFF:
			return FL_TRACE_LEVEL_OFF;
		case TRACE_SUMMARY:
			return FL_TRACE_LEVEL_SUMMARY;
		case TRACE_FULL:
			return FL_TRACE_LEVEL_FULL;
		}
		return FL_TRACE_LEVEL_OFF;
	}
	return -FL_EINVAL;
}

static s64 hc_measure(struct vcpu *vcpu, u64 begin)
{
	struct measure_window *w = &vcpu->window;

	if (begin == 1 && !w->opened) {
		w->opened = true;
		w->begin = measure_now(vcpu);
	} else if (begin == 0 && w->opened && !w->closed) {
		w->closed = true;
		w->end = measure_now(vcpu);
	} else {
		return -FL_EINVAL;
	}
	return 0;
}

static enum exit_result hc_exit(struct vcpu *vcpu, u64 result)
{
	vcpu->guest_exit_code = result;
	console_flush_guest(vcpu);
	if (result == FL_RESULT_PASS)
		return vcpu_stop(vcpu, RUN_PASS, "guest_exit",
				 "the guest exited: pass");
	return vcpu_stop(vcpu, RUN_FAIL, "guest_exit",
			 "the guest exited: fail (code %llu)",
			 (unsigned long long)result);
}

enum exit_result handle_vmcall(struct vcpu *vcpu)
{
	struct guest_regs *r = &vcpu->regs;
	s64 ret;

	skip_emulated_instruction(vcpu);
	if (vcpu_cpl() != 0) {
		r->rax = (u64)-FL_EPERM;
		return EXIT_RESUME;
	}
	switch (r->rax) {
	case FL_HC_CONSOLE_WRITE:
		ret = hc_console_write(vcpu, r->rbx, r->rcx);
		break;
	case FL_HC_REPORT:
		ret = hc_report(vcpu, r->rbx, r->rcx);
		break;
	case FL_HC_EXIT:
		return hc_exit(vcpu, r->rbx);
	case FL_HC_SET_TICK:
		ret = hc_set_tick(vcpu, r->rbx);
		break;
	case FL_HC_MEASURE:
		ret = hc_measure(vcpu, r->rbx);
		break;
	case FL_HC_TRACE:
		ret = hc_trace(vcpu, r->rbx, r->rcx, r->rdx);
		break;
	default:
		ret = -FL_ENOSYS;
		break;
	}
	r->rax = (u64)ret;
	return EXIT_RESUME;
}
