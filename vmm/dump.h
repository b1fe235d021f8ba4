/* vmm/dump.h - what a fatal stop prints: the VMCS state entry checks, the recent-exit ring. KVM: dump_vmcs() in arch/x86/kvm/vmx/vmx.c. */
#ifndef FAULTLINE_DUMP_H
#define FAULTLINE_DUMP_H

#include "vcpu.h"

void dump_vmcs(void);
void dump_exit_ring(const struct vcpu *vcpu);
/* GPRs, RIP, RSP, RFLAGS, CR0/2/3/4, EFER, segments: a fatal guest stop's last state. */
void dump_guest_registers(const struct vcpu *vcpu);
/* Exit reason bit 31: entry failed after loading guest state (27.8). */
enum exit_result report_vmentry_failure(struct vcpu *vcpu);
/* VMLAUNCH/VMRESUME itself failed (VMfailValid): name the error, check what it points at. */
void report_vm_instruction_error(const char *instruction);

#endif
