/* vmm/exit.h - the VM-exit handlers, one per reason. KVM: kvm_vmx_exit_handlers[] in arch/x86/kvm/vmx/vmx.c. */
#ifndef FAULTLINE_EXIT_H
#define FAULTLINE_EXIT_H

#include "vcpu.h"

typedef enum exit_result exit_handler_t(struct vcpu *vcpu);

enum exit_result vmx_handle_exit(struct vcpu *vcpu);

exit_handler_t handle_rdmsr;		/* msr.c */
exit_handler_t handle_wrmsr;
exit_handler_t handle_io;		/* io.c */
void io_setup_vcpu(struct vcpu *vcpu);
exit_handler_t handle_vmcall;		/* hypercall.c */
exit_handler_t handle_ept_violation;	/* ept_violation.c */
exit_handler_t handle_ept_misconfig;
exit_handler_t handle_hlt;		/* timer.c */
exit_handler_t handle_preemption_timer;	/* exit.c */
exit_handler_t handle_interrupt_window;	/* interrupt.c */
exit_handler_t handle_cr_access;	/* cr.c */
exit_handler_t handle_xsetbv;		/* xsave.c */

#endif
