/* include/acpi.h - the few ACPI tables faultline gives a Linux guest: RSDP, XSDT, FADT, DSDT, MADT. Linux: include/acpi/actbl.h, actbl1.h, actbl2.h (ACPI 6.x). */
#ifndef FAULTLINE_ACPI_H
#define FAULTLINE_ACPI_H

#include "types.h"

#define ACPI_SIG_RSDP		"RSD PTR "
#define ACPI_SIG_XSDT		"XSDT"
#define ACPI_SIG_FADT		"FACP"
#define ACPI_SIG_DSDT		"DSDT"
#define ACPI_SIG_MADT		"APIC"
#define ACPI_NAMESEG_SIZE	4
#define ACPI_OEM_ID_SIZE	6
#define ACPI_OEM_TABLE_ID_SIZE	8

#define ACPI_RSDP_REVISION_2	2	/* has the XSDT address */
#define ACPI_RSDP_CHECKSUM_LENGTH 20	/* the ACPI 1.0 part */
#define ACPI_RSDP_ALIGN		16	/* where firmware may put an RSDP */

struct acpi_table_rsdp {
	char signature[8];
	u8 checksum;			/* first 20 bytes sum to 0 */
	char oem_id[ACPI_OEM_ID_SIZE];
	u8 revision;
	u32 rsdt_physical_address;
	u32 length;
	u64 xsdt_physical_address;
	u8 extended_checksum;		/* all bytes sum to 0 */
	u8 reserved[3];
} __attribute__((packed));

struct acpi_table_header {
	char signature[ACPI_NAMESEG_SIZE];
	u32 length;
	u8 revision;
	u8 checksum;			/* the whole table sums to 0 */
	char oem_id[ACPI_OEM_ID_SIZE];
	char oem_table_id[ACPI_OEM_TABLE_ID_SIZE];
	u32 oem_revision;
	char asl_compiler_id[ACPI_NAMESEG_SIZE];
	u32 asl_compiler_revision;
} __attribute__((packed));

/* Generic Address Structure: a register the OS would access. */
struct acpi_generic_address {
	u8 space_id;
	u8 bit_width;
	u8 bit_offset;
	u8 access_width;
	u64 address;
} __attribute__((packed));

#define ACPI_FADT_REVISION_6	6
#define ACPI_FADT_MINOR_VERSION_5 5	/* ACPI 6.5 */
/* FADT flags: no fixed hardware (PM timer, GPEs, SCI): ACPI 6.5 5.2.9 */
#define ACPI_FADT_HW_REDUCED	BIT(20)
/* IA-PC boot architecture flags (iapc_boot_arch) */
#define ACPI_FADT_LEGACY_DEVICES BIT(0)	/* ISA devices: we have none */
#define ACPI_FADT_8042		BIT(1)	/* keyboard controller: none */
#define ACPI_FADT_NO_VGA	BIT(2)
#define ACPI_FADT_NO_MSI	BIT(3)
#define ACPI_FADT_NO_ASPM	BIT(4)

struct acpi_table_fadt {
	struct acpi_table_header header;
	u32 facs;
	u32 dsdt;
	u8 model;
	u8 preferred_profile;
	u16 sci_interrupt;
	u32 smi_command;
	u8 acpi_enable;
	u8 acpi_disable;
	u8 s4_bios_request;
	u8 pstate_control;
	u32 pm1a_event_block, pm1b_event_block;
	u32 pm1a_control_block, pm1b_control_block;
	u32 pm2_control_block, pm_timer_block;
	u32 gpe0_block, gpe1_block;
	u8 pm1_event_length, pm1_control_length, pm2_control_length;
	u8 pm_timer_length, gpe0_block_length, gpe1_block_length;
	u8 gpe1_base, cst_control;
	u16 c2_latency, c3_latency, flush_size, flush_stride;
	u8 duty_offset, duty_width, day_alarm, month_alarm, century;
	u16 boot_flags;			/* iapc_boot_arch */
	u8 reserved;
	u32 flags;
	struct acpi_generic_address reset_register;
	u8 reset_value;
	u16 arm_boot_flags;
	u8 minor_revision;
	u64 Xfacs;
	u64 Xdsdt;
	struct acpi_generic_address xpm1a_event_block, xpm1b_event_block;
	struct acpi_generic_address xpm1a_control_block, xpm1b_control_block;
	struct acpi_generic_address xpm2_control_block, xpm_timer_block;
	struct acpi_generic_address xgpe0_block, xgpe1_block;
	struct acpi_generic_address sleep_control, sleep_status;
	u64 hypervisor_id;
} __attribute__((packed));

#define ACPI_MADT_ENABLED	BIT(0)	/* local APIC flags: usable */
#define ACPI_MADT_TYPE_LOCAL_APIC 0
#define APIC_DEFAULT_PHYS_BASE	0xfee00000u

struct acpi_table_madt {
	struct acpi_table_header header;
	u32 address;			/* the local APIC's MMIO base */
	u32 flags;			/* 0: no dual 8259 (PCAT_COMPAT) */
} __attribute__((packed));

struct acpi_madt_local_apic {
	u8 type;
	u8 length;
	u8 processor_id;
	u8 id;
	u32 lapic_flags;
} __attribute__((packed));

_Static_assert(sizeof(struct acpi_table_rsdp) == 36, "RSDP v2 is 36 bytes");
_Static_assert(sizeof(struct acpi_table_header) == 36, "SDT header");
_Static_assert(offsetof(struct acpi_table_fadt, flags) == 112, "FADT flags");
_Static_assert(offsetof(struct acpi_table_fadt, Xdsdt) == 140, "FADT X_DSDT");
_Static_assert(sizeof(struct acpi_table_fadt) == 276, "FADT revision 6");

#endif
