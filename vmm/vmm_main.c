/* vmm/vmm_main.c - bring VMX up, run the guest until it stops, print the summary, power off. KVM: vcpu_run() / vcpu_enter_guest() in arch/x86/kvm/x86.c. */
#include "vmm.h"
#include "console.h"
#include "cr.h"
#include "dump.h"
#include "exit.h"
#include "cpuid.h"
#include "console_scan.h"
#include "async_pf.h"
#include "guest_memory.h"
#include "host_apic.h"
#include "guest_console.h"
#include "interrupt.h"
#include "timer.h"
#include "../include/lib.h"
#include "../include/trace.h"
#include "../include/lib.h"
#include "portio.h"
#include "summary.h"
#include "vmcs.h"
#include "vmx_hw.h"
#include "vmx_ops.h"

/* The one vCPU; panic() reaches it here to print how the run got there. */
static struct vcpu vcpu0;
static bool vcpu_running;
const struct fl_options *run_options;

int vmx_vcpu_run(struct vcpu *vcpu, u64 launched);	/* vmenter.asm */
/* vmenter.asm's REGS_* and VCPU_HOST_RSP offsets. */
_Static_assert(offsetof(struct vcpu, regs) == 0, "vmenter.asm: regs first");
_Static_assert(offsetof(struct vcpu, host_rsp) == sizeof(struct guest_regs),
	       "vmenter.asm: VCPU_HOST_RSP follows regs");

enum exit_result vcpu_stop(struct vcpu *vcpu, enum run_result result,
			   const char *code, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	console_flush_guest(vcpu);
	printk("faultline: %s\n", msg);
	vcpu->result = result;
	vcpu->stop_code = code;
	return EXIT_STOP;
}

void vstop_before_guest(const char *stop, const char *fmt, va_list ap)
{
	char msg[384];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	printk("faultline: %s\n", msg);
	print_early_summary(run_options, stop);
	machine_power_off();
}

void machine_cannot(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vstop_before_guest("unsupported", fmt, ap);
}

void panic(const char *fmt, ...)
{
	static bool panicking;	/* a panic inside the dump must not recurse */
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk("faultline: BUG: %s\n", msg);
	if (!panicking && vcpu_running) {
		panicking = true;
		dump_vmcs();
		dump_guest_registers(&vcpu0);
		dump_exit_ring(&vcpu0);
		vcpu0.result = RUN_FAIL;
		vcpu0.stop_code = "bug";
		print_summary(&vcpu0);
	} else if (!panicking) {
		print_early_summary(run_options, "bug");
	}
	machine_power_off();
}

/*
 * trace=full leaves through port 0xE9 a page at a time: each
 * debugcon_write() is one REP OUTSB, which KVM completes in one exit per
 * page, so a full ring costs thousands of exits instead of one per byte
 * (or per line). The bytes are the same as unbuffered.
 */
static char trace_out_buf[PAGE_SIZE];
static size_t trace_out_len;

static void trace_out_flush(void)
{
	debugcon_write(trace_out_buf, trace_out_len);
	trace_out_len = 0;
}

static void trace_out(const char *s, size_t len)
{
	while (len) {
		size_t n = MIN(len, sizeof(trace_out_buf) - trace_out_len);

		memcpy(trace_out_buf + trace_out_len, s, n);
		trace_out_len += n;
		s += n;
		len -= n;
		if (trace_out_len == sizeof(trace_out_buf))
			trace_out_flush();
	}
}

/* trace=full: the whole ring, through port 0xE9, after the summary. */
static void dump_trace(const struct vcpu *vcpu)
{
	char header[160];

	if (trace_buffer.level != TRACE_FULL)
		return;
	snprintf(header, sizeof(header), "engine=%s ips=%llu tsc_hz=%llu",
		 fl_engine_names[vcpu->opts->engine], (unsigned long long)vcpu->opts->ips,
		 (unsigned long long)vcpu->tsc_hz);
	trace_dump(trace_out, header);
	trace_out_flush();
	printk("faultline: trace: %llu records, %llu dropped, written to port 0xe9\n",
	       (unsigned long long)trace_buffer.used,
	       (unsigned long long)trace_buffer.dropped);
}

static void host_cpuid(u32 leaf, u32 subleaf, struct cpuid_regs *r)
{
	cpuid_count(leaf, subleaf, &r->eax, &r->ebx, &r->ecx, &r->edx);
}

/*
 * The guest's CPUID follows the controls faultline runs with; of KVM's
 * PV features it shows only what faultline implements: async PF with
 * "page ready" as an interrupt (async_pf.c), when async_pf=on.
 */
static void setup_guest_cpuid(const struct vcpu *vcpu,
			      const struct vmcs_config *conf)
{
	struct guest_cpuid_config c = {
		.host_cpuid = host_cpuid,
		.secondary_exec_ctrl = conf->cpu_based_2nd_exec_ctrl,
		.vmexit_ctrl = conf->vmexit_ctrl,
		.vmentry_ctrl = conf->vmentry_ctrl,
		.tsc_hz = vcpu->tsc_hz,
		.kvm_features = guest_kvm_features(vcpu->opts->async_pf),
	};

	guest_cpuid_setup(&c);
}

