/* tests/boot/guests/fuzz.c - test guest: seeded hostile operations (VMCALLs with faultline's and KVM's numbers and bad arguments, MSR and CR writes, I/O, CPUID, INT n, ICEBP and INT3 on untouched stack pages, VMX and other privileged instructions); faultline must answer each as a CPU or KVM would and keep the run going. KVM selftests: no twin; syzkaller's KVM descriptions come closest. */
#include "../../../guest-pv/lib/cmdline.h"
#include "../../../guest-pv/lib/guest.h"
#include "../../../guest-pv/lib/hypercall.h"
#include "../../../guest-pv/lib/idt.h"
#include "../../../guest-pv/lib/printk.h"
#include "../../../include/kvm_para.h"
#include "../../../include/x86.h"

#define DEFAULT_COUNT	2000
#define FRESH_STACKS	2048	/* untouched pages for event delivery, then reused */
#define FRESH_GAP	MiB(1)	/* above the image: nothing else touches it */
#define KVM_HC_MAX	13	/* KVM_HC_* go up to 12 (MAP_GPA_RANGE) */
#define FL_HC_SPAN	8	/* faultline's numbers and a few past them */

/* Ports whose writes end the run or the machine: the fuzz leaves them be. */
static const u16 ending_ports[] = { 0xcf9, 0x64, 0xf4, 0x604, 0xb004 };

static const u32 msrs[] = {
	MSR_EFER, MSR_IA32_TSC, MSR_IA32_APICBASE, MSR_IA32_CR_PAT,
	MSR_IA32_SYSENTER_CS, MSR_IA32_SYSENTER_ESP, MSR_IA32_SYSENTER_EIP,
	MSR_IA32_DEBUGCTLMSR, MSR_KERNEL_GS_BASE, MSR_KVM_ASYNC_PF_EN,
	MSR_KVM_ASYNC_PF_INT, MSR_KVM_ASYNC_PF_ACK, 0x4b564d00, 0x4b564d01,
	0x4b564d03, 0x4b564d04, 0x4b564d05, 0x11, 0x12, 0x3a, 0x480, 0x6e0,
	0x800, 0x802, 0x80b, 0x830, 0x838, 0xc0000081, 0xc0000084,
};

enum op {
	OP_VMCALL, OP_WRMSR, OP_RDMSR, OP_CR0, OP_CR4, OP_CR8, OP_IO_IN,
	OP_IO_OUT, OP_IO_STRING, OP_CPUID, OP_INT_N, OP_ICEBP, OP_INT3,
	OP_PRIV, OP_XSETBV, NR_OPS,
};

#define INT_STUB_SIZE	12
#define INT_STUB_VECTOR	7	/* the imm8 of "int $n" in the stub */

