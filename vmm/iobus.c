/* vmm/iobus.c - the guest's port space: what answers where, and the empty bus everywhere else. KVM: kvm_io_bus_read/write() in virt/kvm/kvm_main.c (whose -EOPNOTSUPP sends QEMU the access). Pure C: host tests compile it. */
#include "iobus.h"
#include "../include/serial_reg.h"

/*
 * The two ways a PC guest resets its machine. Honouring them would reboot
 * the host under faultline, so they end the guest's run instead:
 *   0xcf9  reset control register: a write with bit 2 set resets
 *   0x64   keyboard controller: command 0xfe pulses the reset line
 */
#define RST_CNT_SYS_RST_CPU	0x04
#define KBD_CMD_PULSE_RESET	0xfe

void io_bus_reset(struct io_bus *bus, u64 tsc_hz, uart_tx_fn *com1_tx,
		  void *com1_ctx)
{
	*bus = (struct io_bus){ 0 };
	uart_reset(&bus->com1, com1_tx, com1_ctx);
	rtc_reset(&bus->rtc, tsc_hz);
}

static u32 all_ones(unsigned size)
{
	return size >= 4 ? ~0u : (1u << (8 * size)) - 1;
}

/*
 * The devices, byte-wide all (an OUTL to 0xcf8, PCI's config address,
 * covers 0xcf9 but is not a reset: the register only answers byte
 * accesses). true: a device took the access.
 */
static bool device_read(struct io_bus *bus, u16 port, u64 now, u8 *v)
{
	if (port >= PORT_COM1 && port < PORT_COM1 + UART_NR_PORTS)
		*v = uart_read(&bus->com1, port - PORT_COM1);
	else if (port == RTC_PORT_INDEX || port == RTC_PORT_DATA)
		*v = rtc_read(&bus->rtc, port, now);
	else if (port == PORT_RESET_CONTROL)
		*v = bus->reset_control;
	else
		return false;
	return true;
}

static bool device_write(struct io_bus *bus, u16 port, u8 v,
			 enum io_result *res)
{
	*res = IO_DONE;
	if (port >= PORT_COM1 && port < PORT_COM1 + UART_NR_PORTS)
		uart_write(&bus->com1, port - PORT_COM1, v);
	else if (port == RTC_PORT_INDEX || port == RTC_PORT_DATA)
		rtc_write(&bus->rtc, port, v);
	else if (port == PORT_RESET_CONTROL && (v & RST_CNT_SYS_RST_CPU))
		*res = IO_RESET;
	else if (port == PORT_RESET_CONTROL)
		bus->reset_control = v;
	else if (port == PORT_KBD_COMMAND && v == KBD_CMD_PULSE_RESET)
		*res = IO_RESET;
	else
		return false;
	return true;
}

enum io_result io_bus_access(struct io_bus *bus, u16 port, bool in,
			     unsigned size, u32 *value, u64 now)
{
	enum io_result res = IO_DONE;
	u8 byte;

	/* isa-debug-exit takes a write of any width, as QEMU's iosize allows. */
	if (!in && port == PORT_DEBUG_EXIT) {
		bus->debug_exit_value = *value & all_ones(size);
		return IO_DEBUG_EXIT;
	}
	if (size == 1 && in && device_read(bus, port, now, &byte)) {
		*value = byte;
		return IO_DONE;
	}
	if (size == 1 && !in && device_write(bus, port, (u8)*value, &res))
		return res;
	/* Nothing there: reads float to all ones, writes go nowhere. */
	if (in) {
		*value = all_ones(size);
		bus->unclaimed_reads++;
	} else {
		bus->unclaimed_writes++;
	}
	return IO_DONE;
}
