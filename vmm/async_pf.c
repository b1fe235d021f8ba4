/* vmm/async_pf.c - host side of KVM's async page fault protocol: the PV MSRs, "page not present", swap completions and "page ready" (the queue: async_pf_queue.c). KVM: kvm_pv_enable_async_pf(), kvm_arch_async_page_not_present(), kvm_arch_async_page_present() in arch/x86/kvm/x86.c, kvm_check_async_pf_completion() in virt/kvm/async_pf.c. */
#include "async_pf.h"
#include "console.h"
#include "guest_memory.h"
#include "interrupt.h"
#include "portio.h"
#include "vmm.h"
#include "vmx_ops.h"
#include "../include/kvm_para.h"
#include "../include/trace.h"

/* Bits 5:4 of MSR_KVM_ASYNC_PF_EN are reserved (KVM: "Bits 4:5 are reserved"). */
#define KVM_ASYNC_PF_EN_RESERVED	0x30ull
#define KVM_ASYNC_PF_EN_FLAGS		0x3full		/* the rest is the GPA */
#define KVM_ASYNC_PF_INT_RESERVED	(~0xffull)	/* bits 63:8 */

void async_pf_setup_vcpu(struct vcpu *vcpu, bool offered)
{
	vcpu->apf = (struct vcpu_apf){ .offered = offered };
	async_pf_init(&vcpu->apf.queue, 0);
}

static bool apf_en_get(struct vcpu *vcpu, u64 *value)
{
	*value = vcpu->apf.msr_en_val;
	return vcpu->apf.offered;
}

/*
 * KVM: kvm_pv_enable_async_pf(). Each refusal is a #GP in the guest and
 * leaves the old value in force:
 *   - async PF not offered (async_pf=off): the MSR does not exist;
 *   - reserved bits 5:4, or delivery as a #PF VM exit (nested only);
 *   - enabling as interrupt with no "page ready" vector set yet (KVM
 *     would deliver vector 0; faultline refuses instead);
 *   - the data area not entirely inside guest memory.
 * ENABLED without DELIVERY_AS_INT is accepted and means "off", as in KVM
 * (kvm_pv_async_pf_enabled() wants both).
 */
static bool apf_en_set(struct vcpu *vcpu, u64 data)
{
	struct vcpu_apf *apf = &vcpu->apf;
	gpa_t gpa = data & ~KVM_ASYNC_PF_EN_FLAGS, old_gpa = apf->data_gpa;
	bool was_enabled = async_pf_enabled(vcpu);

	if (!apf->offered || (data & KVM_ASYNC_PF_EN_RESERVED) ||
	    (data & KVM_ASYNC_PF_DELIVERY_AS_PF_VMEXIT))
		return false;
	if ((data & KVM_ASYNC_PF_ENABLED) &&
	    (data & KVM_ASYNC_PF_DELIVERY_AS_INT)) {
		if (apf->vec < FL_FIRST_EXTERNAL_VECTOR)
			return false;
		if (gpa >= vcpu->mm->guest_mem ||
		    vcpu->mm->guest_mem - gpa < sizeof(struct kvm_vcpu_pv_apf_data))
			return false;
		/*
		 * faultline writes the area while delivering events: a page
		 * swapped out then would need a swap-in inside the delivery.
		 * Keep it resident while async PF is on (KVM pins it too,
		 * through its gfn_to_hva cache).
		 */
		if (guest_page_pin(vcpu, gpa))
			return false;
	}
	if (was_enabled)
		apf->data = NULL;	/* the old area's pin goes below */
	apf->msr_en_val = data;
	apf->data_gpa = gpa;
	apf->send_user_only = !(data & KVM_ASYNC_PF_SEND_ALWAYS);
	/*
	 * Every enabled value holds exactly one pin on its area's page, so
	 * the old one's goes whatever the new one is: pins are counted, and
	 * the new value (maybe on the same page) took its own above. A guest
	 * writing the MSR in a loop pins nothing more.
	 */
	if (was_enabled)
		guest_page_unpin(vcpu, old_gpa);
	if (!async_pf_enabled(vcpu)) {
		async_pf_reset(&apf->queue);
		apf->pageready_pending = false;
		return true;
	}
	/*
	 * Pinned above, so resident: marked accessed and dirty now, once,
	 * for every write faultline makes while the pin holds. faultline
	 * touches only flags and token, the area's first 8 bytes, and the
	 * area is 64-byte aligned (bits 5:0 are flags): they are on the
	 * pinned page even where the area's last field (enabled, the
	 * guest's own) spills onto the next.
	 */
	apf->data = mm_gpa_to_virt(vcpu->mm, gpa);
	if (!apf->data)
		panic("async-PF area at GPA %#llx pinned but not mapped",
		      (unsigned long long)gpa);
	return true;
}

