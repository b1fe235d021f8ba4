/* tests/boot/guests/kbd_reset.c - test guest: reset the machine through the keyboard controller; faultline must end the guest's run, not reset the host. No Linux twin (cf. arch/x86/kernel/reboot.c, BOOT_KBD). */
#include "../../../guest-pv/lib/guest.h"
#include "../../../guest-pv/lib/printk.h"
#include "../../../guest-pv/lib/processor.h"

#define PORT_KBD_COMMAND	0x64
#define KBD_CMD_PULSE_RESET	0xfe	/* pulse output line 0: CPU reset */

int guest_main(const struct fl_boot_info *bi)
{
	(void)bi;
	printk("kbd_reset: writing %#x to port %#x (8042: pulse reset): "
	       "faultline should end this run, machine up\n",
	       KBD_CMD_PULSE_RESET, PORT_KBD_COMMAND);
	outb(KBD_CMD_PULSE_RESET, PORT_KBD_COMMAND);

	printk("kbd_reset: FAIL: the write returned; nobody stopped the "
	       "guest\n");
	return FL_RESULT_FAIL;
}
