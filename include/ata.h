/* include/ata.h - the legacy ATA (IDE) task-file registers and commands faultline's PIO reader uses. Linux: include/linux/ata.h. */
#ifndef FAULTLINE_ATA_H
#define FAULTLINE_ATA_H

/*
 * The third ATA channel, an ISA one (Bochs's ata2): the disk faultline
 * reads the Linux boot bundle from. No PCI IDE function claims these
 * ports, so the firmware's IDE driver (OVMF's AtaAtapiPassThru, which
 * drives only the PCI controller's primary and secondary channels) never
 * probes or reads the disk; on the primary channel it cost OVMF ~0.6e9
 * emulated instructions (docs/linux-guest.md).
 */
#define ATA_BUNDLE_IO		0x1e8	/* its command block */
#define ATA_BUNDLE_CTL		0x3e6	/* its device control / alt. status */

/* Offsets from the command block (ATA8-ACS, "Command Block registers"). */
#define ATA_REG_DATA		0
#define ATA_REG_ERR		1
#define ATA_REG_NSECT		2
#define ATA_REG_LBAL		3
#define ATA_REG_LBAM		4
#define ATA_REG_LBAH		5
#define ATA_REG_DEVICE		6
#define ATA_REG_STATUS		7
#define ATA_REG_CMD		7

/* Status bits */
#define ATA_ERR			0x01
#define ATA_DRQ			0x08
#define ATA_DF			0x20
#define ATA_DRDY		0x40
#define ATA_BUSY		0x80

/* Device register: LBA addressing; DEV0 selects the master. */
#define ATA_LBA			0x40
#define ATA_DEV0		0x00
/* Device control: no interrupts (the firmware polls, and so do we). */
#define ATA_NIEN		0x02

#define ATA_CMD_ID_ATA		0xec	/* IDENTIFY DEVICE */
#define ATA_CMD_PIO_READ_EXT	0x24	/* READ SECTORS EXT (LBA48) */

#define ATA_SECTOR_BYTES	512
#define ATA_ID_WORDS		256
#define ATA_ID_LBA48_SECTORS	100	/* words 100-103 */
#define ATA_MAX_SECTORS_LBA48	65536	/* a sector count of 0 */

#endif
