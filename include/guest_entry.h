/* include/guest_entry.h - the guest's state at its first VM entry, built by boot/ (guest_boot.c, linux_boot.c) and written into the VMCS by vmm/vmcs.c. KVM: what userspace sets with KVM_SET_REGS / KVM_SET_SREGS before the first KVM_RUN. */
#ifndef FAULTLINE_GUEST_ENTRY_H
#define FAULTLINE_GUEST_ENTRY_H

#include "types.h"

/* The registers and selectors of the first VM entry (vmm/vmcs.c writes them). */
struct guest_entry {
	gpa_t rip, rsp, rdi, rsi;
	u16 sel_code, sel_data, sel_tss;	/* in the GDT at FL_GUEST_GDT_GPA */
	u16 gdt_limit;
};

#endif
