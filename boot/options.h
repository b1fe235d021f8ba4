/* boot/options.h - parsing and checking faultline's "key=value" options before the guest starts (struct fl_options: include/options.h). Linux: kernel/params.c. */
#ifndef FAULTLINE_BOOT_OPTIONS_H
#define FAULTLINE_BOOT_OPTIONS_H

#include "../include/options.h"

/* Every option at its default. */
void fl_options_defaults(struct fl_options *o);

/*
 * Set o to the defaults, then apply text: words separated by blanks, each
 * "key=value". A later word overrides an earlier one for faultline's keys;
 * the guest's are passed on in order. 0, or -1 with one line in err
 * naming the option (err is always NUL-terminated when errlen > 0).
 */
int fl_options_parse(struct fl_options *o, const char *text, char *err,
		     size_t errlen);

/*
 * Constraints between and on values: guest_mem in range, frames at least
 * FL_FRAMES_MIN, swap_size (when given) at least fl_swap_bytes_min().
 * 0, or -1 and err.
 */
int fl_options_check(const struct fl_options *o, char *err, size_t errlen);

/*
 * The least swap that lets every page that cannot be resident live in
 * swap, with room for pages on their way in or out: what
 * mm_swap_slots_needed() says, in bytes. 0 when frames cover guest_mem.
 */
u64 fl_swap_bytes_min(const struct fl_options *o);
/* Swap to reserve: swap_size if given, else fl_swap_bytes_min(). */
u64 fl_swap_bytes(const struct fl_options *o);

/*
 * The effective options on one line of key=value words, the guest's as
 * guest.key=value; NUL-terminated, cut to len - 1 characters. Returns the
 * length written.
 */
size_t fl_options_format(const struct fl_options *o, char *buf, size_t len);

#endif
