/* vmm/guest_memory.c - copy to and from guest-physical memory a page at a time, swapping pages in when faultline itself needs them. KVM: kvm_read_guest()/kvm_write_guest() in virt/kvm/kvm_main.c. */
#include "guest_memory.h"
#include "portio.h"
#include "timer.h"
#include "vmm.h"
#include "../include/lib.h"
#include "../include/trace.h"

static bool in_guest_memory(const struct mm *mm, gpa_t gpa, u64 len)
{
	return gpa < mm->guest_mem && len <= mm->guest_mem - gpa;
}

void wait_for_page(struct vcpu *vcpu, gpa_t gpa)
{
	u64 start = rdtsc();

	while (mm_gfn_state(vcpu->mm, gpa) != GFN_RESIDENT)
		if (!wait_for_next_event(vcpu))
			panic("waiting for GPA %#llx with no I/O in flight",
			      (unsigned long long)gpa);
	vcpu->guest_wait_cycles += rdtsc() - start;
	trace(TRACE_kvm_vcpu_wait, VCPU_WAIT_IO, start, 0, 0);
}

void wait_for_frame(struct vcpu *vcpu)
{
	u64 start = rdtsc();

	if (!wait_for_next_event(vcpu))
		panic("waiting for a free frame with no I/O in flight");
	vcpu->guest_wait_cycles += rdtsc() - start;
	trace(TRACE_kvm_vcpu_wait, VCPU_WAIT_FRAME, start, 0, 0);
}

int guest_page_pin(struct vcpu *vcpu, gpa_t gpa)
{
	for (;;) {
		switch (mm_pin_page(vcpu->mm, gpa & PAGE_MASK, rdtsc())) {
		case RET_PF_FIXED:
		case RET_PF_SPURIOUS:
			return 0;
		case RET_PF_RETRY:
			wait_for_frame(vcpu);
			break;
		case RET_PF_OUTSIDE:
		case RET_PF_NOMEM:
			return -1;
		}
	}
}

void guest_page_unpin(struct vcpu *vcpu, gpa_t gpa)
{
	/* Pins are counted (mm/gfn.h): a second unpin would free another's. */
	if (mm_unpin_page(vcpu->mm, gpa & PAGE_MASK))
		panic("unpinning GPA %#llx, which holds no pin",
		      (unsigned long long)gpa);
}

/*
 * Make the page holding gpa resident for a copy: a page the guest never
 * touched is left alone on a read (it reads as zeros); a swapped one is
 * brought in and pinned for the copy (*pinned tells the caller to
 * unpin). 0, or -1 if it cannot be (no frame).
 */
static int page_for_copy(struct vcpu *vcpu, gpa_t gpa, bool write,
			 bool *pinned)
{
	enum gfn_state s = mm_gfn_state(vcpu->mm, gpa);

	*pinned = false;
	if (s == GFN_RESIDENT || (!write && s == GFN_UNBACKED))
		return 0;
	if (guest_page_pin(vcpu, gpa))
		return -1;
	*pinned = true;
	return 0;
}

/* KVM: kvm_read_guest(); the pages are marked accessed, never dirty. */
int read_guest(struct vcpu *vcpu, gpa_t gpa, void *buf, u64 len)
{
	u8 *out = buf;

	if (!in_guest_memory(vcpu->mm, gpa, len))
		return -1;
	while (len) {
		u64 n = MIN(len, PAGE_SIZE - (gpa & ~PAGE_MASK));
		bool pinned;
		const u8 *src;

		if (page_for_copy(vcpu, gpa, false, &pinned))
			return -1;
		src = mm_gpa_to_virt_read(vcpu->mm, gpa);
		if (src)
			memcpy(out, src, n);
		else
			memset(out, 0, n);	/* never touched: zeros */
		if (pinned)
			guest_page_unpin(vcpu, gpa);
		out += n;
		gpa += n;
		len -= n;
	}
	return 0;
}

/* KVM: kvm_write_guest() with mark_page_dirty(). */
int write_guest(struct vcpu *vcpu, gpa_t gpa, const void *buf, u64 len)
{
	const u8 *in = buf;

	if (!in_guest_memory(vcpu->mm, gpa, len))
		return -1;
	while (len) {
		u64 n = MIN(len, PAGE_SIZE - (gpa & ~PAGE_MASK));
		bool pinned;
		u8 *dst;

		if (page_for_copy(vcpu, gpa, true, &pinned))
			return -1;
		dst = mm_gpa_to_virt(vcpu->mm, gpa);
		if (dst)
			memcpy(dst, in, n);
		if (pinned)
			guest_page_unpin(vcpu, gpa);
		if (!dst)
			return -1;
		in += n;
		gpa += n;
		len -= n;
	}
	return 0;
}
