/* boot/acpi_pm.h - find the ACPI PM timer's I/O port from the firmware's ACPI tables. */
#ifndef FAULTLINE_ACPI_PM_H
#define FAULTLINE_ACPI_PM_H

#include "../include/types.h"

struct acpi_pm_timer {
	u16 port;	/* 0: none found */
	u64 mask;	/* ACPI_PM_TIMER_MASK_24 or _32 (FADT TMR_VAL_EXT) */
	const char *why_none;	/* with port 0: where the search ended */
};

/*
 * Follow RSDP -> XSDT (or RSDT) -> FADT to the PM timer block. Tables are
 * reached by their physical addresses (identity mapped under UEFI); every
 * signature, length and checksum is checked before use.
 */
struct acpi_pm_timer acpi_find_pm_timer(const void *rsdp);

#endif
