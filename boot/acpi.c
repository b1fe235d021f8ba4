/* boot/acpi.c - build the smallest ACPI a Linux guest boots with: RSDP v2, XSDT, hardware-reduced FADT, an empty DSDT, a MADT with one local APIC. No Linux twin (firmware's job); Firecracker: src/vmm/src/acpi/mod.rs. Pure C: host tests compile it. */
#include "acpi.h"
#include "../include/acpi.h"
#include "../include/lib.h"

#define OEM_ID		"FAULTL"	/* 6 characters, no NUL */
#define OEM_TABLE_ID	"FAULTLIN"	/* 8 */
#define OEM_REVISION	1
#define CREATOR_ID	"FLTL"
#define CREATOR_REVISION 1
#define TABLE_ALIGN	8
/* The FADT's hypervisor vendor identity (ACPI 6.0+): "FAULTLIN". */
#define FADT_HYPERVISOR_ID 0x4e494c544c554146ull
#define XSDT_ENTRIES	2		/* FADT, MADT */
#define DSDT_REVISION	2		/* 64-bit AML integers */
#define XSDT_REVISION	1
#define MADT_REVISION	5

u8 acpi_checksum(const void *p, u64 len)
{
	const u8 *b = p;
	u8 sum = 0;

	for (u64 i = 0; i < len; i++)
		sum = (u8)(sum + b[i]);
	return sum;
}

static void fill_header(struct acpi_table_header *h, const char *sig,
			u32 length, u8 revision)
{
	memcpy(h->signature, sig, ACPI_NAMESEG_SIZE);
	h->length = length;
	h->revision = revision;
	memcpy(h->oem_id, OEM_ID, ACPI_OEM_ID_SIZE);
	memcpy(h->oem_table_id, OEM_TABLE_ID, ACPI_OEM_TABLE_ID_SIZE);
	h->oem_revision = OEM_REVISION;
	memcpy(h->asl_compiler_id, CREATOR_ID, ACPI_NAMESEG_SIZE);
	h->asl_compiler_revision = CREATOR_REVISION;
}

/* The last step for each table: make its bytes sum to 0. */
static void seal(struct acpi_table_header *h)
{
	h->checksum = 0;
	h->checksum = (u8)-acpi_checksum(h, h->length);
}

/*
 * Hardware-reduced (ACPI 6.5 section 4.1): no PM timer, no SCI, no GPE
 * blocks, so Linux probes none of the fixed hardware the platform lacks;
 * the boot-architecture flags say no 8042, no VGA, no MSI, no ASPM.
 */
static void build_fadt(struct acpi_table_fadt *f, gpa_t dsdt)
{
	fill_header(&f->header, ACPI_SIG_FADT, sizeof(*f),
		    ACPI_FADT_REVISION_6);
	f->minor_revision = ACPI_FADT_MINOR_VERSION_5;
	f->flags = ACPI_FADT_HW_REDUCED;
	f->boot_flags = ACPI_FADT_NO_VGA | ACPI_FADT_NO_MSI | ACPI_FADT_NO_ASPM;
	f->Xdsdt = dsdt;
	f->hypervisor_id = FADT_HYPERVISOR_ID;
	seal(&f->header);
}

/* One processor, its local APIC enabled; no IO-APIC, no 8259. */
static u32 build_madt(u8 *p, u8 apic_id)
{
	struct acpi_table_madt *m = (struct acpi_table_madt *)p;
	struct acpi_madt_local_apic *lapic = (void *)(p + sizeof(*m));
	u32 length = sizeof(*m) + sizeof(*lapic);

	fill_header(&m->header, ACPI_SIG_MADT, length, MADT_REVISION);
	m->address = APIC_DEFAULT_PHYS_BASE;
	m->flags = 0;
	lapic->type = ACPI_MADT_TYPE_LOCAL_APIC;
	lapic->length = sizeof(*lapic);
	lapic->processor_id = 0;
	lapic->id = apic_id;
	lapic->lapic_flags = ACPI_MADT_ENABLED;
	seal(&m->header);
	return length;
}

u64 acpi_build_tables(u8 *buf, u64 len, gpa_t gpa, u8 apic_id)
{
	u64 rsdp_off = 0;
	u64 xsdt_off = ALIGN_UP(rsdp_off + sizeof(struct acpi_table_rsdp),
				TABLE_ALIGN);
	u64 xsdt_len = sizeof(struct acpi_table_header) + XSDT_ENTRIES * 8;
	u64 fadt_off = ALIGN_UP(xsdt_off + xsdt_len, TABLE_ALIGN);
	u64 dsdt_off = ALIGN_UP(fadt_off + sizeof(struct acpi_table_fadt),
				TABLE_ALIGN);
	u64 madt_off = ALIGN_UP(dsdt_off + sizeof(struct acpi_table_header),
				TABLE_ALIGN);
	u64 end = madt_off + sizeof(struct acpi_table_madt) +
		  sizeof(struct acpi_madt_local_apic);
	struct acpi_table_rsdp *rsdp = (void *)(buf + rsdp_off);
	struct acpi_table_header *xsdt = (void *)(buf + xsdt_off);
	struct acpi_table_header *dsdt = (void *)(buf + dsdt_off);
	u64 entries[XSDT_ENTRIES] = { gpa + fadt_off, gpa + madt_off };

	if (end > len || end > ACPI_TABLES_SIZE ||
	    !IS_ALIGNED(gpa, ACPI_RSDP_ALIGN) || gpa + end > GiB(4))
		return 0;
	memset(buf, 0, end);

	/* An empty DSDT: a header and no AML; Linux needs one to exist. */
	fill_header(dsdt, ACPI_SIG_DSDT, sizeof(*dsdt), DSDT_REVISION);
	seal(dsdt);
	build_fadt((void *)(buf + fadt_off), gpa + dsdt_off);
	build_madt(buf + madt_off, apic_id);

	fill_header(xsdt, ACPI_SIG_XSDT, (u32)xsdt_len, XSDT_REVISION);
	memcpy((u8 *)xsdt + sizeof(*xsdt), entries, sizeof(entries));
	seal(xsdt);

	memcpy(rsdp->signature, ACPI_SIG_RSDP, sizeof(rsdp->signature));
	memcpy(rsdp->oem_id, OEM_ID, ACPI_OEM_ID_SIZE);
	rsdp->revision = ACPI_RSDP_REVISION_2;
	rsdp->length = sizeof(*rsdp);
	rsdp->xsdt_physical_address = gpa + xsdt_off;
	rsdp->checksum = (u8)-acpi_checksum(rsdp, ACPI_RSDP_CHECKSUM_LENGTH);
	rsdp->extended_checksum = (u8)-acpi_checksum(rsdp, sizeof(*rsdp));
	return end;
}
