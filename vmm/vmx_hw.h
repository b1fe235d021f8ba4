/* vmm/vmx_hw.h - VMX on/off and the capability it found. KVM: arch/x86/kvm/vmx/vmx.h. */
#ifndef FAULTLINE_VMM_VMX_HW_H
#define FAULTLINE_VMM_VMX_HW_H

#include "vmx_controls.h"
#include "../ept/ept.h"

void vmx_check_cpu(void);
/* faultline's one vCPU; VPID 0 is the host's. */
#define FAULTLINE_VPID	1

void vmx_flush_before_first_entry(const struct vmx_capability *cap,
				  const struct vmcs_config *conf,
				  struct ept *ept);
/* INVVPID for FAULTLINE_VPID; a no-op without VPID. KVM: vpid_sync_context(). */
void vpid_sync_context(void);

/* EPT_AD_HW if the CPU sets EPT accessed/dirty flags, else EPT_AD_SW. */
enum ept_ad vmx_ept_ad_mode(void);
void vmx_hardware_enable(struct vmx_capability *cap, struct vmcs_config *conf,
			 u8 *vmxon_region);

#endif
