/* vmm/cr.h - the guest's control registers as it sees them, and their setup. KVM: kvm_read_cr0/cr4() in arch/x86/kvm/kvm_cache_regs.h. */
#ifndef FAULTLINE_CR_H
#define FAULTLINE_CR_H

#include "vcpu.h"

struct vmx_capability;

/* CR0/CR4 as the guest reads them: its owned bits from the CPU, the rest from the shadow. */
u64 kvm_read_cr0(void);
u64 kvm_read_cr4(void);
bool is_64_bit_mode(void);

/* After guest_cpuid_setup() and vmcs_setup(): masks, entry values, the guest's reserved bits. */
void cr_setup_vcpu(struct vcpu *vcpu, const struct vmx_capability *cap);

/* XCR0 (xsave.c): what the host CPU can enable; host CR4.OSXSAVE on. */
u64 xcr0_host_supported(void);
void xsave_host_setup(void);

#endif
