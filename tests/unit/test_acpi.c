/* tests/unit/test_acpi.c - host tests for boot/acpi.c: every table a Linux guest walks from the RSDP has the right signature, length and checksum, and every pointer lands on the next table. */
#include <criterion/criterion.h>
#include <string.h>
#include "../../boot/acpi.h"
#include "../../include/acpi.h"

#define TABLES_GPA	0xe0000ull

static u8 mem[ACPI_TABLES_SIZE];	/* guest memory from TABLES_GPA */
static u64 used;

static void setup(void)
{
	memset(mem, 0xcc, sizeof(mem));
	used = acpi_build_tables(mem, sizeof(mem), TABLES_GPA, 0);
}

TestSuite(acpi, .init = setup);

/* The table at gpa, checked for signature, bounds and checksum. */
static const struct acpi_table_header *table_at(u64 gpa, const char *sig)
{
	const struct acpi_table_header *h;

	cr_assert(gpa >= TABLES_GPA && gpa + sizeof(*h) <= TABLES_GPA + used,
		  "%s pointer %#llx outside the tables", sig,
		  (unsigned long long)gpa);
	h = (const void *)(mem + (gpa - TABLES_GPA));
	cr_assert(!memcmp(h->signature, sig, 4), "expected %s at %#llx", sig,
		  (unsigned long long)gpa);
	cr_assert(gpa + h->length <= TABLES_GPA + used, "%s runs past the end",
		  sig);
	cr_assert_eq(acpi_checksum(h, h->length), 0, "%s checksum", sig);
	return h;
}

/* Does the RSDP have its signature, revision 2 and both checksums right, and point at the XSDT? */
Test(acpi, rsdp_v2_checksums)
{
	const struct acpi_table_rsdp *r = (const void *)mem;

	cr_assert_gt(used, 0);
	cr_assert(!memcmp(r->signature, "RSD PTR ", 8));
	cr_assert_eq(r->revision, 2);
	cr_assert_eq(r->length, 36);
	cr_assert_eq(acpi_checksum(r, 20), 0, "ACPI 1.0 checksum");
	cr_assert_eq(acpi_checksum(r, 36), 0, "extended checksum");
	table_at(r->xsdt_physical_address, "XSDT");
}

/* Does the XSDT list exactly a FADT and a MADT, and nothing outside the tables? */
Test(acpi, xsdt_lists_fadt_and_madt)
{
	const struct acpi_table_rsdp *r = (const void *)mem;
	const struct acpi_table_header *x = table_at(r->xsdt_physical_address,
						     "XSDT");
	u64 e[2];

	cr_assert_eq(x->length, sizeof(*x) + 2 * 8);
	memcpy(e, (const u8 *)x + sizeof(*x), sizeof(e));
	table_at(e[0], "FACP");
	table_at(e[1], "APIC");
}

/* Is the FADT hardware-reduced, revision 6, with X_DSDT on an empty DSDT and no fixed hardware blocks? */
Test(acpi, fadt_hw_reduced_dsdt_empty)
{
	const struct acpi_table_rsdp *r = (const void *)mem;
	const struct acpi_table_header *x = table_at(r->xsdt_physical_address,
						     "XSDT");
	const struct acpi_table_fadt *f;
	const struct acpi_table_header *d;
	u64 fadt;

	memcpy(&fadt, (const u8 *)x + sizeof(*x), 8);
	f = (const void *)table_at(fadt, "FACP");
	cr_assert_eq(f->header.length, 276);
	cr_assert_eq(f->header.revision, 6);
	cr_assert(f->flags & ACPI_FADT_HW_REDUCED);
	cr_assert_eq(f->boot_flags & (ACPI_FADT_8042 | ACPI_FADT_LEGACY_DEVICES),
		     0, "no 8042, no legacy devices");
	cr_assert_eq(f->pm_timer_block, 0);
	cr_assert_eq(f->sci_interrupt, 0);
	cr_assert_eq(f->dsdt, 0, "the 32-bit pointer stays 0 when X_DSDT is set");
	d = table_at(f->Xdsdt, "DSDT");
	cr_assert_eq(d->length, sizeof(*d), "the DSDT has an empty body");
}

/* Does the MADT hold exactly one enabled local APIC with the asked-for id, and no IO-APIC or 8259? */
Test(acpi, madt_one_local_apic)
{
	const struct acpi_table_rsdp *r = (const void *)mem;
	const struct acpi_table_header *x = table_at(r->xsdt_physical_address,
						     "XSDT");
	const struct acpi_table_madt *m;
	const struct acpi_madt_local_apic *l;
	u64 madt;

	memcpy(&madt, (const u8 *)x + sizeof(*x) + 8, 8);
	m = (const void *)table_at(madt, "APIC");
	cr_assert_eq(m->header.length, sizeof(*m) + sizeof(*l),
		     "one entry and nothing else");
	cr_assert_eq(m->address, 0xfee00000u);
	cr_assert_eq(m->flags, 0, "no PCAT_COMPAT: no 8259");
	l = (const void *)((const u8 *)m + sizeof(*m));
	cr_assert_eq(l->type, ACPI_MADT_TYPE_LOCAL_APIC);
	cr_assert_eq(l->length, 8);
	cr_assert_eq(l->id, 0);
	cr_assert_eq(l->lapic_flags, ACPI_MADT_ENABLED);
}

/* Does the builder stay in its buffer: too small, misaligned or above 4 GiB gives 0 and writes nothing? */
Test(acpi, refuses_bad_placement)
{
	u8 small[64];

	cr_assert_leq(used, ACPI_TABLES_SIZE);
	cr_assert_eq(mem[used], 0xcc, "no byte written past the tables");
	memset(small, 0xcc, sizeof(small));
	cr_assert_eq(acpi_build_tables(small, sizeof(small), TABLES_GPA, 0), 0);
	for (unsigned i = 0; i < sizeof(small); i++)
		cr_assert_eq(small[i], 0xcc);
	cr_assert_eq(acpi_build_tables(mem, sizeof(mem), TABLES_GPA + 8, 0), 0);
	cr_assert_eq(acpi_build_tables(mem, sizeof(mem), GiB(4) - 16, 0), 0);
}

/* Does a changed byte in any table break its checksum (so the test above could fail)? */
Test(acpi, corruption_is_visible)
{
	const struct acpi_table_rsdp *r = (const void *)mem;
	u64 xsdt = r->xsdt_physical_address - TABLES_GPA;

	mem[xsdt + 20]++;
	cr_assert_neq(acpi_checksum(mem + xsdt, 52), 0);
}
