/* guest-pv/fault.h - install the #PF handler (fault.c). Linux: arch/x86/include/asm/traps.h. */
#ifndef GUEST_FAULT_H
#define GUEST_FAULT_H

void fault_init(void);

#endif
