/* vmm/vmx_names.h - exit reason and VM-instruction error names. KVM: VMX_EXIT_REASONS. */
#ifndef FAULTLINE_VMX_NAMES_H
#define FAULTLINE_VMX_NAMES_H

#include "../include/vmx.h"

/* Lower-case, no spaces: used as summary keys (exit_<name>=N). */
const char *exit_reason_name(u32 basic_reason);
const char *vm_instruction_error_name(u32 error);

#endif
