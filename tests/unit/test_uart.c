/* tests/unit/test_uart.c - host tests for vmm/uart.c: the registers Linux's 8250 driver probes (autoconfig, the loopback test, the console's THRE wait) and transmit. */
#include <criterion/criterion.h>
#include "../../vmm/uart.h"
#include "../../include/serial_reg.h"

static struct uart_16550 u;
static char sent[64];
static unsigned nsent;

static void tx(void *ctx, u8 c)
{
	cr_assert_eq(ctx, &u);
	if (nsent < sizeof(sent))
		sent[nsent++] = (char)c;
}

static void reset(void)
{
	nsent = 0;
	uart_reset(&u, tx, &u);
}

/* Does IER keep its low four bits only, as autoconfig's first check wants (0 then 0x0f back)? */
Test(uart, ier_probe_as_8250_autoconfig)
{
	reset();
	uart_write(&u, UART_IER, 0);
	cr_assert_eq(uart_read(&u, UART_IER) & 0x0f, 0);
	uart_write(&u, UART_IER, 0xff);
	cr_assert_eq(uart_read(&u, UART_IER), 0x0f);
}

/* Does loopback with RTS|OUT2 read back CTS|DCD (0x90), the driver's loopback test? */
Test(uart, loopback_modem_status)
{
	reset();
	uart_write(&u, UART_MCR, UART_MCR_LOOP | 0x0a);
	cr_assert_eq(uart_read(&u, UART_MSR) & 0xf0, 0x90);
	uart_write(&u, UART_MCR, UART_MCR_LOOP | 0x05);
	cr_assert_eq(uart_read(&u, UART_MSR) & 0xf0,
		     UART_MSR_DSR | UART_MSR_RI);
	uart_write(&u, UART_MCR, 0);
	cr_assert_eq(uart_read(&u, UART_MSR),
		     UART_MSR_DCD | UART_MSR_DSR | UART_MSR_CTS);
}

/* Does IIR say 16550A (bits 7:6 = 11) once the FIFOs are on, and nothing pending otherwise? */
Test(uart, iir_reports_16550a_with_fifo)
{
	reset();
	cr_assert_eq(uart_read(&u, UART_IIR), UART_IIR_NO_INT);
	uart_write(&u, UART_FCR, UART_FCR_ENABLE_FIFO);
	cr_assert_eq(uart_read(&u, UART_IIR) >> 6, 3);
	/* No EFR behind LCR 0xbf: offset 2 still reads IIR, never 0. */
	uart_write(&u, UART_LCR, 0xbf);
	cr_assert_neq(uart_read(&u, UART_IIR), 0);
	/* No 64-byte FIFO (16750): IIR bit 5 stays clear. */
	cr_assert_eq(uart_read(&u, UART_IIR) & 0x20, 0);
}

/* Does enabling THRI raise a THR-empty cause in IIR once, and a transmit raise it again? */
Test(uart, thri_reported_once_per_transmit)
{
	reset();
	uart_write(&u, UART_IER, UART_IER_THRI);
	cr_assert_eq(uart_read(&u, UART_IIR), UART_IIR_THRI);
	cr_assert_eq(uart_read(&u, UART_IIR), UART_IIR_NO_INT);
	uart_write(&u, UART_TX, 'x');
	cr_assert_eq(uart_read(&u, UART_IIR), UART_IIR_THRI);
}

/* Do the divisor latches sit behind DLAB without touching THR and IER? */
Test(uart, divisor_latches_behind_dlab)
{
	reset();
	uart_write(&u, UART_IER, UART_IER_RDI);
	uart_write(&u, UART_LCR, UART_LCR_DLAB | 0x03);
	uart_write(&u, UART_DLL, 0x0c);
	uart_write(&u, UART_DLM, 0x01);
	cr_assert_eq(uart_read(&u, UART_DLL), 0x0c);
	cr_assert_eq(uart_read(&u, UART_DLM), 0x01);
	cr_assert_eq(nsent, 0);
	uart_write(&u, UART_LCR, 0x03);
	cr_assert_eq(uart_read(&u, UART_IER), UART_IER_RDI);
	cr_assert_eq(uart_read(&u, UART_LCR), 0x03);
}

/* Is the transmitter always empty, and every THR byte sent, in order? */
Test(uart, transmit_unpaced_in_order)
{
	reset();
	for (const char *s = "ok\n"; *s; s++) {
		cr_assert_eq(uart_read(&u, UART_LSR) & 0x60, 0x60);
		uart_write(&u, UART_TX, (u8)*s);
	}
	cr_assert_eq(nsent, 3);
	cr_assert_eq(memcmp(sent, "ok\n", 3), 0);
	cr_assert_eq(u.tx_bytes, 3);
}

/* Does a byte sent in loopback come back as received data instead of leaving? */
Test(uart, loopback_byte_received_not_sent)
{
	reset();
	uart_write(&u, UART_MCR, UART_MCR_LOOP);
	uart_write(&u, UART_TX, 0x5a);
	cr_assert_eq(nsent, 0);
	cr_assert(uart_read(&u, UART_LSR) & UART_LSR_DR);
	cr_assert_eq(uart_read(&u, UART_RX), 0x5a);
	cr_assert_eq(uart_read(&u, UART_LSR) & UART_LSR_DR, 0);
}

/* Does the scratch register keep what is written (the 8250 probe's SCR test)? */
Test(uart, scratch_register)
{
	reset();
	uart_write(&u, UART_SCR, 0xa5);
	cr_assert_eq(uart_read(&u, UART_SCR), 0xa5);
	uart_write(&u, UART_SCR, 0x5a);
	cr_assert_eq(uart_read(&u, UART_SCR), 0x5a);
}