static bool apf_int_get(struct vcpu *vcpu, u64 *value)
{
	*value = vcpu->apf.msr_int_val;
	return vcpu->apf.offered;
}

/* KVM: kvm_pv_enable_async_pf_int(); faultline also refuses exception vectors. */
static bool apf_int_set(struct vcpu *vcpu, u64 data)
{
	if (!vcpu->apf.offered || (data & KVM_ASYNC_PF_INT_RESERVED) ||
	    (data & KVM_ASYNC_PF_VEC_MASK) < FL_FIRST_EXTERNAL_VECTOR)
		return false;
	vcpu->apf.msr_int_val = data;
	vcpu->apf.vec = (u8)(data & KVM_ASYNC_PF_VEC_MASK);
	return true;
}

static bool apf_ack_get(struct vcpu *vcpu, u64 *value)
{
	*value = 0;
	return vcpu->apf.offered;
}

/*
 * The guest consumed "page ready": the next one may go, at the next
 * kvm_check_async_pf_completion(). KVM: MSR_KVM_ASYNC_PF_ACK, which makes
 * the request KVM_REQ_APF_READY.
 */
static bool apf_ack_set(struct vcpu *vcpu, u64 data)
{
	if (!vcpu->apf.offered)
		return false;
	if (data & KVM_ASYNC_PF_ACK) {
		vcpu->apf.pageready_pending = false;
		async_pf_request_ready(vcpu);
	}
	return true;
}

static const struct emulated_msr pv_msrs[] = {
	{ MSR_KVM_ASYNC_PF_EN, "KVM_ASYNC_PF_EN", apf_en_get, apf_en_set },
	{ MSR_KVM_ASYNC_PF_INT, "KVM_ASYNC_PF_INT", apf_int_get, apf_int_set },
	{ MSR_KVM_ASYNC_PF_ACK, "KVM_ASYNC_PF_ACK", apf_ack_get, apf_ack_set },
};

const struct emulated_msr *pv_msr_find(u32 msr)
{
	for (size_t i = 0; i < ARRAY_SIZE(pv_msrs); i++)
		if (pv_msrs[i].index == msr)
			return &pv_msrs[i];
	return NULL;
}

/*
 * The guest may write the area while faultline reads it (another vCPU
 * one day, the guest's own handler now): one load, one store each, as
 * KVM's kvm_read_guest_offset_cached() / kvm_write_guest_offset_cached().
 */
static u32 apf_read_u32(const volatile u32 *field)
{
	return *field;
}

static void apf_write_u32(volatile u32 *field, u32 v)
{
	*field = v;
}

bool can_deliver_async_pf(struct vcpu *vcpu)
{
	u64 intr = vmcs_read(GUEST_INTERRUPTIBILITY_INFO);
	struct apf_delivery_state s = {
		.enabled = async_pf_enabled(vcpu),
		.send_always = !vcpu->apf.send_user_only,
		.cpl = vcpu_cpl(),
		.interrupts_on = vmcs_read(GUEST_RFLAGS) & X86_EFLAGS_IF,
		.irq_shadow = intr & (GUEST_INTR_STATE_STI |
				      GUEST_INTR_STATE_MOV_SS),
		.event_pending = vcpu->pending_intr_info & INTR_INFO_VALID_MASK,
	};

	/* The area is only read once async PF is on (it is pinned then). */
	s.apf_flags = s.enabled ? apf_read_u32(&vcpu->apf.data->flags) : 0;
	return async_pf_delivery(&s, &vcpu->apf.queue) == APF_DELIVER_OK;
}

