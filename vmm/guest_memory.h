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

/*
 * Hold the vCPU until gpa's page is resident (a swap-in in flight) or
 * until the next I/O completes (a frame freed by a write-back). The time
 * goes to guest_wait_cycles.
 */
void wait_for_page(struct vcpu *vcpu, gpa_t gpa);
void wait_for_frame(struct vcpu *vcpu);

/*
 * Make gpa's page resident and pinned for faultline to read or write
 * (swapping it in and waiting if need be); 0, or -1 outside guest memory
 * or with no frame. guest_page_unpin() undoes it.
 */
int guest_page_pin(struct vcpu *vcpu, gpa_t gpa);
void guest_page_unpin(struct vcpu *vcpu, gpa_t gpa);

#endif
