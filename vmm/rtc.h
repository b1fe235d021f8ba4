/* vmm/rtc.h - the guest's CMOS real-time clock (MC146818) at ports 0x70/0x71: a fixed epoch advanced by guest TSC time. QEMU: hw/rtc/mc146818rtc.c; Linux's side: drivers/rtc/rtc-mc146818-lib.c. */
#ifndef FAULTLINE_RTC_H
#define FAULTLINE_RTC_H

#include "../include/types.h"

#define RTC_PORT_INDEX	0x70	/* out: register index (bit 7: NMI off) */
#define RTC_PORT_DATA	0x71
#define RTC_CMOS_BYTES	128

/*
 * 2000-01-01 00:00:00 UTC: the clock starts here at guest TSC 0, whatever
 * the host's date, so two runs read the same time (design.md: runs replay).
 */
#define RTC_EPOCH	946684800ull

struct cmos_rtc {
	u8 index;		/* selected by the last write to 0x70 */
	u8 ram[RTC_CMOS_BYTES];	/* registers A-D and NVRAM; time is computed */
	u64 tsc_hz;
};

void rtc_reset(struct cmos_rtc *rtc, u64 tsc_hz);

/* Port 0x70 or 0x71 at guest TSC now. 0x70 reads all ones (write-only, as QEMU). */
u8 rtc_read(struct cmos_rtc *rtc, u16 port, u64 now);
void rtc_write(struct cmos_rtc *rtc, u16 port, u8 value);

#endif
