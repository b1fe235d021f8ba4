/* boot/acpi_pm.c - find the ACPI PM timer through RSDP, XSDT/RSDT and the FADT. Linux: drivers/acpi/tables.c, drivers/clocksource/acpi_pm.c (acpi_pm_good), arch/x86/kernel/acpi/boot.c (acpi_parse_fadt). */
#include "acpi_pm.h"
#include "tsc_freq.h"
#include "../include/lib.h"

/* ACPI 6.x, 5.2.5.3 (RSDP), 5.2.6 (header), 5.2.9 (FADT), 5.2.3.2 (GAS). */
#define RSDP_SIGNATURE		"RSD PTR "
#define RSDP_V1_LENGTH		20
#define RSDP_REVISION		15	/* offsets in the RSDP */
#define RSDP_RSDT		16
#define RSDP_LENGTH		20
#define RSDP_XSDT		24
#define RSDP_REVISION_XSDT	2
#define SDT_HEADER_LENGTH	36
#define SDT_LENGTH		4	/* offsets in every table's header */
#define FADT_SIGNATURE		"FACP"
#define FADT_PM_TMR_BLK		76	/* u32 I/O port */
#define FADT_FLAGS		112
#define FADT_TMR_VAL_EXT	BIT(8)	/* the counter has 32 bits, not 24 */
#define FADT_X_PM_TMR_BLK	208	/* a 12-byte GAS */
#define GAS_SPACE_ID		0
#define GAS_ADDRESS		4
#define GAS_SPACE_SYSTEM_IO	1
#define SIGNATURE_LEN		4
#define MAX_TABLE_LENGTH	MiB(1)	/* no sane SDT is larger */

static u32 read32(const u8 *p, u32 off)
{
	u32 v;

	memcpy(&v, p + off, sizeof(v));
	return v;
}

static u64 read64(const u8 *p, u32 off)
{
	u64 v;

	memcpy(&v, p + off, sizeof(v));
	return v;
}

static bool checksum_ok(const u8 *p, u32 len)
{
	u8 sum = 0;

	for (u32 i = 0; i < len; i++)
		sum += p[i];
	return sum == 0;
}

/* The table at phys, if it is a well-formed one with signature sig (NULL: any). */
static const u8 *table(u64 phys, const char *sig)
{
	const u8 *t = (const u8 *)(uintptr_t)phys;
	u32 len;

	if (!phys)
		return NULL;
	len = read32(t, SDT_LENGTH);
	if (len < SDT_HEADER_LENGTH || len > MAX_TABLE_LENGTH ||
	    (sig && memcmp(t, sig, SIGNATURE_LEN)) || !checksum_ok(t, len))
		return NULL;
	return t;
}

/* The FADT, through the XSDT (8-byte entries) or else the RSDT (4-byte). */
static const u8 *find_fadt(const u8 *rsdp)
{
	bool x = rsdp[RSDP_REVISION] >= RSDP_REVISION_XSDT &&
		 read64(rsdp, RSDP_XSDT);
	const u8 *sdt = x ? table(read64(rsdp, RSDP_XSDT), "XSDT")
			  : table(read32(rsdp, RSDP_RSDT), "RSDT");
	u32 entry = x ? sizeof(u64) : sizeof(u32);

	if (!sdt)
		return NULL;
	for (u32 off = SDT_HEADER_LENGTH; off + entry <= read32(sdt, SDT_LENGTH);
	     off += entry) {
		const u8 *t = table(x ? read64(sdt, off) : read32(sdt, off),
				    FADT_SIGNATURE);

		if (t)
			return t;
	}
	return NULL;
}

struct acpi_pm_timer acpi_find_pm_timer(const void *rsdp_ptr)
{
	struct acpi_pm_timer pm = { 0, ACPI_PM_TIMER_MASK_24, NULL };
	const u8 *rsdp = rsdp_ptr, *fadt;
	u32 len;

	if (!rsdp) {
		pm.why_none = "the firmware publishes no ACPI tables";
		return pm;
	}
	if (memcmp(rsdp, RSDP_SIGNATURE, sizeof(RSDP_SIGNATURE) - 1) ||
	    !checksum_ok(rsdp, RSDP_V1_LENGTH)) {
		pm.why_none = "the ACPI RSDP is malformed";
		return pm;
	}
	fadt = find_fadt(rsdp);
	if (!fadt) {
		pm.why_none = "no well-formed FADT in the XSDT/RSDT";
		return pm;
	}
	len = read32(fadt, SDT_LENGTH);
	if (len < FADT_PM_TMR_BLK + sizeof(u32)) {
		pm.why_none = "the FADT is too short for PM_TMR_BLK";
		return pm;
	}
	/* The 64-bit GAS wins where present and in I/O space (ACPI 2.0+). */
	if (len >= FADT_X_PM_TMR_BLK + GAS_ADDRESS + sizeof(u64) &&
	    fadt[FADT_X_PM_TMR_BLK + GAS_SPACE_ID] == GAS_SPACE_SYSTEM_IO &&
	    read64(fadt, FADT_X_PM_TMR_BLK + GAS_ADDRESS))
		pm.port = (u16)read64(fadt, FADT_X_PM_TMR_BLK + GAS_ADDRESS);
	else
		pm.port = (u16)read32(fadt, FADT_PM_TMR_BLK);
	if (!pm.port)
		pm.why_none = "the FADT names no PM timer";
	if (len >= FADT_FLAGS + sizeof(u32) &&
	    (read32(fadt, FADT_FLAGS) & FADT_TMR_VAL_EXT))
		pm.mask = ACPI_PM_TIMER_MASK_32;
	return pm;
}
