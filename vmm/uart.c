/* vmm/uart.c - a polled 16550A for the guest's console: every register the 8250 driver's probe and autoconfig read, transmit without pacing, no receive line, no interrupt line. QEMU: hw/char/serial.c. Pure C: host tests compile it. */
#include "uart.h"
#include "../include/serial_reg.h"

/*
 * Not connected, the modem lines read as a terminal that is there: carrier,
 * data set ready, clear to send (QEMU's reset state).
 */
#define UART_MSR_IDLE	(UART_MSR_DCD | UART_MSR_DSR | UART_MSR_CTS)

void uart_reset(struct uart_16550 *u, uart_tx_fn *tx, void *tx_ctx)
{
	*u = (struct uart_16550){
		.lcr = 0x03,		/* 8N1 */
		.dll = 1,		/* 115200 baud */
		.thri_pending = true,
		.tx = tx,
		.tx_ctx = tx_ctx,
	};
}

/*
 * The transmitter is always empty: a byte leaves the moment it is written
 * (design.md: guest output is never paced at the emulated baud rate).
 */
static u8 lsr(const struct uart_16550 *u)
{
	return UART_LSR_THRE | UART_LSR_TEMT | (u->rx_ready ? UART_LSR_DR : 0);
}

/*
 * In loopback (MCR bit 4) the modem-control outputs come back as inputs,
 * which the 8250 driver's probe checks: RTS -> CTS, DTR -> DSR,
 * OUT1 -> RI, OUT2 -> DCD (16550 data sheet; Linux's autoconfig()).
 */
static u8 modem_status(const struct uart_16550 *u)
{
	u8 m = 0;

	if (!(u->mcr & UART_MCR_LOOP))
		return UART_MSR_IDLE;
	if (u->mcr & UART_MCR_RTS)
		m |= UART_MSR_CTS;
	if (u->mcr & UART_MCR_DTR)
		m |= UART_MSR_DSR;
	if (u->mcr & UART_MCR_OUT1)
		m |= UART_MSR_RI;
	if (u->mcr & UART_MCR_OUT2)
		m |= UART_MSR_DCD;
	return m;
}

/*
 * IIR: the highest-priority pending cause the IER enables, "none"
 * otherwise, with bits 7:6 set once the FIFOs are on (how the driver
 * tells a 16550A). Reading a THR-empty cause clears it, as the chip does.
 */
static u8 read_iir(struct uart_16550 *u)
{
	u8 fifo = u->fifo_enabled ? UART_IIR_FIFO_ENABLED : 0;

	if ((u->ier & UART_IER_RDI) && u->rx_ready)
		return fifo | UART_IIR_RDI;
	if ((u->ier & UART_IER_THRI) && u->thri_pending) {
		u->thri_pending = false;
		return fifo | UART_IIR_THRI;
	}
	return fifo | UART_IIR_NO_INT;
}

u8 uart_read(struct uart_16550 *u, unsigned offset)
{
	bool dlab = u->lcr & UART_LCR_DLAB;

	switch (offset) {
	case UART_RX:
		if (dlab)
			return u->dll;
		u->rx_ready = false;
		return u->rbr;
	case UART_IER:
		return dlab ? u->dlm : u->ier;
	case UART_IIR:
		return read_iir(u);
	case UART_LCR:
		return u->lcr;
	case UART_MCR:
		return u->mcr;
	case UART_LSR:
		return lsr(u);
	case UART_MSR:
		return modem_status(u);
	case UART_SCR:
		return u->scr;
	default:
		return 0xff;
	}
}

static void transmit(struct uart_16550 *u, u8 c)
{
	u->thri_pending = true;
	if (u->mcr & UART_MCR_LOOP) {	/* to itself, not to the line */
		u->rbr = c;
		u->rx_ready = true;
		return;
	}
	u->tx_bytes++;
	u->tx(u->tx_ctx, c);
}

void uart_write(struct uart_16550 *u, unsigned offset, u8 value)
{
	bool dlab = u->lcr & UART_LCR_DLAB;

	switch (offset) {
	case UART_TX:
		if (dlab)
			u->dll = value;
		else
			transmit(u, value);
		break;
	case UART_IER:
		if (dlab) {
			u->dlm = value;
			break;
		}
		/* Enabling THRI with the THR empty raises it (16550 data sheet). */
		if ((value & UART_IER_THRI) && !(u->ier & UART_IER_THRI))
			u->thri_pending = true;
		u->ier = value & UART_IER_MASK;
		break;
	case UART_FCR:
		u->fifo_enabled = value & UART_FCR_ENABLE_FIFO;
		break;
	case UART_LCR:
		u->lcr = value;
		break;
	case UART_MCR:
		u->mcr = value & UART_MCR_MASK;
		break;
	case UART_SCR:
		u->scr = value;
		break;
	default:
		break;		/* LSR and MSR are read-only */
	}
}
