/* boot/ata_pio.h - reading sectors of the third ATA channel's master disk (include/ata.h: ATA_BUNDLE_IO) by polled PIO. */
#ifndef FAULTLINE_ATA_PIO_H
#define FAULTLINE_ATA_PIO_H

#include "../include/types.h"

/*
 * Sectors of the disk (IDENTIFY), or 0 if there is none or it
 * does not answer as an ATA disk with LBA48.
 */
u64 ata_disk_sectors(u64 tsc_hz);

/* Read count sectors from lba into buf. 0, or -1 with one line in err. */
int ata_disk_read(u64 lba, u64 count, void *buf, u64 tsc_hz, char *err,
		   size_t errlen);

#endif