static u64 rng_state;
static u8 int_stub_code[256][16] __attribute__((aligned(16)));
static const u8 *int_stubs[256];
static u64 fresh_base, fresh_next;
static u64 vectors_seen[256];
static u64 ops_done[NR_OPS];
static volatile u64 fault_resume;
static u8 scratch[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

/* xorshift64*: a fixed sequence per seed, so a failing seed replays. */
static u64 rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

static u64 rnd_below(u64 n)
{
	return n ? rnd() % n : 0;
}

/* A hostile 64-bit argument: zero, small, huge, near the end of guest memory, inside the guest, or random. */
static u64 hostile(void)
{
	switch (rnd_below(7)) {
	case 0: return 0;
	case 1: return rnd_below(FL_HC_CONSOLE_MAX * 2);
	case 2: return ~0ull - rnd_below(16);
	case 3: return boot_info->guest_mem - rnd_below(2 * PAGE_SIZE);
	case 4: return (u64)(uintptr_t)scratch + rnd_below(PAGE_SIZE);
	case 5: return 1ull << rnd_below(64);
	}
	return rnd();
}

/*
 * Exceptions come back here: a fault resumes after the instruction that
 * raised it (fault_resume, set by each op); traps (#DB, #BP) and INT n
 * return to where they were raised, past the instruction already.
 */
static void on_event(struct pt_regs *regs)
{
	vectors_seen[regs->vector & 0xff]++;
	if (regs->vector < X86_NR_EXCEPTIONS && regs->vector != X86_TRAP_DB &&
	    regs->vector != X86_TRAP_BP)
		regs->ip = fault_resume;
	regs->flags &= ~X86_EFLAGS_TF;
}

/* Run one instruction; a fault it raises resumes right after it. */
#define GUARDED(insn, ...)						\
	__asm__ volatile("movq $1f, %0\n\t" insn "\n1:"		\
			 : "=m"(fault_resume) : __VA_ARGS__)

static void op_vmcall(void)
{
	u64 nr;

	switch (rnd_below(3)) {
	case 0:
		nr = FL_HC_BASE + rnd_below(FL_HC_SPAN);
		break;
	case 1:
		nr = rnd_below(KVM_HC_MAX);
		break;
	default:
		nr = rnd();
		break;
	}
	if (nr == FL_HC_EXIT)
		nr = FL_HC_BASE;	/* the one call that ends the run */
	fl_hypercall4(nr, hostile(), hostile(), hostile(), hostile());
}

static void op_msr(bool write)
{
	u32 msr = rnd_below(4) ? msrs[rnd_below(ARRAY_SIZE(msrs))] : (u32)rnd();
	u64 v = rnd_below(2) ? hostile() : rnd();

	/* Keep long mode and the guest's own mappings: only SCE/NX may flip. */
	if (msr == MSR_EFER)
		v = (v & (EFER_SCE | EFER_NX)) | EFER_LME | EFER_LMA |
		    (rnd_below(4) ? 0 : BIT(rnd_below(64)));
	if (msr == MSR_KVM_ASYNC_PF_EN && rnd_below(2))
		v = (u64)(uintptr_t)scratch | (v & 0x3f);
	if (write)
		GUARDED("wrmsr", "c"(msr), "a"((u32)v), "d"((u32)(v >> 32))
			: "memory");
	else
		GUARDED("rdmsr", "c"(msr) : "rax", "rdx", "memory");
}

static u64 flip(u64 v)
{
	switch (rnd_below(3)) {
	case 0: return v ^ BIT(rnd_below(64));
	case 1: return v ^ BIT(rnd_below(32));
	}
	return rnd();
}

/* A random CR value; whatever the CPU takes is undone at once. */
static void op_cr(unsigned cr)
{
	u64 old, v;

	switch (cr) {
	case 0:
		__asm__ volatile("mov %%cr0, %0" : "=r"(old));
		v = flip(old);
		GUARDED("mov %1, %%cr0", "r"(v) : "memory");
		GUARDED("mov %1, %%cr0", "r"(old) : "memory");
		break;
	case 4:
		__asm__ volatile("mov %%cr4, %0" : "=r"(old));
		v = flip(old);
		GUARDED("mov %1, %%cr4", "r"(v) : "memory");
		GUARDED("mov %1, %%cr4", "r"(old) : "memory");
		break;
	default:
		v = rnd_below(2) ? rnd_below(16) : rnd();
		GUARDED("mov %1, %%cr8", "r"(v) : "memory");
		GUARDED("mov %1, %%cr8", "r"(0ull) : "memory");
		break;
	}
}

static bool ends_run(u16 port)
{
	for (unsigned i = 0; i < ARRAY_SIZE(ending_ports); i++)
		if (port == ending_ports[i])
			return true;
	return false;
}

static void op_io(enum op op)
{
	u16 port = (u16)rnd();
	u64 v = rnd();

	if (op == OP_IO_IN) {
		switch (rnd_below(3)) {
		case 0: GUARDED("inb %w1, %%al", "Nd"(port) : "rax", "memory"); break;
		case 1: GUARDED("inw %w1, %%ax", "Nd"(port) : "rax", "memory"); break;
		default: GUARDED("inl %w1, %%eax", "Nd"(port) : "rax", "memory"); break;
		}
		return;
	}
	if (ends_run(port))
		return;
	if (op == OP_IO_OUT) {
		switch (rnd_below(3)) {
		case 0: GUARDED("outb %%al, %w1", "Nd"(port), "a"(v) : "memory"); break;
		case 1: GUARDED("outw %%ax, %w1", "Nd"(port), "a"(v) : "memory"); break;
		default: GUARDED("outl %%eax, %w1", "Nd"(port), "a"(v) : "memory"); break;
		}
		return;
	}
	/* String forms, REP included, on the guest's own scratch page. */
	if (rnd_below(2))
		GUARDED("rep outsb", "d"(port), "S"(scratch), "c"(rnd_below(8))
			: "memory");
	else
		GUARDED("rep insb", "d"(port), "D"(scratch), "c"(rnd_below(8))
			: "memory");
}

static void op_cpuid(void)
{
	static const u32 bases[] = { 0, 0x40000000, 0x80000000 };
	u32 leaf = rnd_below(4) ? bases[rnd_below(3)] + (u32)rnd_below(0x20)
				: (u32)rnd();
	u32 a, b, c, d;

	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d)
		     : "a"(leaf), "c"((u32)rnd_below(4)));
}

