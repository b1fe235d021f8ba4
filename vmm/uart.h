/* vmm/uart.h - a polled 16550A UART for the guest's console (COM1). QEMU: hw/char/serial.c; Linux's driver: drivers/tty/serial/8250/8250_port.c. */
#ifndef FAULTLINE_UART_H
#define FAULTLINE_UART_H

#include "../include/types.h"

/* Where transmitted bytes go (faultline's guest console). */
typedef void uart_tx_fn(void *ctx, u8 c);

struct uart_16550 {
	u8 ier, lcr, mcr, scr, dll, dlm;
	bool fifo_enabled;	/* FCR bit 0: IIR says "16550A" */
	bool thri_pending;	/* THR empty, reported once in IIR if IER asks */
	u8 rbr;			/* loopback: the last byte sent to itself */
	bool rx_ready;		/* LSR.DR */
	uart_tx_fn *tx;
	void *tx_ctx;
	u64 tx_bytes;
};

/*
 * Reset: 8 data bits, divisor 1 (115200 baud, nothing paces it), FIFOs
 * off, no interrupts enabled. tx receives every byte the guest sends.
 */
void uart_reset(struct uart_16550 *u, uart_tx_fn *tx, void *tx_ctx);

/* One byte access at offset 0-7 from the base port. */
u8 uart_read(struct uart_16550 *u, unsigned offset);
void uart_write(struct uart_16550 *u, unsigned offset, u8 value);

#endif
