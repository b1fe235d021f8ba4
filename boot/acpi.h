/* boot/acpi.h - the ACPI tables a Linux guest finds through boot_params.acpi_rsdp_addr. */
#ifndef FAULTLINE_BOOT_ACPI_H
#define FAULTLINE_BOOT_ACPI_H

#include "../include/types.h"

/* Room the tables need: RSDP, XSDT with 2 entries, FADT, DSDT, MADT. */
#define ACPI_TABLES_SIZE	512

/*
 * Write the tables into buf (len bytes, guest-physical address gpa,
 * 16-byte aligned), the RSDP first: RSDP -> XSDT -> { FADT -> DSDT, MADT
 * with one enabled local APIC of id apic_id }. Every checksum is right.
 * Returns the bytes used, or 0 if len or gpa does not suit.
 */
u64 acpi_build_tables(u8 *buf, u64 len, gpa_t gpa, u8 apic_id);

/* The 8-bit sum of len bytes: 0 for a table whose checksum is right. */
u8 acpi_checksum(const void *p, u64 len);

#endif
