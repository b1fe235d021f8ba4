/* include/serial_reg.h - the 8250/16550 UART's registers and bits, Linux's names. Linux: include/uapi/linux/serial_reg.h. */
#ifndef FAULTLINE_SERIAL_REG_H
#define FAULTLINE_SERIAL_REG_H

/* Register offsets from the base port; DLAB (LCR bit 7) swaps 0 and 1. */
#define UART_RX		0	/* in:  receive buffer (DLAB = 0) */
#define UART_TX		0	/* out: transmit holding (DLAB = 0) */
#define UART_DLL	0	/* divisor latch low (DLAB = 1) */
#define UART_IER	1	/* interrupt enable (DLAB = 0) */
#define UART_DLM	1	/* divisor latch high (DLAB = 1) */
#define UART_IIR	2	/* in:  interrupt identification */
#define UART_FCR	2	/* out: FIFO control */
#define UART_LCR	3	/* line control */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */
#define UART_MSR	6	/* modem status */
#define UART_SCR	7	/* scratch */
#define UART_NR_PORTS	8

#define UART_IER_RDI	0x01	/* receive data available */
#define UART_IER_THRI	0x02	/* transmit holding register empty */
#define UART_IER_RLSI	0x04	/* receiver line status */
#define UART_IER_MSI	0x08	/* modem status */
#define UART_IER_MASK	0x0f	/* what a 16550A keeps */

#define UART_IIR_NO_INT	0x01	/* no interrupt pending */
#define UART_IIR_THRI	0x02	/* transmitter holding register empty */
#define UART_IIR_RDI	0x04	/* receiver data */
#define UART_IIR_FIFO_ENABLED 0xc0	/* 16550A with FIFOs on */

#define UART_FCR_ENABLE_FIFO 0x01

#define UART_LCR_DLAB	0x80	/* divisor latch access */

#define UART_MCR_DTR	0x01
#define UART_MCR_RTS	0x02
#define UART_MCR_OUT1	0x04
#define UART_MCR_OUT2	0x08
#define UART_MCR_LOOP	0x10
#define UART_MCR_MASK	0x1f

#define UART_LSR_DR	0x01	/* receiver data ready */
#define UART_LSR_THRE	0x20	/* transmit holding register empty */
#define UART_LSR_TEMT	0x40	/* transmitter empty */

#define UART_MSR_CTS	0x10
#define UART_MSR_DSR	0x20
#define UART_MSR_RI	0x40
#define UART_MSR_DCD	0x80

#endif
