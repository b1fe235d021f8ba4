/* boot/efi_bundle.h - finding the Linux boot bundle: preloaded in RAM, or on the boot volume. */
#ifndef FAULTLINE_EFI_BUNDLE_H
#define FAULTLINE_EFI_BUNDLE_H

#include <efi.h>
#include "bundle.h"

/*
 * The checked bundle in parts, by the first route that has a sound one:
 *   1. RAM at FL_BUNDLE_PRELOAD_HPA, where the engine preloaded it
 *      (QEMU's -device loader); claimed from the firmware first, so
 *      nothing else gets it;
 *   2. the master disk of the third ATA channel (ports 0x1e8/0x3e6,
 *      include/ata.h), read by faultline's own polled PIO (Bochs:
 *      ata2-master holds the bundle as a raw image);
 *   3. FL_BUNDLE_FILE on the boot volume, through the firmware.
 * Each route not taken says why in one line. 0, or -1 with one line in err.
 */
int efi_get_bundle(EFI_SYSTEM_TABLE *st, EFI_HANDLE image, u64 tsc_hz,
		   struct bundle_parts *parts, char *err, size_t errlen);

#endif