static void run_guest(struct vcpu *vcpu)
{
	for (;;) {
		process_due_work(vcpu, rdtsc());
		if (vcpu_halt_check(vcpu) == EXIT_STOP)
			return;
		inject_pending_interrupt(vcpu);
		vcpu_write_pending_event(vcpu);
		/*
		 * Every EPT right, A/D bit or mapping taken away since the
		 * last entry, in one INVEPT; none if nothing was (ept/ept.h).
		 * Before the timer is armed, so its cost does not eat the
		 * guest's slice. Nothing from here to the entry changes EPT.
		 * KVM: kvm_service_local_tlb_flush_requests() in
		 * vcpu_enter_guest().
		 */
		ept_flush_if_requested(vcpu->mm->ept);
		arm_preemption_timer(vcpu, rdtsc());
		/* The exit just handled ends here: its span is exit_tsc..now. */
		if (trace_on() && vcpu->launched)
			trace_record(TRACE_kvm_entry, vcpu->exit_reason &
			      EXIT_REASON_BASIC_MASK, vcpu->exit_tsc, 0, 0);
		if (vmx_vcpu_run(vcpu, vcpu->launched)) {
			report_vm_instruction_error(vcpu->launched ?
						    "VMRESUME" : "VMLAUNCH");
			vcpu->result = RUN_FAIL;
			vcpu->stop_code = "vmentry_failed";
			return;
		}
		/* vmenter.asm stamped entry_tsc and exit_tsc around the guest. */
		account_guest_run(vcpu);
		vcpu->launched = true;
		vcpu->exit_reason = (u32)vmcs_read(VM_EXIT_REASON);
		if (vmx_handle_exit(vcpu) == EXIT_STOP)
			return;
	}
}

void vmm_main(struct vmm_boot *boot)
{
	static struct vmx_capability cap;
	static struct vmcs_config conf;
	struct vcpu *vcpu = &vcpu0;

	vmx_hardware_enable(&cap, &conf, boot->vmxon_region);
	printk("faultline: VMX capability: basic=%#llx pin=%#llx proc=%#llx "
	       "proc2=%#llx exit=%#llx entry=%#llx misc=%#llx ept_vpid=%#llx\n",
	       (unsigned long long)cap.basic, (unsigned long long)cap.pinbased,
	       (unsigned long long)cap.procbased,
	       (unsigned long long)cap.procbased2,
	       (unsigned long long)cap.exit, (unsigned long long)cap.entry,
	       (unsigned long long)cap.misc,
	       (unsigned long long)cap.ept_vpid_cap);
	printk("faultline: VMX on (VMCS revision %#x, preemption timer rate "
	       "2^%u), EPTP %#llx\n", conf.revision_id,
	       conf.preemption_timer_rate,
	       (unsigned long long)ept_eptp(boot->mm->ept));

	vcpu->mm = boot->mm;
	vcpu->opts = boot->opts;
	vcpu->tsc_hz = boot->tsc_hz;
	vcpu->eptp = ept_eptp(boot->mm->ept);
	vcpu->stop_code = "running";
	vcpu->cpu_based_ctrl = conf.cpu_based_exec_ctrl;
	vcpu->hlt_activity = cap.misc & VMX_MISC_ACTIVITY_HLT;
	/* The entry state guest_abi.h promises: RDI = the boot info (PV), RSI = the zero page (Linux). */
	vcpu->regs.rdi = boot->entry.rdi;
	vcpu->regs.rsi = boot->entry.rsi;
	lapic_reset(&vcpu->apic);
	io_setup_vcpu(vcpu);
	async_pf_setup_vcpu(vcpu, boot->opts->async_pf);
	timer_setup_vcpu(vcpu, boot->opts->tick_us, conf.preemption_timer_rate);
	fault_latency_init(&vcpu->fault_lat, boot->swapin_cycles,
			   boot->mm->nr_gfns);
	setup_guest_cpuid(vcpu, &conf);
	/* Before vmcs_setup(): HOST_CR4 takes the OSXSAVE it turns on. */
	xsave_host_setup();
	vcpu->cr.xcr0 = XFEATURE_MASK_FP;
	vmcs_setup(&conf, boot->vmcs_region, boot->msr_bitmap,
		   vcpu->eptp, &boot->entry,
		   boot->opts->demo_fault == FL_DEMO_FAULT_HOST_TR);
	cr_setup_vcpu(vcpu, &cap);

	vmx_flush_before_first_entry(&cap, &conf, boot->mm->ept);
	if (boot->opts->demo_fault == FL_DEMO_FAULT_HOST_NMI) {
		printk("faultline: demo_fault=host_nmi: sending this CPU an NMI "
		       "in VMX root\n");
		if (!host_apic_self_nmi())
			printk("faultline: no local APIC to send it\n");
	}
	printk("faultline: VPID: %s\n", conf.cpu_based_2nd_exec_ctrl &
	       SECONDARY_EXEC_ENABLE_VPID ? "on (VPID 1): the guest's TLB "
	       "survives VM exits" : "off (not offered with INVVPID): every "
	       "VM entry and exit flushes the guest's TLB");
	printk("faultline: entering the guest at RIP %#llx\n",
	       (unsigned long long)boot->entry.rip);
	vcpu_running = true;
	run_guest(vcpu);
	/* A kernel complaint on the console fails the run, whatever followed. */
	if (vcpu->complaint != COMPLAINT_NONE && vcpu->result == RUN_PASS) {
		printk("faultline: the guest's console showed a kernel "
		       "complaint (%s): the run fails\n",
		       kernel_complaint_name(vcpu->complaint));
		vcpu->result = RUN_FAIL;
	}
	/* A stop the guest did not ask for: show how it got there. */
	if (vcpu->result != RUN_PASS) {
		if (strcmp(vcpu->stop_code, "guest_exit") &&
		    strcmp(vcpu->stop_code, "debug_exit"))
			dump_guest_registers(vcpu);
		dump_exit_ring(vcpu);
	}
	dump_trace(vcpu);
	print_summary(vcpu);
	machine_power_off();
}
