/* boot/ata_pio.c - read the master disk of the third (ISA) ATA channel, one no firmware driver owns, by polled PIO (LBA48): under Bochs, the fast route for a Linux boot bundle. Linux: drivers/ata/libata-sff.c (ata_sff_data_xfer, ata_sff_busy_wait), much reduced. */
#include "ata_pio.h"
#include "../include/ata.h"
#include "../include/console.h"
#include "../vmm/portio.h"

/* A disk that keeps BSY longer than this (emulated time) is not answering. */
#define ATA_TIMEOUT_MS		2000
#define DWORDS_PER_SECTOR	(ATA_SECTOR_BYTES / 4)

static u8 status(void)
{
	return inb(ATA_BUNDLE_IO + ATA_REG_STATUS);
}

/* BSY clear, then DRQ set (data) or not (no data); -1 on ERR/DF/timeout. */
static int wait_ready(bool want_drq, u64 tsc_hz)
{
	u64 deadline = rdtsc() + tsc_hz / 1000 * ATA_TIMEOUT_MS;
	u8 st;

	do {
		st = status();
		if (!(st & ATA_BUSY)) {
			if (st & (ATA_ERR | ATA_DF))
				return -1;
			if (!want_drq || (st & ATA_DRQ))
				return 0;
		}
		cpu_relax();
	} while (rdtsc() < deadline);
	return -1;
}

static void read_sector(u32 *buf)
{
	__asm__ volatile("rep insl"
			 : "+D"(buf), "+c"((u64){ DWORDS_PER_SECTOR })
			 : "d"((u16)(ATA_BUNDLE_IO + ATA_REG_DATA))
			 : "memory");
}

/* The master selected, interrupts off: nothing here takes an IRQ. */
static void select_disk(void)
{
	outb(ATA_NIEN, ATA_BUNDLE_CTL);
	outb(ATA_LBA | ATA_DEV0, ATA_BUNDLE_IO + ATA_REG_DEVICE);
	/* 400 ns for the device to answer: four status reads (ATA8-ACS). */
	for (int i = 0; i < 4; i++)
		(void)inb(ATA_BUNDLE_CTL);
}

u64 ata_disk_sectors(u64 tsc_hz)
{
	u32 id[ATA_ID_WORDS / 2];
	const u16 *w = (const u16 *)id;
	u64 n = 0;

	select_disk();
	if (status() == 0xff || status() == 0)	/* nothing on the bus */
		return 0;
	if (wait_ready(false, tsc_hz))
		return 0;
	outb(ATA_CMD_ID_ATA, ATA_BUNDLE_IO + ATA_REG_CMD);
	if (wait_ready(true, tsc_hz))
		return 0;
	read_sector(id);
	for (int i = 3; i >= 0; i--)
		n = n << 16 | w[ATA_ID_LBA48_SECTORS + i];
	return n;
}

int ata_disk_read(u64 lba, u64 count, void *buf, u64 tsc_hz, char *err,
		   size_t errlen)
{
	u32 *p = buf;

	select_disk();
	while (count) {
		u64 n = MIN(count, (u64)ATA_MAX_SECTORS_LBA48);
		u16 io = ATA_BUNDLE_IO;

		if (wait_ready(false, tsc_hz))
			goto fail;
		/* LBA48: the high bytes first, then the low (the "HOB" pairs). */
		outb((u8)(n >> 8), io + ATA_REG_NSECT);
		outb((u8)(lba >> 24), io + ATA_REG_LBAL);
		outb((u8)(lba >> 32), io + ATA_REG_LBAM);
		outb((u8)(lba >> 40), io + ATA_REG_LBAH);
		outb((u8)n, io + ATA_REG_NSECT);
		outb((u8)lba, io + ATA_REG_LBAL);
		outb((u8)(lba >> 8), io + ATA_REG_LBAM);
		outb((u8)(lba >> 16), io + ATA_REG_LBAH);
		outb(ATA_CMD_PIO_READ_EXT, io + ATA_REG_CMD);
		for (u64 i = 0; i < n; i++) {
			if (wait_ready(true, tsc_hz))
				goto fail;
			read_sector(p);
			p += DWORDS_PER_SECTOR;
		}
		lba += n;
		count -= n;
	}
	return 0;
fail:
	snprintf(err, errlen, "ATA read of sector %llu failed (status %#x, "
		 "error %#x)", (unsigned long long)lba, status(),
		 inb(ATA_BUNDLE_IO + ATA_REG_ERR));
	return -1;
}
