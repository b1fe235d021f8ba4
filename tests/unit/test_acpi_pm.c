/* tests/unit/test_acpi_pm.c - host tests for boot/acpi_pm.c: the PM timer port found through RSDP, XSDT/RSDT and FADT, and bad tables refused. unit-sources: boot/tsc_freq.c */
#include <string.h>
#include <criterion/criterion.h>
#include "../../boot/acpi_pm.h"
#include "../../boot/tsc_freq.h"

static u8 rsdp[36], xsdt[36 + 8], rsdt[36 + 4], fadt[276];

static void fix_checksum(u8 *t, u32 len, u32 at)
{
	u8 sum = 0;

	t[at] = 0;
	for (u32 i = 0; i < len; i++)
		sum += t[i];
	t[at] = (u8)-sum;
}

static void header(u8 *t, const char *sig, u32 len)
{
	memcpy(t, sig, 4);
	memcpy(t + 4, &len, 4);
}

/* An OVMF-like set: RSDP rev 2 -> XSDT -> FADT, PM timer at 0xb008, 24-bit. */
static void build(void)
{
	u64 p;
	u32 p32, port = 0xb008;

	header(fadt, "FACP", sizeof(fadt));
	memcpy(fadt + 76, &port, 4);
	fix_checksum(fadt, sizeof(fadt), 9);
	header(xsdt, "XSDT", sizeof(xsdt));
	p = (u64)(uintptr_t)fadt;
	memcpy(xsdt + 36, &p, 8);
	fix_checksum(xsdt, sizeof(xsdt), 9);
	header(rsdt, "RSDT", sizeof(rsdt));
	p32 = 0;	/* a host pointer does not fit: the XSDT must be used */
	memcpy(rsdt + 36, &p32, 4);
	fix_checksum(rsdt, sizeof(rsdt), 9);
	memcpy(rsdp, "RSD PTR ", 8);
	rsdp[15] = 2;
	p = (u64)(uintptr_t)xsdt;
	memcpy(rsdp + 24, &p, 8);
	fix_checksum(rsdp, 20, 8);
}

/* Is the FADT's PM_TMR_BLK found through the XSDT, with a 24-bit mask? */
Test(acpi_pm, finds_port_through_xsdt)
{
	struct acpi_pm_timer pm;

	build();
	pm = acpi_find_pm_timer(rsdp);
	cr_assert_eq(pm.port, 0xb008);
	cr_assert_eq(pm.mask, ACPI_PM_TIMER_MASK_24);
}

/* Do TMR_VAL_EXT and an I/O-space X_PM_TMR_BLK win? */
Test(acpi_pm, extended_block_and_32_bits)
{
	struct acpi_pm_timer pm;
	u32 flags = 1u << 8;
	u64 addr = 0x608;

	build();
	memcpy(fadt + 112, &flags, 4);
	fadt[208] = 1;			/* system I/O */
	memcpy(fadt + 212, &addr, 8);
	fix_checksum(fadt, sizeof(fadt), 9);
	pm = acpi_find_pm_timer(rsdp);
	cr_assert_eq(pm.port, 0x608);
	cr_assert_eq(pm.mask, ACPI_PM_TIMER_MASK_32);
}

/* Are a bad RSDP checksum, a bad FADT checksum and a missing RSDP each "none"? */
Test(acpi_pm, bad_tables_refused)
{
	build();
	rsdp[0] = 'X';
	cr_assert_eq(acpi_find_pm_timer(rsdp).port, 0);
	build();
	fadt[100] ^= 1;
	cr_assert_eq(acpi_find_pm_timer(rsdp).port, 0);
	cr_assert_str_eq(acpi_find_pm_timer(rsdp).why_none,
			 "no well-formed FADT in the XSDT/RSDT");
	cr_assert_eq(acpi_find_pm_timer(NULL).port, 0);
	cr_assert_str_eq(acpi_find_pm_timer(NULL).why_none,
			 "the firmware publishes no ACPI tables");
}
