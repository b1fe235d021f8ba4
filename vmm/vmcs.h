/* vmm/vmcs.h - building the VMCS. KVM: init_vmcs() in arch/x86/kvm/vmx/vmx.c. */
#ifndef FAULTLINE_VMCS_H
#define FAULTLINE_VMCS_H

#include "vmx_controls.h"
#include "../include/guest_entry.h"

void vmcs_setup(const struct vmcs_config *conf, u8 *vmcs_region,
		u8 *msr_bitmap, u64 eptp, const struct guest_entry *entry,
		bool demo_host_tr);

#endif
