/* vmm/guest_report.h - what a guest says about its run: "key=value" reports for the summary, and its console lines read for reports and kernel complaints. No KVM twin (KVM's guests report through their own channels). */
#ifndef FAULTLINE_GUEST_REPORT_H
#define FAULTLINE_GUEST_REPORT_H

#include "vcpu.h"

/*
 * One "key=value" for the summary (FL_HC_REPORT and console reports
 * alike): key [a-z0-9_]+, value printable without space or '=', at most
 * FL_HC_REPORT_MAX bytes; a key reported again replaces its value.
 * Returns 0, -FL_EINVAL or -FL_E2BIG (FL_REPORT_ITEMS keys already).
 */
s64 guest_report_add(struct vcpu *vcpu, const char *text, u64 len);

/*
 * A complete guest console line (guest_console.c): the first kernel
 * complaint is remembered (it fails the run, vmm_main.c) and a console
 * report's words go to guest_report_add().
 */
void guest_console_scan(struct vcpu *vcpu, const char *line, unsigned len);

#endif
