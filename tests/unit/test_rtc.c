/* tests/unit/test_rtc.c - host tests for vmm/rtc.c: registers A-D as Linux's mc146818 code wants them, a fixed epoch advanced by TSC time, BCD and binary formats. */
#include <criterion/criterion.h>
#include "../../vmm/rtc.h"

#define HZ	1000000ull	/* a 1 MHz TSC keeps the arithmetic readable */

static struct cmos_rtc rtc;

static u8 reg(u8 index, u64 now)
{
	rtc_write(&rtc, RTC_PORT_INDEX, index);
	return rtc_read(&rtc, RTC_PORT_DATA, now);
}

static void set_reg(u8 index, u8 v)
{
	rtc_write(&rtc, RTC_PORT_INDEX, index);
	rtc_write(&rtc, RTC_PORT_DATA, v);
}

/* Are A (no update in progress), B (24-hour BCD), C (no flags) and D (valid, bit 6 clear) sane? */
Test(rtc, status_registers_settled)
{
	rtc_reset(&rtc, HZ);
	cr_assert_eq(reg(0x0a, 0) & 0x80, 0);
	cr_assert_eq(reg(0x0a, 0), 0x26);
	cr_assert_eq(reg(0x0b, 0), 0x02);
	cr_assert_eq(reg(0x0c, 0), 0);
	cr_assert_eq(reg(0x0d, 0), 0x80);
	set_reg(0x0a, 0xa6);		/* UIP cannot be set */
	cr_assert_eq(reg(0x0a, 0), 0x26);
}

/* Does the clock read 2000-01-01 00:00:00, a Saturday, at TSC 0, in BCD? */
Test(rtc, epoch_at_tsc_zero)
{
	rtc_reset(&rtc, HZ);
	cr_assert_eq(reg(0x00, 0), 0x00);
	cr_assert_eq(reg(0x02, 0), 0x00);
	cr_assert_eq(reg(0x04, 0), 0x00);
	cr_assert_eq(reg(0x07, 0), 0x01);
	cr_assert_eq(reg(0x08, 0), 0x01);
	cr_assert_eq(reg(0x09, 0), 0x00);
	cr_assert_eq(reg(0x32, 0), 0x20);
	cr_assert_eq(reg(0x06, 0), 7);	/* day of week, Sunday = 1 */
}

/* Does it advance with TSC time (BCD), across a day and a leap-year February? */
Test(rtc, advances_with_tsc)
{
	u64 t = (59 * 86400ull + 13 * 3600 + 45 * 60 + 59) * HZ;

	rtc_reset(&rtc, HZ);
	/* 59 days after 2000-01-01 is 2000-02-29 (a leap year). */
	cr_assert_eq(reg(0x08, t), 0x02);
	cr_assert_eq(reg(0x07, t), 0x29);
	cr_assert_eq(reg(0x04, t), 0x13);
	cr_assert_eq(reg(0x02, t), 0x45);
	cr_assert_eq(reg(0x00, t), 0x59);
	cr_assert_eq(reg(0x07, t + 11 * 3600 * HZ), 0x01);	/* March 1 */
	cr_assert_eq(reg(0x08, t + 11 * 3600 * HZ), 0x03);
}

/* Does register B's binary and 12-hour mode change the format, and time writes change nothing? */
Test(rtc, formats_follow_register_b)
{
	u64 t = 15 * 3600 * HZ;

	rtc_reset(&rtc, HZ);
	set_reg(0x0b, 0x04 | 0x02);	/* binary, 24-hour */
	cr_assert_eq(reg(0x04, t), 15);
	set_reg(0x0b, 0x04);		/* binary, 12-hour */
	cr_assert_eq(reg(0x04, t), 0x80 | 3);
	set_reg(0x0b, 0x02);
	set_reg(0x00, 0x33);		/* dropped */
	cr_assert_eq(reg(0x00, 0), 0x00);
}

/* Does NVRAM keep bytes, the index ignore the NMI bit, and 0x70 read all ones? */
Test(rtc, nvram_and_index)
{
	rtc_reset(&rtc, HZ);
	set_reg(0x40, 0x77);
	cr_assert_eq(reg(0x80 | 0x40, 0), 0x77);
	cr_assert_eq(rtc_read(&rtc, RTC_PORT_INDEX, 0), 0xff);
}
