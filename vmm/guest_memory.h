/* vmm/guest_memory.h - reading and writing guest-physical memory from faultline. KVM: kvm_read_guest()/kvm_write_guest() in virt/kvm/kvm_main.c. */
#ifndef FAULTLINE_GUEST_MEMORY_H
#define FAULTLINE_GUEST_MEMORY_H

#include "vcpu.h"

/*
 * Copy between guest memory and faultline. 0, or -1 if any byte is
 * outside guest memory. A page the guest never touched reads as zeros
 * (demand-zero) and is not backed by the read; a write backs it.
 */
int read_guest(struct vcpu *vcpu, gpa_t gpa, void *buf, u64 len);
int write_guest(struct vcpu *vcpu, gpa_t gpa, const void *buf, u64 len);

void console_flush_guest(struct vcpu *vcpu);

#endif