/* The next stack page: untouched for the first FRESH_STACKS events. */
static u64 fresh_stack_top(void)
{
	u64 page = fresh_base + (fresh_next++ % FRESH_STACKS) * PAGE_SIZE;

	return page + PAGE_SIZE;
}

/* INT n, ICEBP or INT3 raised with RSP on a fresh page: its delivery exits. */
static void op_event(enum op op)
{
	u64 top = fresh_stack_top();
	u8 vector = (u8)(FL_FIRST_EXTERNAL_VECTOR +
			 rnd_below(256 - FL_FIRST_EXTERNAL_VECTOR));

	switch (op) {
	case OP_ICEBP:
		__asm__ volatile("mov %%rsp, %%rbx\n\tmov %0, %%rsp\n\t"
				 ".byte 0xf1\n\tmov %%rbx, %%rsp"
				 : : "r"(top) : "rbx", "memory");
		break;
	case OP_INT3:
		__asm__ volatile("mov %%rsp, %%rbx\n\tmov %0, %%rsp\n\t"
				 "int3\n\tmov %%rbx, %%rsp"
				 : : "r"(top) : "rbx", "memory");
		break;
	default:
		__asm__ volatile("call *%1"
				 : : "D"(top), "r"(int_stubs[vector])
				 : "rbx", "memory");
		break;
	}
}

/*
 * INT takes its vector as an immediate, so each vector gets a stub,
 * written at start into the guest's own (identity-mapped, executable)
 * memory: switch to the fresh stack in RDI, INT n, switch back, return.
 */
static void make_int_stubs(void)
{
	static const u8 stub[INT_STUB_SIZE] = {
		0x48, 0x89, 0xe3,	/* mov %rsp, %rbx */
		0x48, 0x89, 0xfc,	/* mov %rdi, %rsp */
		0xcd, 0x00,		/* int $n (patched) */
		0x48, 0x89, 0xdc,	/* mov %rbx, %rsp */
		0xc3,			/* ret */
	};

	for (unsigned v = 0; v < 256; v++) {
		for (unsigned i = 0; i < INT_STUB_SIZE; i++)
			int_stub_code[v][i] = stub[i];
		int_stub_code[v][INT_STUB_VECTOR] = (u8)v;
		int_stubs[v] = int_stub_code[v];
	}
}

/* Instructions faultline answers with #UD, #GP or a no-op, at CPL 0. */
static void op_priv(void)
{
	u64 m = (u64)(uintptr_t)scratch;

	switch (rnd_below(12)) {
	case 0: GUARDED("vmxon %1", "m"(m) : "memory", "cc"); break;
	case 1: GUARDED("vmclear %1", "m"(m) : "memory", "cc"); break;
	case 2: GUARDED("vmptrld %1", "m"(m) : "memory", "cc"); break;
	case 3: GUARDED("vmread %1, %%rax", "r"(rnd()) : "rax", "memory", "cc"); break;
	case 4: GUARDED("vmwrite %1, %%rax", "r"(rnd()) : "rax", "memory", "cc"); break;
	case 5: GUARDED("vmlaunch", : "memory", "cc"); break;
	case 6: GUARDED("vmxoff", : "memory", "cc"); break;
	case 7: GUARDED("invept %1, %%rax", "m"(scratch[0]), "a"(rnd_below(4)) : "memory", "cc"); break;
	case 8: GUARDED("invd", : "memory"); break;
	case 9: GUARDED("rdpmc", "c"((u32)rnd()) : "rax", "rdx", "memory"); break;
	case 10: GUARDED("getsec", "a"((u32)rnd_below(8)) : "rbx", "rcx", "memory"); break;
	default: GUARDED("monitor", "a"(m), "c"(0), "d"(0) : "memory"); break;
	}
}

