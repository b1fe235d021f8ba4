/* boot/serial.c - polled 16550 UART on COM1, the 0xE9 debug port, and which of the two carries faultline's console. Linux: drivers/tty/serial/8250/8250_early.c. */
#include "console.h"
#include "../vmm/portio.h"

#define COM1_BASE	0x3f8
#define UART_TX		0	/* transmit holding register (DLAB = 0) */
#define UART_DLL	0	/* divisor latch low (DLAB = 1) */
#define UART_IER	1	/* interrupt enable (DLAB = 0) */
#define UART_DLM	1	/* divisor latch high (DLAB = 1) */
#define UART_FCR	2	/* FIFO control */
#define UART_LCR	3	/* line control */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */
#define UART_LCR_WLEN8	0x03
#define UART_LCR_DLAB	0x80
#define UART_FCR_ENABLE_CLEAR	0x07	/* enable FIFOs, clear both */
#define UART_MCR_DTR_RTS	0x03
#define UART_LSR_THRE	0x20	/* transmit holding register empty */
#define UART_LSR_TEMT	0x40	/* transmitter empty: the last bit is out */
#define UART_CLOCK_HZ	115200	/* 1.8432 MHz / 16 */
#define CONSOLE_BAUD	115200

#define DEBUGCON_PORT	0xe9
/* Bochs's port_e9_hack and QEMU's debugcon answer a read with the port number. */
#define DEBUGCON_READBACK	0xe9

/*
 * Under Bochs and QEMU the UART is paced like a real 115200-baud one
 * (about 87 us of emulated time per byte, a million instructions of
 * polling per line), while port 0xE9 costs nothing: where 0xE9 answers,
 * the whole console goes there; on a machine without it, to COM1.
 */
static bool console_on_debugcon;

/* What COM1 says when the console moves to 0xE9 (the harness looks for it). */
#define CONSOLE_MOVED_LINE \
	"\nfaultline: console continues on port 0xe9 (debug port)\n"

/*
 * The firmware's serial driver stops with boot services, and faultline
 * must still print afterwards, so it programs the UART itself. Interrupts
 * stay off: every write polls LSR.
 */
void serial_init(void)
{
	u16 divisor = UART_CLOCK_HZ / CONSOLE_BAUD;

	outb(0, COM1_BASE + UART_IER);
	outb(UART_LCR_DLAB, COM1_BASE + UART_LCR);
	outb(divisor & 0xff, COM1_BASE + UART_DLL);
	outb(divisor >> 8, COM1_BASE + UART_DLM);
	outb(UART_LCR_WLEN8, COM1_BASE + UART_LCR);
	outb(UART_FCR_ENABLE_CLEAR, COM1_BASE + UART_FCR);
	outb(UART_MCR_DTR_RTS, COM1_BASE + UART_MCR);
	console_on_debugcon = inb(DEBUGCON_PORT) == DEBUGCON_READBACK;
	if (console_on_debugcon)
		serial_write(CONSOLE_MOVED_LINE, sizeof(CONSOLE_MOVED_LINE) - 1);
}

static void serial_putc(char c)
{
	/* Bound the wait: a missing UART must not hang faultline. */
	for (int spins = 0; spins < 100000; spins++)
		if (inb(COM1_BASE + UART_LSR) & UART_LSR_THRE)
			break;
	outb((u8)c, COM1_BASE + UART_TX);
}

void serial_write(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

/* Power-off must not cut the summary line short: wait for the shift register to drain. */
void serial_flush(void)
{
	for (int spins = 0; spins < 1000000; spins++)
		if (inb(COM1_BASE + UART_LSR) & UART_LSR_TEMT)
			break;
}

void debugcon_write(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		outb((u8)s[i], DEBUGCON_PORT);
}

void console_write(const char *s, size_t len)
{
	if (console_on_debugcon)
		debugcon_write(s, len);
	else
		serial_write(s, len);
}
