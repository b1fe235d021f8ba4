/* guest-pv/lib/idt.c - build and load the IDT, dispatch each vector to its handler. Linux: arch/x86/kernel/idt.c. */
#include "idt.h"
#include "printk.h"
#include "../../include/guest_abi.h"
#include "../../include/x86.h"

/* A 64-bit interrupt gate (SDM Vol. 3A 6.14.1). */
struct gate_desc {
	u16 offset_low;
	u16 segment;
	u8 ist;			/* 0: stay on the current stack */
	u8 type_attr;
	u16 offset_middle;
	u32 offset_high;
	u32 reserved;
} __attribute__((packed));

_Static_assert(sizeof(struct gate_desc) == 16, "a 64-bit gate is 16 bytes");

/* P=1, DPL=0, type 0xe: interrupt gate, which clears IF on entry. */
#define GATE_INTERRUPT	0xe
#define GATE_P		0x80

struct idt_ptr {
	u16 limit;
	u64 base;
} __attribute__((packed));

extern const u64 idt_stubs[IDT_ENTRIES];	/* idt_entry.asm */

static struct gate_desc idt_table[IDT_ENTRIES] __attribute__((aligned(16)));
static idt_handler_t idt_handlers[IDT_ENTRIES];

static void set_gate(u8 vector, u64 addr)
{
	struct gate_desc *g = &idt_table[vector];

	g->offset_low = (u16)addr;
	g->segment = FL_GUEST_SEL_CODE;
	g->ist = 0;
	g->type_attr = GATE_P | GATE_INTERRUPT;
	g->offset_middle = (u16)(addr >> 16);
	g->offset_high = (u32)(addr >> 32);
	g->reserved = 0;
}

void idt_setup(void)
{
	struct idt_ptr ptr = {
		.limit = sizeof(idt_table) - 1,
		.base = (u64)(uintptr_t)idt_table,
	};

	for (unsigned v = 0; v < IDT_ENTRIES; v++)
		set_gate((u8)v, idt_stubs[v]);
	__asm__ volatile("lidt %0" : : "m"(ptr));
}

void idt_set_handler(u8 vector, idt_handler_t handler)
{
	idt_handlers[vector] = handler;
}

void do_idt(struct pt_regs *regs)
{
	idt_handler_t handler = idt_handlers[regs->vector & (IDT_ENTRIES - 1)];

	if (handler)
		handler(regs);
	else if (regs->vector < X86_NR_EXCEPTIONS)
		die("unhandled exception", regs);
	else
		die("unexpected interrupt", regs);
}
