/* guest-pv/lib/cmdline.h - the guest's options, "key=value" words from fl_boot_info.cmdline. Linux: lib/cmdline.c, kernel/params.c. */
#ifndef GUEST_CMDLINE_H
#define GUEST_CMDLINE_H

#include "../../include/guest_abi.h"

/* Remember the command line (guest_start() calls it once). */
void cmdline_init(const struct fl_boot_info *bi);

/* The value of key, or NULL; *len gets its length (it is not NUL-ended). */
const char *cmdline_get(const char *key, size_t *len);

/*
 * Numbers are decimal or 0x hex, as faultline's option parser accepts;
 * faultline has already refused a malformed one, so a value that does not
 * parse here is a broken contract and panics.
 */
u64 cmdline_u64(const char *key, u64 def);

/* Copy a word value into buf (NUL-ended), or def if the key is absent. */
const char *cmdline_word(const char *key, const char *def, char *buf,
			 size_t size);

#endif
