/* tests/boot/guests/kernel_complaint.c - test guest: print a line as a Linux WARNING would look on COM1, then leave through isa-debug-exit with "pass"; faultline must fail the run and name the complaint. No Linux twin (cf. lib/bug.c's "WARNING:" lines). */
#include "../../../guest-pv/lib/guest.h"
#include "../../../guest-pv/lib/processor.h"
#include "../../../include/serial_reg.h"

#define PORT_COM1		0x3f8
#define PORT_DEBUG_EXIT		0xf4
#define DEBUG_EXIT_PASS		0

static void com1_puts(const char *s)
{
	for (; *s; s++) {
		while (!(inb(PORT_COM1 + UART_LSR) & UART_LSR_THRE))
			;
		outb((u8)*s, PORT_COM1 + UART_TX);
	}
}

int guest_main(const struct fl_boot_info *bi)
{
	(void)bi;
	com1_puts("[    0.500000] kernel_complaint: a harmless line first\n");
	com1_puts("[    1.000000] WARNING: CPU: 0 PID: 1 at test.c:1 "
		  "kernel_complaint+0x0/0x10\n");
	outb(DEBUG_EXIT_PASS, PORT_DEBUG_EXIT);
	return FL_RESULT_FAIL;	/* not reached */
}
