/* vmm/guest_console.h - the guest's console sink, for the console hypercall and any emulated serial port. No KVM twin (QEMU's chardev backends). */
#ifndef FAULTLINE_GUEST_CONSOLE_H
#define FAULTLINE_GUEST_CONSOLE_H

#include "vcpu.h"

/* One byte the guest wrote: shown escaped, or counted in console_dropped past the cap. */
void guest_console_putc(struct vcpu *vcpu, u8 c);

/* Bytes the guest may still print this run; past them, guest_console_drop() only counts (console_dropped). */
u64 guest_console_room(const struct vcpu *vcpu);
void guest_console_drop(struct vcpu *vcpu, u64 n);

/* Print a partial line, before faultline speaks or the run ends. */
void console_flush_guest(struct vcpu *vcpu);

#endif
