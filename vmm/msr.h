/* vmm/msr.h - an MSR faultline emulates: get/set return false to refuse (the guest gets #GP). KVM: the msr_data paths of kvm_{get,set}_msr_common(). */
#ifndef FAULTLINE_MSR_H
#define FAULTLINE_MSR_H

#include "vcpu.h"

struct emulated_msr {
	u32 index;
	const char *name;
	bool (*get)(struct vcpu *vcpu, u64 *value);	/* NULL: write-only */
	bool (*set)(struct vcpu *vcpu, u64 value);	/* NULL: read-only */
};

#endif
