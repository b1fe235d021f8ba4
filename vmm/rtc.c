/* vmm/rtc.c - the guest's CMOS RTC: time registers computed from a fixed epoch plus guest TSC time, registers A-D as a settled clock, 114 bytes of NVRAM. QEMU: hw/rtc/mc146818rtc.c. Pure C: host tests compile it. */
#include "rtc.h"

/* Registers (Linux: include/linux/mc146818rtc.h) */
#define RTC_SECONDS		0x00
#define RTC_MINUTES		0x02
#define RTC_HOURS		0x04
#define RTC_DAY_OF_WEEK		0x06
#define RTC_DAY_OF_MONTH	0x07
#define RTC_MONTH		0x08
#define RTC_YEAR		0x09
#define RTC_REG_A		0x0a
#define RTC_REG_B		0x0b
#define RTC_REG_C		0x0c
#define RTC_REG_D		0x0d
#define RTC_CENTURY		0x32	/* the ACPI FADT's century index */
#define RTC_INDEX_MASK		0x7f	/* bit 7 of 0x70 is NMI disable */

#define RTC_UIP			0x80	/* A: update in progress: never */
#define RTC_REF_CLCK_32KHZ	0x20	/* A: divider for a 32.768 kHz crystal */
#define RTC_RATE_1024HZ		0x06	/* A: periodic rate select */
#define RTC_DM_BINARY		0x04	/* B: binary, not BCD */
#define RTC_24H			0x02	/* B: 24-hour mode */
#define RTC_VRT			0x80	/* D: valid RAM and time */
#define RTC_PM			0x80	/* hours bit 7 in 12-hour mode */

#define SECS_PER_DAY		86400u
#define EPOCH_WEEKDAY		4	/* 1970-01-01 was a Thursday (Sunday = 0) */

void rtc_reset(struct cmos_rtc *rtc, u64 tsc_hz)
{
	*rtc = (struct cmos_rtc){ .tsc_hz = tsc_hz };
	rtc->ram[RTC_REG_A] = RTC_REF_CLCK_32KHZ | RTC_RATE_1024HZ;
	rtc->ram[RTC_REG_B] = RTC_24H;		/* BCD, 24-hour, no interrupts */
	rtc->ram[RTC_REG_D] = RTC_VRT;
}

struct rtc_time {
	u32 sec, min, hour, wday, mday, mon, year;
};

/* Days since 1970-01-01 to a civil date (Howard Hinnant's days_from_civil, inverted). */
static void civil_from_days(u64 z, struct rtc_time *t)
{
	u64 era, doe, yoe, doy, mp;

	z += 719468;		/* from 1970-01-01 to 0000-03-01 */
	era = z / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	t->mday = (u32)(doy - (153 * mp + 2) / 5 + 1);
	t->mon = (u32)(mp < 10 ? mp + 3 : mp - 9);
	t->year = (u32)(yoe + era * 400 + (t->mon <= 2));
}

static void rtc_time_at(const struct cmos_rtc *rtc, u64 now, struct rtc_time *t)
{
	u64 secs = RTC_EPOCH + (rtc->tsc_hz ? now / rtc->tsc_hz : 0);
	u64 days = secs / SECS_PER_DAY;
	u32 rem = (u32)(secs % SECS_PER_DAY);

	t->hour = rem / 3600;
	t->min = rem / 60 % 60;
	t->sec = rem % 60;
	t->wday = (u32)((days + EPOCH_WEEKDAY) % 7);
	civil_from_days(days, t);
}

static u8 to_bcd(u32 v)
{
	return (u8)(((v / 10) << 4) | (v % 10));
}

/* In the format register B asks for: BCD or binary, 12- or 24-hour. */
static u8 encode(const struct cmos_rtc *rtc, u32 v)
{
	return rtc->ram[RTC_REG_B] & RTC_DM_BINARY ? (u8)v : to_bcd(v);
}

static u8 encode_hour(const struct cmos_rtc *rtc, u32 hour)
{
	u32 h12;

	if (rtc->ram[RTC_REG_B] & RTC_24H)
		return encode(rtc, hour);
	h12 = hour % 12 ? hour % 12 : 12;
	return encode(rtc, h12) | (hour >= 12 ? RTC_PM : 0);
}

static u8 read_register(struct cmos_rtc *rtc, u8 reg, u64 now)
{
	struct rtc_time t;

	rtc_time_at(rtc, now, &t);
	switch (reg) {
	case RTC_SECONDS:	return encode(rtc, t.sec);
	case RTC_MINUTES:	return encode(rtc, t.min);
	case RTC_HOURS:		return encode_hour(rtc, t.hour);
	case RTC_DAY_OF_WEEK:	return encode(rtc, t.wday + 1);
	case RTC_DAY_OF_MONTH:	return encode(rtc, t.mday);
	case RTC_MONTH:		return encode(rtc, t.mon);
	case RTC_YEAR:		return encode(rtc, t.year % 100);
	case RTC_CENTURY:	return encode(rtc, t.year / 100);
	case RTC_REG_C:		return 0;	/* no interrupt flags, ever */
	default:		return rtc->ram[reg];
	}
}

u8 rtc_read(struct cmos_rtc *rtc, u16 port, u64 now)
{
	if (port != RTC_PORT_DATA)
		return 0xff;
	return read_register(rtc, rtc->index, now);
}

/*
 * Writes to the time registers are dropped: the guest's clock is the
 * epoch plus its TSC time, so a run cannot be made to depend on what a
 * guest once set. Register A keeps its UIP bit clear, C and D are
 * read-only, B and the NVRAM keep what is written.
 */
void rtc_write(struct cmos_rtc *rtc, u16 port, u8 value)
{
	u8 reg = rtc->index;

	if (port == RTC_PORT_INDEX) {
		rtc->index = value & RTC_INDEX_MASK;
		return;
	}
	switch (reg) {
	case RTC_SECONDS: case RTC_MINUTES: case RTC_HOURS:
	case RTC_DAY_OF_WEEK: case RTC_DAY_OF_MONTH: case RTC_MONTH:
	case RTC_YEAR: case RTC_CENTURY: case RTC_REG_C: case RTC_REG_D:
		break;
	case RTC_REG_A:
		rtc->ram[reg] = value & ~RTC_UIP;
		break;
	default:
		rtc->ram[reg] = value;
		break;
	}
}
