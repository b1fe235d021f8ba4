/* boot/efi_twin.h - trace=off: hand the boot to faultline's twin built without tracepoints. */
#ifndef FAULTLINE_EFI_TWIN_H
#define FAULTLINE_EFI_TWIN_H

/*
 * The ESP name of faultline built with every tracepoint compiled out
 * (make TRACE_COMPILED=0), beside faultline.efi: tools/mkesp puts it there.
 */
#define EFI_TWIN_FILE	"faultline-notrace.efi"

/*
 * Load the twin from faultline's own volume and start it: it reads the
 * same options and guests and runs the whole boot itself, so a trace=off
 * run is the compiled-out build, to the instruction. Returns only if the
 * twin is not there or the firmware would not load or start it (why, in
 * *why): the caller then runs itself, its tracepoints left as NOPs. A
 * twin that starts never comes back: its boot ends the run, pass or fail.
 */
EFI_STATUS efi_start_twin(EFI_SYSTEM_TABLE *st, EFI_HANDLE image,
			  const char **why);

#endif
