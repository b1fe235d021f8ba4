/* tests/boot/guests/io_gp.c - test guest: the port space is the guest's own empty bus (reads all ones, writes dropped) with COM1 and the CMOS RTC on it; string I/O is #GP; the run ends through QEMU's isa-debug-exit. KVM selftests: x86_64/userspace_io_test.c. */
#include "../../../guest-pv/lib/guest.h"
#include "../../../guest-pv/lib/hypercall.h"
#include "../../../guest-pv/lib/idt.h"
#include "../../../guest-pv/lib/printk.h"
#include "../../../guest-pv/lib/processor.h"
#include "../../../include/serial_reg.h"
#include "../../../include/x86.h"

#define PORT_PIC_MASTER_IMR	0x21	/* no PIC: nothing answers */
#define PORT_PIT_CH0		0x40
#define PORT_PCI_CONFIG_DATA	0xcfc
#define PORT_POST		0x80
#define PORT_COM1		0x3f8
#define PORT_RTC_INDEX		0x70
#define PORT_RTC_DATA		0x71
#define RTC_REG_D		0x0d
#define RTC_VRT			0x80
#define PORT_DEBUG_EXIT		0xf4
#define RAX_MARK		0x1122334455667700ull

extern const char ins_insn[];	/* the INSB instruction, labelled below */
static bool failed;

#define CHECK(cond, ...) do {						\
	if (!(cond)) {							\
		printk("io_gp: FAIL: " __VA_ARGS__);			\
		failed = true;						\
	}								\
} while (0)

/* The string IN must be refused with #GP(0); skip it and go on. */
static void handle_gp(struct pt_regs *regs)
{
	CHECK(regs->ip == (u64)(uintptr_t)ins_insn && !regs->error_code,
	      "#GP at RIP %#llx error code %#llx; expected RIP %p code 0\n",
	      (unsigned long long)regs->ip,
	      (unsigned long long)regs->error_code, (const void *)ins_insn);
	report("io_string_gp", "1");
	regs->ip += 1;			/* INSB is one byte */
}

/* IN with the rest of RAX filled, to see what the IN leaves there. */
static u64 in_rax(u16 port, unsigned size)
{
	u64 rax = RAX_MARK;

	if (size == 1)
		__asm__ volatile("inb %w1, %b0" : "+a"(rax) : "Nd"(port));
	else if (size == 2)
		__asm__ volatile("inw %w1, %w0" : "+a"(rax) : "Nd"(port));
	else
		__asm__ volatile("inl %w1, %k0" : "+a"(rax) : "Nd"(port));
	return rax;
}

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
	u8 buf[4] = { 0 };
	u64 v;

	(void)bi;
	idt_set_handler(X86_TRAP_GP, handle_gp);

	/* The empty bus: 3 unclaimed reads, 1 unclaimed write. */
	v = in_rax(PORT_PIC_MASTER_IMR, 1);
	CHECK(v == (RAX_MARK | 0xff), "INB gave RAX %#llx\n",
	      (unsigned long long)v);
	v = in_rax(PORT_PIT_CH0, 2);
	CHECK(v == ((RAX_MARK & ~0xffffull) | 0xffff), "INW gave RAX %#llx\n",
	      (unsigned long long)v);
	v = in_rax(PORT_PCI_CONFIG_DATA, 4);
	CHECK(v == 0xffffffffull, "INL gave RAX %#llx (must zero-extend)\n",
	      (unsigned long long)v);
	outb(0x42, PORT_POST);

	/* String I/O: #GP, and the buffer untouched. */
	__asm__ volatile(".globl ins_insn\n"
			 "ins_insn: insb"
			 : : "D"(buf), "d"((u16)PORT_PIC_MASTER_IMR) : "memory");
	CHECK(buf[0] == 0, "INSB wrote %#x\n", buf[0]);

	/* The devices: COM1 to the console, the RTC's register D. */
	/* Lines as Linux's serial console ends them: "\r\n". */
	com1_puts("io_gp: this line went through COM1\r\n");
	/* A console report, as Linux's printk would print it. */
	com1_puts("[    1.000000] faultline-report: Bad-Key=1 com1_report=7\r\n");
	outb(RTC_REG_D, PORT_RTC_INDEX);
	CHECK(inb(PORT_RTC_DATA) == RTC_VRT, "RTC register D is not %#x\n",
	      RTC_VRT);

	report("io_gp", failed ? "0" : "1");
	printk("io_gp: %s; ending through isa-debug-exit\n",
	       failed ? "FAIL" : "PASS");
	outb(failed ? 1 : 0, PORT_DEBUG_EXIT);

	printk("io_gp: FAIL: the write to port %#x returned\n",
	       PORT_DEBUG_EXIT);
	return FL_RESULT_FAIL;
}
