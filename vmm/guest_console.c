/* vmm/guest_console.c - the guest's console: each byte it writes (console hypercall, emulated COM1) becomes escaped text on faultline's console, a line at a time as "guest: ...", up to a per-run cap. No KVM twin: KVM hands the bytes to userspace (QEMU's serial backend). */
#include "guest_console.h"
#include "console.h"
#include "guest_report.h"

/*
 * The guest's share of the console: enough for every test guest's and a
 * booting Linux's messages, small enough that even a 115200-baud UART
 * (a machine without port 0xE9) carries it in seconds.
 */
#define GUEST_CONSOLE_CAP	KiB(64)
#define ESCAPE_MAX		4	/* "\xNN" */

/*
 * A whole line (or a full buffer): shown until the cap is reached. Past
 * it lines are still put together, so whatever reads each guest line
 * (a report, a kernel complaint) keeps reading; they are only not shown.
 */
static void flush_line(struct vcpu *vcpu)
{
	if (!vcpu->console_dropped)
		printk("guest: %.*s\n", (int)vcpu->console_len,
		       vcpu->console_line);
	guest_console_scan(vcpu, vcpu->console_line, vcpu->console_len);
	vcpu->console_len = 0;
}

static void put_text(struct vcpu *vcpu, const char *s, unsigned n)
{
	if (vcpu->console_len + n > sizeof(vcpu->console_line))
		flush_line(vcpu);	/* a long line continues on the next */
	for (unsigned i = 0; i < n; i++)
		vcpu->console_line[vcpu->console_len++] = s[i];
}

/*
 * Printable ASCII goes out as it is; everything else as a C escape, so
 * no guest byte can move the cursor, clear the screen or end a line of
 * faultline's (a line only ends at the guest's '\n', and the next starts
 * "guest: " again). A backslash is doubled so escapes stay unambiguous.
 */
static void put_escaped(struct vcpu *vcpu, u8 c)
{
	static const char hex[] = "0123456789abcdef";
	char e[ESCAPE_MAX];

	if (c == '\\') {
		put_text(vcpu, "\\\\", 2);
	} else if (c >= ' ' && c < 0x7f) {
		e[0] = (char)c;
		put_text(vcpu, e, 1);
	} else if (c == '\t') {
		put_text(vcpu, "\\t", 2);
	} else if (c == '\r') {
		put_text(vcpu, "\\r", 2);
	} else {
		e[0] = '\\';
		e[1] = 'x';
		e[2] = hex[c >> 4];
		e[3] = hex[c & 15];
		put_text(vcpu, e, ESCAPE_MAX);
	}
}

u64 guest_console_room(const struct vcpu *vcpu)
{
	return GUEST_CONSOLE_CAP - vcpu->console_bytes;
}

void guest_console_drop(struct vcpu *vcpu, u64 n)
{
	if (!n)
		return;
	if (!vcpu->console_dropped) {
		console_flush_guest(vcpu);
		printk("faultline: the guest's console reached its %llu KiB "
		       "cap: further output is only counted "
		       "(console_dropped)\n",
		       (unsigned long long)(GUEST_CONSOLE_CAP / KiB(1)));
	}
	vcpu->console_dropped += n;
}

/*
 * One byte. A CR right before LF is the serial line ending ("\r\n") and
 * goes unseen; any other CR shows as "\r".
 */
void guest_console_putc(struct vcpu *vcpu, u8 c)
{
	if (guest_console_room(vcpu))
		vcpu->console_bytes++;
	else
		guest_console_drop(vcpu, 1);
	if (vcpu->console_cr_pending && c != '\n')
		put_escaped(vcpu, '\r');
	vcpu->console_cr_pending = c == '\r';
	if (c == '\r')
		return;
	if (c == '\n')
		flush_line(vcpu);
	else
		put_escaped(vcpu, c);
}

void console_flush_guest(struct vcpu *vcpu)
{
	if (vcpu->console_cr_pending) {
		vcpu->console_cr_pending = false;
		put_escaped(vcpu, '\r');
	}
	if (vcpu->console_len)
		flush_line(vcpu);
}
