/* include/apicdef.h - local APIC registers and bits (SDM Vol. 3A chapter 10), Linux's names. Linux: arch/x86/include/asm/apicdef.h. */
#ifndef FAULTLINE_APICDEF_H
#define FAULTLINE_APICDEF_H

/*
 * Register offsets in the xAPIC page. In x2APIC mode each is an MSR:
 * APIC_BASE_MSR + (offset >> 4) (SDM 10.12.1.2, Table 10-6).
 */
#define APIC_ID		0x020
#define APIC_LVR	0x030	/* version */
#define APIC_TASKPRI	0x080	/* TPR */
#define APIC_ARBPRI	0x090	/* no x2APIC MSR */
#define APIC_PROCPRI	0x0a0	/* PPR */
#define APIC_EOI	0x0b0
#define APIC_RRR	0x0c0	/* no x2APIC MSR */
#define APIC_LDR	0x0d0
#define APIC_DFR	0x0e0	/* no x2APIC MSR */
#define APIC_SPIV	0x0f0	/* spurious-interrupt vector (SVR) */
#define APIC_ISR	0x100	/* 8 registers, 0x10 apart */
#define APIC_TMR	0x180
#define APIC_IRR	0x200
#define APIC_ESR	0x280
#define APIC_LVTCMCI	0x2f0
#define APIC_ICR	0x300	/* one 64-bit MSR in x2APIC mode */
#define APIC_ICR2	0x310	/* no x2APIC MSR */
#define APIC_LVTT	0x320	/* timer */
#define APIC_LVTTHMR	0x330	/* thermal */
#define APIC_LVTPC	0x340	/* performance counters */
#define APIC_LVT0	0x350	/* LINT0 */
#define APIC_LVT1	0x360	/* LINT1 */
#define APIC_LVTERR	0x370	/* error */
#define APIC_TMICT	0x380	/* timer initial count */
#define APIC_TMCCT	0x390	/* timer current count */
#define APIC_TDCR	0x3e0	/* timer divide configuration */
#define APIC_SELF_IPI	0x3f0	/* x2APIC only */
#define APIC_REG_SPAN	0x400	/* the register page in use */
#define APIC_REG_SHIFT	4	/* offset >> 4: register index, MSR low bits */

#define APIC_VECTORS_PER_REG	32	/* ISR/TMR/IRR: 8 x 32 bits */
#define APIC_VECTOR_MASK	0x000ffu
#define APIC_PRIORITY_CLASS	0x000f0u	/* vector 7:4: its priority class */
#define APIC_FIRST_VALID_VECTOR	16	/* 0-15 are illegal (SDM 10.5.2) */

/* APIC_LVR: version 0x14 (integrated APIC), max LVT entry in 23:16 */
#define APIC_VERSION		0x14
#define APIC_LVR_MAXLVT_SHIFT	16

/* APIC_SPIV */
#define APIC_SPIV_VECTOR	0x000ffu
#define APIC_SPIV_APIC_ENABLED	(1u << 8)	/* software enable */
#define APIC_SPIV_FOCUS_DISABLED (1u << 9)

/* LVT entries */
#define APIC_LVT_MASKED		(1u << 16)
#define APIC_SEND_PENDING	(1u << 12)	/* delivery status */
#define APIC_MODE_MASK		0x00700u	/* delivery mode, 10:8 */
#define APIC_INPUT_POLARITY	(1u << 13)
#define APIC_LVT_REMOTE_IRR	(1u << 14)
#define APIC_LVT_LEVEL_TRIGGER	(1u << 15)
#define APIC_LVT_TIMER_MASK	(3u << 17)	/* timer mode, 18:17 */
#define APIC_LVT_TIMER_ONESHOT	(0u << 17)
#define APIC_LVT_TIMER_PERIODIC	(1u << 17)
#define APIC_LVT_TIMER_TSCDEADLINE (2u << 17)

/* APIC_ESR bits */
#define APIC_ESR_SENDILL	(1u << 5)	/* sent an illegal vector */
#define APIC_ESR_RECVILL	(1u << 6)	/* received an illegal vector */
#define APIC_ESR_ILLREGA	(1u << 7)	/* illegal register address */

/* APIC_ICR (x2APIC: 64 bits, destination in 63:32) */
#define APIC_DM_FIXED		0x00000u
#define APIC_DM_MASK		0x00700u
#define APIC_DEST_LOGICAL	0x00800u
#define APIC_INT_ASSERT		0x04000u
#define APIC_INT_LEVELTRIG	0x08000u
#define APIC_SHORT_MASK		0xc0000u
#define APIC_DEST_NOSHORT	0x00000u
#define APIC_DEST_SELF		0x40000u
#define APIC_DEST_ALLINC	0x80000u
#define APIC_DEST_ALLBUT	0xc0000u
#define X2APIC_ICR_DEST_SHIFT	32
#define X2APIC_BROADCAST	0xffffffffu
/* Bits 31:20, 17:16 and 13 of the x2APIC ICR are reserved (#GP). */
#define X2APIC_ICR_RESERVED_BITS 0xfff32000ull

/* APIC_TDCR: divide by 2^((bits 3,1:0) + 1), 0b1011 means 1 */
#define APIC_TDCR_MASK		0xbu

#endif
