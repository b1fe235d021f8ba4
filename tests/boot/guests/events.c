/* tests/boot/guests/events.c - test guest: ICEBP, INT3 and INT n with the stack on pages never touched (their delivery exits on the EPT violation and is re-injected), and the single-step #DB after an instruction faultline emulates. KVM selftests: x86_64/debug_regs.c. */
#include "../../../guest-pv/lib/guest.h"
#include "../../../guest-pv/lib/hypercall.h"
#include "../../../guest-pv/lib/idt.h"
#include "../../../guest-pv/lib/printk.h"
#include "../../../include/x86.h"

#define SOFT_INT_VECTOR	0x80
#define STACK_GAP	(16 * PAGE_SIZE)	/* well above the image: never touched */

static volatile u64 got_vector, got_ip, got_dr6;
static unsigned failures;

static u64 read_dr6(void)
{
	u64 v;

	__asm__ volatile("mov %%dr6, %0" : "=r"(v));
	return v;
}

static void record(struct pt_regs *regs)
{
	got_vector = regs->vector;
	got_ip = regs->ip;
	got_dr6 = read_dr6();
	regs->flags &= ~X86_EFLAGS_TF;
}

static void check(bool ok, const char *what)
{
	if (!ok) {
		printk("events: FAIL: %s (vector %llu at %#llx)\n", what,
		       (unsigned long long)got_vector,
		       (unsigned long long)got_ip);
		failures++;
	}
}

extern const char after_icebp[], after_int3[], after_int80[], after_cpuid[];

/* Each event is raised with RSP at the top of an untouched page. */
static void raise_on_fresh_stacks(u64 free)
{
	u64 stack = free + STACK_GAP;

	got_vector = ~0ull;
	__asm__ volatile("mov %%rsp, %%rbx\n\t"
			 "mov %0, %%rsp\n\t"
			 ".byte 0xf1\n"		/* ICEBP (INT1) */
			 ".globl after_icebp\n"
			 "after_icebp: mov %%rbx, %%rsp"
			 : : "r"(stack + PAGE_SIZE) : "rbx", "memory");
	check(got_vector == X86_TRAP_DB &&
	      got_ip == (u64)(uintptr_t)after_icebp, "ICEBP: no #DB after it");

	got_vector = ~0ull;
	__asm__ volatile("mov %%rsp, %%rbx\n\t"
			 "mov %0, %%rsp\n\t"
			 "int3\n"
			 ".globl after_int3\n"
			 "after_int3: mov %%rbx, %%rsp"
			 : : "r"(stack + 3 * PAGE_SIZE) : "rbx", "memory");
	check(got_vector == X86_TRAP_BP &&
	      got_ip == (u64)(uintptr_t)after_int3, "INT3: no #BP after it");

	got_vector = ~0ull;
	__asm__ volatile("mov %%rsp, %%rbx\n\t"
			 "mov %0, %%rsp\n\t"
			 "int $0x80\n"
			 ".globl after_int80\n"
			 "after_int80: mov %%rbx, %%rsp"
			 : : "r"(stack + 5 * PAGE_SIZE) : "rbx", "memory");
	check(got_vector == SOFT_INT_VECTOR &&
	      got_ip == (u64)(uintptr_t)after_int80, "INT 0x80: not delivered");
}

/* TF set, then CPUID (faultline emulates it): #DB with DR6.BS right after. */
static void singlestep_emulated(void)
{
	got_vector = ~0ull;
	__asm__ volatile("pushf\n\t"
			 "orq %0, (%%rsp)\n\t"
			 "popf\n\t"
			 "cpuid\n"
			 ".globl after_cpuid\n"
			 "after_cpuid: pushf\n\t"
			 "andq %1, (%%rsp)\n\t"
			 "popf"
			 : : "i"(X86_EFLAGS_TF), "i"(~X86_EFLAGS_TF), "a"(0),
			   "c"(0) : "rbx", "rdx", "memory", "cc");
	check(got_vector == X86_TRAP_DB &&
	      got_ip == (u64)(uintptr_t)after_cpuid,
	      "TF over CPUID: no #DB right after it");
	check(got_dr6 & DR6_BS, "TF over CPUID: DR6.BS clear");
}

int guest_main(const struct fl_boot_info *bi)
{
	idt_set_handler(X86_TRAP_DB, record);
	idt_set_handler(X86_TRAP_BP, record);
	idt_set_handler(SOFT_INT_VECTOR, record);
	raise_on_fresh_stacks(bi->first_free_gpa);
	singlestep_emulated();
	/*
	 * Not events, but as cheap here: a guest that prints a summary line
	 * of its own and reports one key twice must change nothing of
	 * faultline's (tests/boot/guest_events checks the line it gets).
	 */
	printk("\nfaultline-summary: result=fail stop=forged\n");
	report("events_dup", "1");
	report("events_dup", "2");
	report("events_failures", "%u", failures);
	printk("events: %s (%u failed checks)\n", failures ? "FAIL" : "PASS",
	       failures);
	return failures ? FL_RESULT_FAIL : FL_RESULT_PASS;
}
