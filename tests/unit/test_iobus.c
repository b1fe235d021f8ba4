/* tests/unit/test_iobus.c - host tests for vmm/iobus.c: the empty bus, the devices' ports, the reset ports, isa-debug-exit. unit-sources: vmm/uart.c vmm/rtc.c */
#include <criterion/criterion.h>
#include "../../vmm/iobus.h"

static struct io_bus bus;
static unsigned tx_count;

static void tx(void *ctx, u8 c)
{
	(void)ctx;
	(void)c;
	tx_count++;
}

static void reset(void)
{
	tx_count = 0;
	io_bus_reset(&bus, 1000000, tx, NULL);
}

static u32 in(u16 port, unsigned size)
{
	u32 v = 0x12345678;

	cr_assert_eq(io_bus_access(&bus, port, true, size, &v, 0), IO_DONE);
	return v;
}

static enum io_result out(u16 port, unsigned size, u32 v)
{
	return io_bus_access(&bus, port, false, size, &v, 0);
}

/* Do reads with no device get all ones of their size, writes vanish, both counted? */
Test(io_bus, empty_bus_all_ones_and_counted)
{
	reset();
	cr_assert_eq(in(0x21, 1), 0xff);
	cr_assert_eq(in(0x40, 2), 0xffff);
	cr_assert_eq(in(0xcf8, 4), 0xffffffff);
	cr_assert_eq(out(0x21, 1, 0xfb), IO_DONE);
	cr_assert_eq(out(0x80, 1, 0), IO_DONE);
	cr_assert_eq(bus.unclaimed_reads, 3);
	cr_assert_eq(bus.unclaimed_writes, 2);
}

/* Does COM1 answer byte accesses (LSR says empty) and send THR to the console? */
Test(io_bus, com1_claimed)
{
	reset();
	cr_assert_eq(in(0x3fd, 1) & 0x60, 0x60);
	out(0x3f8, 1, 'A');
	cr_assert_eq(tx_count, 1);
	cr_assert_eq(bus.unclaimed_reads + bus.unclaimed_writes, 0);
	cr_assert_eq(in(0x3f8, 2), 0xffff);	/* wider: not the UART's */
	cr_assert_eq(bus.unclaimed_reads, 1);
}

/* Does the RTC answer at 0x70/0x71? */
Test(io_bus, rtc_claimed)
{
	reset();
	out(0x70, 1, 0x0d);
	cr_assert_eq(in(0x71, 1), 0x80);
	cr_assert_eq(bus.unclaimed_reads + bus.unclaimed_writes, 0);
}

/* Do the reset ports end the run, and only with the reset value, byte-wide? */
Test(io_bus, reset_ports)
{
	reset();
	cr_assert_eq(out(0xcf9, 1, 0x02), IO_DONE);
	cr_assert_eq(in(0xcf9, 1), 0x02);
	cr_assert_eq(out(0xcf9, 1, 0x06), IO_RESET);
	cr_assert_eq(out(0x64, 1, 0xfe), IO_RESET);
	cr_assert_eq(out(0x64, 1, 0xd1), IO_DONE);	/* another command */
	/* A PCI config-address write covers 0xcf9 but is no reset. */
	cr_assert_eq(out(0xcf8, 4, 0x80000400), IO_DONE);
}

/* Does any write to 0xf4 end the run with the value written, at its width? */
Test(io_bus, debug_exit_value)
{
	reset();
	cr_assert_eq(out(0xf4, 1, 0x100), IO_DEBUG_EXIT);
	cr_assert_eq(bus.debug_exit_value, 0);
	cr_assert_eq(out(0xf4, 4, 0x31), IO_DEBUG_EXIT);
	cr_assert_eq(bus.debug_exit_value, 0x31);
	cr_assert_eq(in(0xf4, 1), 0xff);	/* nothing to read there */
}