bool setup_async_pf(struct vcpu *vcpu, gpa_t gpa, bool may_join)
{
	gfn_t gfn = gpa_to_gfn(gpa);
	/* A read this fault just submitted has no waiter yet: no scan. */
	bool joined = may_join && async_pf_gfn_in_flight(&vcpu->apf.queue, gfn);
	u64 token = async_pf_queue_fault(&vcpu->apf.queue, gfn);

	if (!token)
		return false;
	apf_write_u32(&vcpu->apf.data->flags, KVM_PV_REASON_PAGE_NOT_PRESENT);
	if (joined) {
		vcpu->apf.repeated++;
		trace(TRACE_kvm_async_pf_repeated_fault, token, gpa, 0, 0);
	}
	/* The #PF carries the token as its address; error code 0, as KVM's. */
	vcpu->regs.cr2 = token;
	inject_exception_error(vcpu, X86_TRAP_PF, 0);
	vcpu->apf.not_present++;
	trace(TRACE_kvm_async_pf_not_present, token, gpa, 0, 0);
	return true;
}

/*
 * KVM: kvm_arch_async_page_present(). One "page ready" at a time: the
 * token slot must be free (the guest zeroes it before its ACK), the
 * previous one acknowledged, and the guest's APIC software-enabled, or
 * it would drop the interrupt (KVM:
 * kvm_arch_can_dequeue_async_page_present(); enabling it requests
 * another try, msr.c). The interrupt goes through the APIC on the vector
 * the guest wrote to MSR_KVM_ASYNC_PF_INT and waits there for the guest
 * to be interruptible (interrupt.c).
 */
static void async_pf_deliver_ready(struct vcpu *vcpu)
{
	const struct async_pf *w = async_pf_next_ready(&vcpu->apf.queue);
	u64 token;
	gfn_t gfn;

	if (!w || vcpu->apf.pageready_pending || !async_pf_enabled(vcpu) ||
	    !apic_sw_enabled(&vcpu->apic))
		return;
	if (apf_read_u32(&vcpu->apf.data->token) != 0)
		return;
	token = w->token;
	gfn = w->gfn;
	apf_write_u32(&vcpu->apf.data->token, (u32)token);
	async_pf_delivered(&vcpu->apf.queue, token);
	vcpu->apf.pageready_pending = true;
	vcpu->apf.ready++;
	queue_interrupt(vcpu, vcpu->apf.vec);
	trace(TRACE_kvm_async_pf_ready, token, gfn_to_gpa(gfn), 0, 0);
}

bool async_pf_work_pending(const struct vcpu *vcpu)
{
	return vcpu->apf.queue.nr_waiting || vcpu->apf.queue.nr_ready;
}

/*
 * Everything the swap device finished by now: write-backs free their
 * frames, swap-ins are mapped (mm_swap_complete()), the tasks the guest
 * parked on a page that arrived become ready, and the oldest ready one
 * gets "page ready" if the guest can take it. The one way from a finished
 * swap-in to the guest, with or without async PF; its cycles are shared
 * by the swap-ins it completed (fault_latency.h). KVM:
 * kvm_check_async_pf_completion().
 */
void async_pf_complete_due(struct vcpu *vcpu, u64 now)
{
	u64 start = rdtsc();
	bool ready = vcpu->apf.ready_requested;
	struct swap_req done;
	unsigned n = 0;

	while (mm_swap_complete(vcpu->mm, now, &done)) {
		fault_latency_completed(&vcpu->fault_lat, &done);
		if (done.op == SWAP_OP_READ &&
		    async_pf_page_arrived(&vcpu->apf.queue, done.gfn))
			ready = true;
		n++;
	}
	if (ready) {
		vcpu->apf.ready_requested = false;
		async_pf_deliver_ready(vcpu);
	}
	if (n)
		fault_latency_check_done(&vcpu->fault_lat, rdtsc() - start);
}
