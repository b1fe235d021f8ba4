/* boot/serial.c - polled 16550 UART (the first that answers at the legacy COM ports), the 0xE9 debug port, and which of the two carries faultline's console. Linux: drivers/tty/serial/8250/8250_early.c, 8250_port.c (autoconfig). */
#include "console.h"
#include "../vmm/portio.h"

#define UART_TX		0	/* transmit holding register (DLAB = 0) */
#define UART_DLL	0	/* divisor latch low (DLAB = 1) */
#define UART_IER	1	/* interrupt enable (DLAB = 0) */
#define UART_DLM	1	/* divisor latch high (DLAB = 1) */
#define UART_FCR	2	/* FIFO control */
#define UART_LCR	3	/* line control */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */
#define UART_IER_ALL	0x0f	/* the four interrupt enables of a real 8250 */
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

/* The legacy COM1..COM4 ports, in the order firmware numbers them. */
static const u16 uart_ports[] = { 0x3f8, 0x2f8, 0x3e8, 0x2e8 };
static u16 uart_base;		/* 0: no UART answered */

static void uart_out(u16 reg, u8 value)
{
	outb(value, uart_base + reg);
}

static u8 uart_in(u16 reg)
{
	return inb(uart_base + reg);
}

/*
 * Is there a UART at uart_base? Linux's 8250 autoconfig test: the low
 * four IER bits read back as written (0, then all ones). An absent port
 * reads 0xff and fails the first half; the IER is restored either way.
 */
static bool uart_answers(void)
{
	u8 saved, cleared, set;

	uart_out(UART_LCR, UART_LCR_WLEN8);	/* DLAB = 0: IER, not DLM */
	saved = uart_in(UART_IER);
	uart_out(UART_IER, 0);
	cleared = uart_in(UART_IER) & UART_IER_ALL;
	uart_out(UART_IER, UART_IER_ALL);
	set = uart_in(UART_IER) & UART_IER_ALL;
	uart_out(UART_IER, saved);
	return cleared == 0 && set == UART_IER_ALL;
}

/*
 * The firmware's serial driver stops with boot services, and faultline
 * must still print afterwards, so it programs the UART itself. Interrupts
 * stay off: every write polls LSR. Returns the UART's port, or 0 when no
 * UART answered (then only port 0xE9, where it answers, carries output).
 */
u16 serial_init(void)
{
	u16 divisor = UART_CLOCK_HZ / CONSOLE_BAUD;

	for (size_t i = 0; i < ARRAY_SIZE(uart_ports) && !uart_base; i++) {
		uart_base = uart_ports[i];
		if (!uart_answers())
			uart_base = 0;
	}
	if (uart_base) {
		uart_out(UART_IER, 0);
		uart_out(UART_LCR, UART_LCR_DLAB);
		uart_out(UART_DLL, divisor & 0xff);
		uart_out(UART_DLM, divisor >> 8);
		uart_out(UART_LCR, UART_LCR_WLEN8);
		uart_out(UART_FCR, UART_FCR_ENABLE_CLEAR);
		uart_out(UART_MCR, UART_MCR_DTR_RTS);
	}
	console_on_debugcon = inb(DEBUGCON_PORT) == DEBUGCON_READBACK;
	if (console_on_debugcon)
		serial_write(CONSOLE_MOVED_LINE, sizeof(CONSOLE_MOVED_LINE) - 1);
	return uart_base;
}

bool console_is_debugcon(void)
{
	return console_on_debugcon;
}

static void serial_putc(char c)
{
	/* Bound the wait: a UART that stops answering must not hang faultline. */
	for (int spins = 0; spins < 100000; spins++)
		if (uart_in(UART_LSR) & UART_LSR_THRE)
			break;
	uart_out(UART_TX, (u8)c);
}

void serial_write(const char *s, size_t len)
{
	if (!uart_base)
		return;		/* no UART: console_write() uses 0xE9 or nothing */
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

/* Power-off must not cut the summary line short: wait for the shift register to drain. */
void serial_flush(void)
{
	for (int spins = 0; uart_base && spins < 1000000; spins++)
		if (uart_in(UART_LSR) & UART_LSR_TEMT)
			break;
}

/*
 * One string OUT for the whole buffer: under KVM an OUT exits to QEMU,
 * and KVM completes a REP OUTSB a page at a time (its fast string PIO),
 * so a trace dump costs about one exit per page instead of one per byte.
 * Bochs and TCG take it byte by byte, as before. The ABI keeps DF clear.
 */
void debugcon_write(const char *s, size_t len)
{
	__asm__ volatile("rep outsb"
			 : "+S"(s), "+c"(len)
			 : "d"((u16)DEBUGCON_PORT)
			 : "memory");
}

void console_write(const char *s, size_t len)
{
	if (console_on_debugcon)
		debugcon_write(s, len);
	else
		serial_write(s, len);
}