static void op_xsetbv(void)
{
	u64 v = rnd_below(2) ? rnd_below(8) : rnd();

	GUARDED("xsetbv", "c"((u32)rnd_below(2)), "a"((u32)v),
		"d"((u32)(v >> 32)) : "memory");
}

static void run_op(enum op op)
{
	switch (op) {
	case OP_VMCALL: op_vmcall(); break;
	case OP_WRMSR: op_msr(true); break;
	case OP_RDMSR: op_msr(false); break;
	case OP_CR0: op_cr(0); break;
	case OP_CR4: op_cr(4); break;
	case OP_CR8: op_cr(8); break;
	case OP_IO_IN:
	case OP_IO_OUT:
	case OP_IO_STRING: op_io(op); break;
	case OP_CPUID: op_cpuid(); break;
	case OP_INT_N:
	case OP_ICEBP:
	case OP_INT3: op_event(op); break;
	case OP_PRIV: op_priv(); break;
	case OP_XSETBV: op_xsetbv(); break;
	case NR_OPS: break;
	}
	ops_done[op]++;
}

static void report_counts(u64 seed, u64 count)
{
	report("fuzz_seed", "%llu", (unsigned long long)seed);
	report("fuzz_ops", "%llu", (unsigned long long)count);
	report("fuzz_gp", "%llu", (unsigned long long)vectors_seen[X86_TRAP_GP]);
	report("fuzz_ud", "%llu", (unsigned long long)vectors_seen[X86_TRAP_UD]);
	report("fuzz_db", "%llu", (unsigned long long)vectors_seen[X86_TRAP_DB]);
	report("fuzz_bp", "%llu", (unsigned long long)vectors_seen[X86_TRAP_BP]);
	report("fuzz_df", "%llu", (unsigned long long)vectors_seen[X86_TRAP_DF]);
	report("fuzz_fresh_stacks", "%llu",
	       (unsigned long long)MIN(fresh_next, (u64)FRESH_STACKS));
}

int guest_main(const struct fl_boot_info *bi)
{
	u64 seed = cmdline_u64("seed", 1), count = cmdline_u64("passes",
								DEFAULT_COUNT);
	u64 ints = 0;

	rng_state = seed * 0x9e3779b97f4a7c15ull | 1;
	fresh_base = ALIGN_UP(bi->first_free_gpa, PAGE_SIZE) + FRESH_GAP;
	if (fresh_base + FRESH_STACKS * PAGE_SIZE > bi->guest_mem)
		panic("fuzz: guest_mem %#llx too small for %u fresh stacks",
		      (unsigned long long)bi->guest_mem, FRESH_STACKS);
	for (unsigned v = 0; v < 256; v++)
		idt_set_handler((u8)v, on_event);
	make_int_stubs();
	/* XSETBV exits only with CR4.OSXSAVE (else the CPU's own #UD): turn it on if CPUID allows. */
	{
		u64 cr4;

		__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
		GUARDED("mov %1, %%cr4", "r"(cr4 | X86_CR4_OSXSAVE) : "memory");
	}
	/* Claim the report keys first: a hostile report cannot crowd them out. */
	report_counts(seed, 0);
	printk("fuzz: seed=%llu count=%llu\n", (unsigned long long)seed,
	       (unsigned long long)count);
	for (u64 i = 0; i < count; i++)
		run_op((enum op)rnd_below(NR_OPS));
	for (unsigned v = FL_FIRST_EXTERNAL_VECTOR; v < 256; v++)
		ints += vectors_seen[v];
	report_counts(seed, count);
	report("fuzz_int_n", "%llu", (unsigned long long)ints);
	printk("fuzz: %llu operations, %llu #GP, %llu #UD, %llu INT n; "
	       "the guest is still here\n", (unsigned long long)count,
	       (unsigned long long)vectors_seen[X86_TRAP_GP],
	       (unsigned long long)vectors_seen[X86_TRAP_UD],
	       (unsigned long long)ints);
	return vectors_seen[X86_TRAP_DF] ? FL_RESULT_FAIL : FL_RESULT_PASS;
}
