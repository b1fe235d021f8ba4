/* vmm/ept_violation.c - EPT violation and misconfiguration exits: the hypervisor's page fault. KVM: handle_ept_violation(), handle_ept_misconfig() in arch/x86/kvm/vmx/vmx.c. */
#include "exit.h"
#include "vmm.h"
#include "vmx_ops.h"

static const char *access_name(u64 qual)
{
	if (qual & EPT_VIOLATION_ACC_WRITE)
		return "write";
	if (qual & EPT_VIOLATION_ACC_INSTR)
		return "instruction fetch";
	return "read";
}

/*
 * The guest touched a GPA that EPT does not map, or maps without the right
 * permission. SDM 29.3.3.2, qualification in Table 28-7. KVM:
 * handle_ept_violation() -> kvm_mmu_page_fault().
 */
enum exit_result handle_ept_violation(struct vcpu *vcpu)
{
	u64 qual = vcpu->exit_qualification;
	gpa_t gpa = vmcs_read(GUEST_PHYSICAL_ADDRESS);
	u64 error_code = 0;

	/* Is it a read fault? A write? An instruction fetch? */
	if (qual & EPT_VIOLATION_ACC_WRITE)
		error_code |= PFERR_WRITE_MASK;
	if (qual & EPT_VIOLATION_ACC_INSTR)
		error_code |= PFERR_FETCH_MASK;
	/* Is the entry present (any of R/W/X), so not a first touch? */
	if (qual & EPT_VIOLATION_RWX_MASK)
		error_code |= PFERR_PRESENT_MASK;

	switch (mmu_page_fault(vcpu->mm, gpa, error_code)) {
	case RET_PF_FIXED:
	case RET_PF_SPURIOUS:
	case RET_PF_RETRY:
		return EXIT_RESUME;
	case RET_PF_OUTSIDE:
		return vcpu_stop(vcpu, RUN_FAIL, "outside_gpa",
				 "the guest touched GPA %#llx (%s at RIP "
				 "%#llx), outside its memory [0, %#llx): its "
				 "run ends", (unsigned long long)gpa,
				 access_name(qual),
				 (unsigned long long)vmcs_read(GUEST_RIP),
				 (unsigned long long)vcpu->mm->guest_mem);
	case RET_PF_NOMEM:
		break;
	}
	return vcpu_stop(vcpu, RUN_FAIL, "out_of_frames",
			 "no frame left for GPA %#llx and nothing to evict "
			 "(frames=%llu): its run ends", (unsigned long long)gpa,
			 (unsigned long long)vcpu->mm->frames->nr_frames);
}

/*
 * An EPT entry faultline wrote is malformed (29.3.3.1): never the guest's
 * doing, so this is faultline's bug.
 */
enum exit_result handle_ept_misconfig(struct vcpu *vcpu)
{
	(void)vcpu;
	panic("EPT misconfiguration at GPA %#llx: faultline wrote a bad "
	      "EPT entry", (unsigned long long)vmcs_read(GUEST_PHYSICAL_ADDRESS));
}
