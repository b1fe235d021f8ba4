/* vmm/summary.h - the machine-readable last line of every run. */
#ifndef FAULTLINE_SUMMARY_H
#define FAULTLINE_SUMMARY_H

#include "vcpu.h"

void print_summary(const struct vcpu *vcpu);
/* Before a vCPU exists (no VMX, bad option): result=fail and why. */
void print_early_summary(const struct fl_options *opts, const char *stop);

#endif
