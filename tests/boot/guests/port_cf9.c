/* tests/boot/guests/port_cf9.c - test guest: reset the machine through the reset control register; faultline must end the guest's run, not reset the host. No Linux twin (cf. arch/x86/kernel/reboot.c, BOOT_CF9_FORCE). */
#include "../../../guest-pv/lib/guest.h"
#include "../../../guest-pv/lib/printk.h"
#include "../../../guest-pv/lib/processor.h"

#define PORT_RESET_CONTROL	0xcf9
#define RST_CNT_SYS_RST		0x02	/* full reset, not just the CPU */
#define RST_CNT_RST_CPU		0x04	/* do it now */

int guest_main(const struct fl_boot_info *bi)
{
	u8 value = RST_CNT_SYS_RST | RST_CNT_RST_CPU;

	(void)bi;
	printk("port_cf9: writing %#x to port %#x (reset): faultline should "
	       "end this run, machine up\n", value, PORT_RESET_CONTROL);
	outb(value, PORT_RESET_CONTROL);

	printk("port_cf9: FAIL: the write returned; nobody stopped the "
	       "guest\n");
	return FL_RESULT_FAIL;
}
