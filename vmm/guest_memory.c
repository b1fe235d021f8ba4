/* vmm/guest_memory.c - copy to and from guest-physical memory, a page at a time. KVM: kvm_read_guest()/kvm_write_guest() in virt/kvm/kvm_main.c. */
#include "guest_memory.h"
#include "../include/lib.h"

static bool in_guest_memory(const struct mm *mm, gpa_t gpa, u64 len)
{
	return gpa < mm->guest_mem && len <= mm->guest_mem - gpa;
}

int read_guest(struct vcpu *vcpu, gpa_t gpa, void *buf, u64 len)
{
	u8 *out = buf;

	if (!in_guest_memory(vcpu->mm, gpa, len))
		return -1;
	while (len) {
		u64 n = MIN(len, PAGE_SIZE - (gpa & ~PAGE_MASK));
		void *src = mm_gpa_to_virt(vcpu->mm, gpa);

		if (src)
			memcpy(out, src, n);
		else
			memset(out, 0, n);	/* never touched: zeros */
		out += n;
		gpa += n;
		len -= n;
	}
	return 0;
}

int write_guest(struct vcpu *vcpu, gpa_t gpa, const void *buf, u64 len)
{
	const u8 *in = buf;

	if (!in_guest_memory(vcpu->mm, gpa, len))
		return -1;
	while (len) {
		u64 n = MIN(len, PAGE_SIZE - (gpa & ~PAGE_MASK));
		u8 *dst = mm_gpa_to_virt(vcpu->mm, gpa);

		if (!dst) {
			dst = mm_populate(vcpu->mm, gpa & PAGE_MASK);
			if (!dst)
				return -1;
			dst += gpa & ~PAGE_MASK;
		}
		memcpy(dst, in, n);
		in += n;
		gpa += n;
		len -= n;
	}
	return 0;
}
