/* vmm/iobus.h - the guest's I/O port space: an empty bus with a polled COM1, a CMOS RTC, the reset ports and QEMU's isa-debug-exit. KVM: kvm_io_bus (virt/kvm/kvm_main.c) with QEMU's ISA devices behind it. */
#ifndef FAULTLINE_IOBUS_H
#define FAULTLINE_IOBUS_H

#include "rtc.h"
#include "uart.h"
#include "../include/guest_abi.h"

#define PORT_COM1		0x3f8	/* 8 ports */
#define PORT_DEBUG_EXIT		FL_DEBUG_EXIT_PORT	/* QEMU's isa-debug-exit iobase */
#define PORT_RESET_CONTROL	0xcf9
#define PORT_KBD_COMMAND	0x64

/* What an access asks of the run (io.c acts on it). */
enum io_result {
	IO_DONE,	/* handled (the empty bus included): resume */
	IO_RESET,	/* the guest asked to reset the machine: end its run */
	IO_DEBUG_EXIT,	/* a write to isa-debug-exit: end the run with its value */
};

struct io_bus {
	struct uart_16550 com1;
	struct cmos_rtc rtc;
	u8 reset_control;		/* 0xcf9 holds its value until the reset bit */
	u32 debug_exit_value;		/* the value written to PORT_DEBUG_EXIT */
	u64 unclaimed_reads;		/* INs no device answered: all ones */
	u64 unclaimed_writes;		/* OUTs no device took: dropped */
};

void io_bus_reset(struct io_bus *bus, u64 tsc_hz, uart_tx_fn *com1_tx,
		  void *com1_ctx);

/*
 * One IN or OUT of size 1, 2 or 4 bytes at guest TSC now. *value is the
 * OUT's data, or receives the IN's (all ones of that size on the empty
 * bus). KVM: kernel_pio() -> kvm_io_bus_read/write().
 */
enum io_result io_bus_access(struct io_bus *bus, u16 port, bool in,
			     unsigned size, u32 *value, u64 now);

#endif
