/* include/console.h - faultline's output: the 16550 console, the 0xE9 debug port, printk. Linux: include/linux/printk.h. */
#ifndef FAULTLINE_CONSOLE_H
#define FAULTLINE_CONSOLE_H

#include "sprintf.h"

/*
 * The first legacy COM port whose UART answers, at 115200 8N1, programmed
 * by faultline so it outlives boot services. Returns its I/O base, or 0
 * if none answered (serial_write() then writes nothing).
 */
u16 serial_init(void);
void serial_write(const char *s, size_t len);
void serial_flush(void);

/*
 * Port 0xE9: Bochs's port_e9_hack and QEMU's -debugcon. It costs one exit
 * to the emulator per byte and no emulated UART time, so bulk data (trace
 * dumps) goes here while the console stays readable.
 */
void debugcon_write(const char *s, size_t len);

/*
 * faultline's console: port 0xE9 where it answers (Bochs, QEMU), else
 * COM1. printk, the guest's lines and the summary all go here, in order.
 */
void console_write(const char *s, size_t len);
/* true when console_write() goes to port 0xE9 (known after serial_init()). */
bool console_is_debugcon(void);

/* A formatted line to faultline's console (vsnprintf's formats, sprintf.h). */
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
