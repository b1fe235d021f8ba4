/* boot/tsc.h - the TSC frequency faultline measures all time with, and where it came from. */
#ifndef FAULTLINE_TSC_H
#define FAULTLINE_TSC_H

#include <efi.h>
#include "tsc_freq.h"

/*
 * Calibrate before ExitBootServices (the ACPI tables and Stall() are the
 * firmware's). Says in one line what it found.
 */
struct tsc_calibration tsc_calibrate(EFI_SYSTEM_TABLE *systab);

#endif
