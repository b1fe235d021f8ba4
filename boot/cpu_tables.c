/* boot/cpu_tables.c - faultline's own GDT (with the 64-bit TSS VM entry needs), IDT and exception reporting. Linux: arch/x86/kernel/cpu/common.c (GDT/TSS), arch/x86/kernel/idt.c. */
#include "cpu_tables.h"
#include "console.h"
#include "../vmm/portio.h"
#include "../vmm/vmm.h"
#include "../include/desc.h"

/*
 * Host selectors. VM exit loads them from the VMCS, which requires a
 * non-null TR (27.2.3): OVMF runs with TR = 0, so without this TSS the
 * first VMLAUNCH fails with "VM entry with invalid host-state field(s)".
 */
#define HOST_SEL_CODE	0x08
#define HOST_SEL_DATA	0x10
#define HOST_SEL_TSS	0x18
#define IST_FATAL	1	/* #DF and #MC run on their own stack */
#define IST_NMI		2	/* an NMI can arrive anywhere, even mid-#DF */
#define IST_STACK_SIZE	(16 * 1024)
#define NMI_STACK_SIZE	1024	/* nmi_entry pushes only the CPU's frame */

struct tss64 {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __attribute__((packed));

struct idt_gate {
	u16 offset_low;
	u16 selector;
	u8 ist;
	u8 type_attr;
	u16 offset_mid;
	u32 offset_high;
	u32 reserved;
} __attribute__((packed));

struct desc_ptr {
	u16 limit;
	u64 base;
} __attribute__((packed));

#define GATE_INTERRUPT_PRESENT	0x8e	/* P, DPL 0, 64-bit interrupt gate */
#define GDT_ENTRIES		5	/* null, code, data, TSS (two slots) */

static u64 gdt[GDT_ENTRIES] __attribute__((aligned(16)));
static struct tss64 tss __attribute__((aligned(16)));
static struct idt_gate idt[X86_NR_EXCEPTIONS] __attribute__((aligned(16)));
static u8 ist_stack[IST_STACK_SIZE] __attribute__((aligned(16)));
static u8 nmi_stack[NMI_STACK_SIZE] __attribute__((aligned(16)));

extern const u64 exception_stubs[X86_NR_EXCEPTIONS];	/* isr.asm */
extern char nmi_entry[];				/* isr.asm */
void load_segments(u16 cs, u16 ds);			/* isr.asm */

static void set_gate(unsigned vector, u64 handler, u8 ist)
{
	idt[vector] = (struct idt_gate){
		.offset_low = (u16)handler,
		.selector = HOST_SEL_CODE,
		.ist = ist,
		.type_attr = GATE_INTERRUPT_PRESENT,
		.offset_mid = (u16)(handler >> 16),
		.offset_high = (u32)(handler >> 32),
	};
}

void cpu_tables_install(void)
{
	struct desc_ptr gdtr = { sizeof(gdt) - 1, (u64)(uintptr_t)gdt };
	struct desc_ptr idtr = { sizeof(idt) - 1, (u64)(uintptr_t)idt };

	gdt[0] = 0;
	gdt[HOST_SEL_CODE / 8] = flat_descriptor(DESC_TYPE_CODE_XRA | DESC_S |
						 DESC_P | DESC_L | DESC_G);
	gdt[HOST_SEL_DATA / 8] = flat_descriptor(DESC_TYPE_DATA_RWA | DESC_S |
						 DESC_P | DESC_DB | DESC_G);
	tss.iomap_base = sizeof(tss);	/* no I/O bitmap */
	tss.ist[IST_FATAL - 1] = (u64)(uintptr_t)(ist_stack + IST_STACK_SIZE);
	tss.ist[IST_NMI - 1] = (u64)(uintptr_t)(nmi_stack + NMI_STACK_SIZE);
	set_tss_descriptor(&gdt[HOST_SEL_TSS / 8], (u64)(uintptr_t)&tss,
			   sizeof(tss) - 1, DESC_TYPE_TSS64_AVAIL);

	for (unsigned v = 0; v < X86_NR_EXCEPTIONS; v++)
		set_gate(v, exception_stubs[v],
			 v == X86_TRAP_DF || v == X86_TRAP_MC ? IST_FATAL : 0);
	/* An NMI in VMX root is counted and returned from, never fatal. */
	set_gate(X86_TRAP_NMI, (u64)(uintptr_t)nmi_entry, IST_NMI);

	__asm__ volatile("lgdt %0" : : "m"(gdtr) : "memory");
	load_segments(HOST_SEL_CODE, HOST_SEL_DATA);
	__asm__ volatile("ltr %w0" : : "r"((u16)HOST_SEL_TSS) : "memory");
	__asm__ volatile("lidt %0" : : "m"(idtr) : "memory");
}

void host_tables_get(struct host_tables *t)
{
	t->gdt_base = (u64)(uintptr_t)gdt;
	t->idt_base = (u64)(uintptr_t)idt;
	t->tss_base = (u64)(uintptr_t)&tss;
	t->cs = HOST_SEL_CODE;
	t->ds = HOST_SEL_DATA;
	t->tr = HOST_SEL_TSS;
}

static const char *const gpr_names[] = {
	"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "r8",
	"r9", "r10", "r11", "r12", "r13", "r14", "r15",
};

/* Called by isr.asm with the frame it built; never returns. */
void exception_handler(struct exception_frame *f)
{
	printk("faultline: BUG: exception %llu in faultline, error code %#llx, "
	       "RIP %#llx, CS %#llx, RFLAGS %#llx, RSP %#llx, CR2 %#llx\n",
	       (unsigned long long)f->vector,
	       (unsigned long long)f->error_code,
	       (unsigned long long)f->rip, (unsigned long long)f->cs,
	       (unsigned long long)f->rflags, (unsigned long long)f->rsp,
	       (unsigned long long)read_cr2());
	for (unsigned i = 0; i < ARRAY_SIZE(gpr_names); i++)
		printk("  %-3s %#018llx%s", gpr_names[i],
		       (unsigned long long)f->gpr[i], i % 4 == 3 ? "\n" : "");
	printk("\n");
	panic("exception %llu at RIP %#llx", (unsigned long long)f->vector,
	      (unsigned long long)f->rip);
}
