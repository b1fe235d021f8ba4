/* tests/boot/guests/console_flood.c - test guest: print pages= MiB (default 64) through the console hypercall, half of it unprintable bytes; faultline must show the first 64 KiB escaped, count the rest as console_dropped, and end the run promptly. No KVM twin: QEMU's chardev backends have no cap. */
#include "../../../guest-pv/lib/cmdline.h"
#include "../../../guest-pv/lib/guest.h"
#include "../../../guest-pv/lib/hypercall.h"
#include "../../../guest-pv/lib/printk.h"

#define DEFAULT_MIB	64

static char chunk[FL_HC_CONSOLE_MAX];

int guest_main(const struct fl_boot_info *bi)
{
	u64 mib = cmdline_u64("pages", DEFAULT_MIB);
	u64 calls = MiB(mib) / sizeof(chunk), refused = 0;

	(void)bi;
	/* Bytes 0-255 in turn: escapes, control characters, a newline now and then. */
	for (unsigned i = 0; i < sizeof(chunk); i++)
		chunk[i] = (char)(i * 7);
	for (u64 i = 0; i < calls; i++)
		if (hc_console_write(chunk, sizeof(chunk)))
			refused++;
	report("flood_bytes", "%llu", (unsigned long long)MiB(mib));
	report("flood_refused", "%llu", (unsigned long long)refused);
	return refused ? FL_RESULT_FAIL : FL_RESULT_PASS;
}
