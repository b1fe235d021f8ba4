/* vmm/cpuid.c - CPUID as the guest sees it: the host's, minus VMX, plus KVM's paravirtual leaves. KVM: kvm_emulate_cpuid(), kvm_cpuid() in arch/x86/kvm/cpuid.c. */
#include "exit.h"
#include "portio.h"
#include "vmx_ops.h"
#include "../include/kvm_para.h"

/*
 * Hypervisor leaves, KVM's layout (Documentation/virt/kvm/x86/cpuid.rst):
 * 0x40000000 gives the signature "KVMKVMKVM\0\0\0" in EBX, ECX, EDX and
 * the highest hypervisor leaf in EAX; 0x40000001 EAX holds the features.
 */
#define KVM_CPUID_SIGNATURE_EBX	0x4b4d564b	/* "KVMK" */
#define KVM_CPUID_SIGNATURE_ECX	0x564b4d56	/* "VMKV" */
#define KVM_CPUID_SIGNATURE_EDX	0x0000004d	/* "M\0\0\0" */

/* The PV features faultline implements; see vmm/async_pf.c. */
u32 kvm_cpuid_features;

enum exit_result handle_cpuid(struct vcpu *vcpu)
{
	u32 leaf = (u32)vcpu->regs.rax, subleaf = (u32)vcpu->regs.rcx;
	u32 a, b, c, d;

	switch (leaf) {
	case KVM_CPUID_SIGNATURE:
		a = KVM_CPUID_FEATURES;
		b = KVM_CPUID_SIGNATURE_EBX;
		c = KVM_CPUID_SIGNATURE_ECX;
		d = KVM_CPUID_SIGNATURE_EDX;
		break;
	case KVM_CPUID_FEATURES:
		a = kvm_cpuid_features;
		b = c = d = 0;
		break;
	default:
		cpuid_count(leaf, subleaf, &a, &b, &c, &d);
		if (leaf == 1) {
			/* No nested VMX, no MONITOR/MWAIT; a hypervisor is here. */
			c &= ~(CPUID_1_ECX_VMX | CPUID_1_ECX_MONITOR);
			c |= CPUID_1_ECX_HYPERVISOR;
		}
		break;
	}
	vcpu->regs.rax = a;
	vcpu->regs.rbx = b;
	vcpu->regs.rcx = c;
	vcpu->regs.rdx = d;
	skip_emulated_instruction(vcpu);
	return EXIT_RESUME;
}
