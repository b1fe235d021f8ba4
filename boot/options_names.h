/* boot/options_names.h - the words an option may take, shared by the parser and the formatter. */
#ifndef FAULTLINE_OPTIONS_NAMES_H
#define FAULTLINE_OPTIONS_NAMES_H

/* NULL-terminated; an enum option's value is its index. */
extern const char *const engine_names[];
extern const char *const swap_names[];
extern const char *const swap_dist_names[];
extern const char *const onoff_names[];
extern const char *const trace_names[];
extern const char *const guest_kind_names[];
extern const char *const demo_fault_names[];

#endif
