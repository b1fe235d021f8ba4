/* tests/unit/test_vmx_controls.c - host tests for vmm/vmx_controls.c: control words derived from capability MSR values. */
#include <criterion/criterion.h>
#include "../../vmm/vmx_controls.h"
#include "../../include/vmx.h"

/* A capability MSR from its allowed-0 (must be 1) and allowed-1 (may be 1) words. */
static u64 cap_msr(u32 must_be_one, u32 may_be_one)
{
	return ((u64)may_be_one << 32) | must_be_one;
}

/* Is a flexible bit set only when faultline asks for it? */
Test(adjust_vmx_controls, flexible_bit_follows_request)
{
	u32 result, missing;

	cr_assert_eq(adjust_vmx_controls(BIT(2), 0, cap_msr(0, BIT(2) | BIT(5)),
					 &result, &missing), 0);
	cr_assert_eq(result, BIT(2));
	cr_assert_eq(missing, 0);
}

/* Is a bit the CPU forces to 1 set even though faultline did not ask? */
Test(adjust_vmx_controls, fixed_one_bit_is_set_unasked)
{
	u32 result, missing;

	cr_assert_eq(adjust_vmx_controls(0, 0, cap_msr(BIT(1) | BIT(4), ~0u),
					 &result, &missing), 0);
	cr_assert_eq(result, BIT(1) | BIT(4));
}

/* Is a required bit the CPU forbids reported as missing, by bit? */
Test(adjust_vmx_controls, required_forbidden_bit_fails)
{
	u32 result, missing;

	cr_assert_eq(adjust_vmx_controls(BIT(1) | BIT(7), 0,
					 cap_msr(0, BIT(7)), &result, &missing),
		     -1);
	cr_assert_eq(missing, BIT(1));
}

/* Is an optional bit the CPU forbids silently left out? */
Test(adjust_vmx_controls, optional_forbidden_bit_dropped)
{
	u32 result, missing;

	cr_assert_eq(adjust_vmx_controls(0, BIT(3), cap_msr(0, 0), &result,
					 &missing), 0);
	cr_assert_eq(result, 0);
}

/*
 * The TRUE_ capability MSRs of Bochs 2.7's corei7_haswell_4770 under OVMF,
 * as faultline prints them at boot ("VMX capability: ...").
 */
static struct vmx_capability bochs_haswell(void)
{
	struct vmx_capability c = {
		.basic = 0xd810000000002bull,
		.pinbased = 0x7f00000016ull,
		.procbased = 0xf7f9fffe04006172ull,
		.procbased2 = 0x47fff00000000ull,
		.exit = 0x7fffff00036dfbull,
		.entry = 0xffff000011fbull,
		.misc = 0x200401e0ull,
		.ept_vpid_cap = 0xf0106334141ull,
	};
	return c;
}

/* Does a capable CPU give faultline every control it requires? */
Test(setup_vmcs_config, capable_cpu_gets_required_controls)
{
	struct vmx_capability cap = bochs_haswell();
	struct vmcs_config conf;
	struct vmcs_config_error err = setup_vmcs_config(&cap, &conf);

	cr_assert_null(err.word);
	cr_assert_eq(conf.revision_id, 0x2b);
	cr_assert(conf.pin_based_exec_ctrl & PIN_BASED_VMX_PREEMPTION_TIMER);
	cr_assert(conf.pin_based_exec_ctrl & PIN_BASED_EXT_INTR_MASK);
	cr_assert(conf.cpu_based_exec_ctrl & CPU_BASED_UNCOND_IO_EXITING);
	cr_assert(conf.cpu_based_exec_ctrl & CPU_BASED_HLT_EXITING);
	cr_assert(conf.cpu_based_2nd_exec_ctrl & SECONDARY_EXEC_ENABLE_EPT);
	cr_assert(conf.vmexit_ctrl & VM_EXIT_HOST_ADDR_SPACE_SIZE);
	cr_assert(conf.vmentry_ctrl & VM_ENTRY_IA32E_MODE);
	/* Every bit the CPU pins to 1 stays set, asked for or not. */
	cr_assert_eq(conf.vmentry_ctrl & 0x11fb, 0x11fb);
	cr_assert_eq(conf.vmexit_ctrl & 0x36dfb, 0x36dfb);
	/* An optional control the CPU offers is taken (RDTSCP, bit 3). */
	cr_assert(conf.cpu_based_2nd_exec_ctrl & SECONDARY_EXEC_ENABLE_RDTSCP);
}

/* Does a CPU without EPT fail with the word and the bit named? */
Test(setup_vmcs_config, no_ept_names_secondary_bit_1)
{
	struct vmx_capability cap = bochs_haswell();
	struct vmcs_config conf;
	struct vmcs_config_error err;

	cap.procbased2 &= ~((u64)SECONDARY_EXEC_ENABLE_EPT << 32);
	err = setup_vmcs_config(&cap, &conf);
	cr_assert_str_eq(err.word, "secondary processor-based");
	cr_assert_eq(err.missing, SECONDARY_EXEC_ENABLE_EPT);
	cr_assert_str_eq(vmx_control_bit_name(err.word, 1), "enable EPT");
}

/* Does a CPU without the preemption timer fail on the pin-based word? */
Test(setup_vmcs_config, no_preemption_timer_fails_pin_based)
{
	struct vmx_capability cap = bochs_haswell();
	struct vmcs_config conf;
	struct vmcs_config_error err;

	cap.pinbased &= ~((u64)PIN_BASED_VMX_PREEMPTION_TIMER << 32);
	err = setup_vmcs_config(&cap, &conf);
	cr_assert_str_eq(err.word, "pin-based");
	cr_assert_eq(err.missing, PIN_BASED_VMX_PREEMPTION_TIMER);
}

/* Are CR fixed bits applied: FIXED0 forced on, outside FIXED1 forced off? */
Test(vmx_fixed_cr, forces_fixed_bits)
{
	cr_assert_eq(vmx_fixed_cr(0x0, 0x21, 0xffffffff), 0x21);
	cr_assert_eq(vmx_fixed_cr(0x100000021ull, 0x21, 0xffffffff), 0x21);
}

/* Is VPID taken where offered with INVVPID, and dropped when INVVPID cannot flush a whole VPID? */
Test(setup_vmcs_config, vpid_only_with_invvpid)
{
	struct vmx_capability cap = bochs_haswell();
	struct vmcs_config conf;

	cr_assert_null(setup_vmcs_config(&cap, &conf).word);
	cr_assert(conf.cpu_based_2nd_exec_ctrl & SECONDARY_EXEC_ENABLE_VPID);
	cap.ept_vpid_cap &= ~(VMX_VPID_EXTENT_SINGLE_CONTEXT_BIT |
			      VMX_VPID_EXTENT_ALL_CONTEXT_BIT);
	cr_assert_null(setup_vmcs_config(&cap, &conf).word);
	cr_assert_not(conf.cpu_based_2nd_exec_ctrl & SECONDARY_EXEC_ENABLE_VPID);
	cap = bochs_haswell();
	cap.procbased2 &= ~((u64)SECONDARY_EXEC_ENABLE_VPID << 32);
	cr_assert_null(setup_vmcs_config(&cap, &conf).word);
	cr_assert_not(conf.cpu_based_2nd_exec_ctrl & SECONDARY_EXEC_ENABLE_VPID);
}

/* Are the INVEPT and INVVPID types taken from IA32_VMX_EPT_VPID_CAP: single-context first, all-context else, none without the instruction? */
Test(vmx_invept_type, from_capability_table)
{
	static const struct { u64 cap, invept, invvpid; } cases[] = {
		{ 0, 0, 0 },
		{ VMX_EPT_INVEPT_BIT | VMX_EPT_EXTENT_CONTEXT_BIT |
		  VMX_EPT_EXTENT_GLOBAL_BIT, VMX_EPT_EXTENT_CONTEXT, 0 },
		{ VMX_EPT_INVEPT_BIT | VMX_EPT_EXTENT_GLOBAL_BIT,
		  VMX_EPT_EXTENT_GLOBAL, 0 },
		{ VMX_EPT_INVEPT_BIT, 0, 0 },
		{ VMX_EPT_EXTENT_CONTEXT_BIT | VMX_EPT_EXTENT_GLOBAL_BIT, 0, 0 },
		{ VMX_VPID_INVVPID_BIT | VMX_VPID_EXTENT_SINGLE_CONTEXT_BIT |
		  VMX_VPID_EXTENT_ALL_CONTEXT_BIT, 0,
		  VMX_VPID_EXTENT_SINGLE_CONTEXT },
		{ VMX_VPID_INVVPID_BIT | VMX_VPID_EXTENT_ALL_CONTEXT_BIT, 0,
		  VMX_VPID_EXTENT_ALL_CONTEXT },
		{ VMX_VPID_INVVPID_BIT, 0, 0 },
		{ VMX_VPID_EXTENT_SINGLE_CONTEXT_BIT, 0, 0 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		cr_assert_eq(vmx_invept_type(cases[i].cap), cases[i].invept,
			     "cap %#llx", (unsigned long long)cases[i].cap);
		cr_assert_eq(vmx_invvpid_type(cases[i].cap), cases[i].invvpid,
			     "cap %#llx", (unsigned long long)cases[i].cap);
	}
	cr_assert_eq(VMX_EPT_EXTENT_CONTEXT_BIT, 1ull << 25);
	cr_assert_eq(VMX_EPT_EXTENT_GLOBAL_BIT, 1ull << 26);
	cr_assert_eq(VMX_VPID_EXTENT_SINGLE_CONTEXT_BIT, 1ull << 41);
	cr_assert_eq(VMX_VPID_EXTENT_ALL_CONTEXT_BIT, 1ull << 42);
}

/* Does Bochs's Haswell model get single-context for both? */
Test(vmx_invept_type, bochs_haswell_single_context)
{
	struct vmx_capability cap = bochs_haswell();

	cr_assert_eq(vmx_invept_type(cap.ept_vpid_cap), VMX_EPT_EXTENT_CONTEXT);
	cr_assert_eq(vmx_invvpid_type(cap.ept_vpid_cap),
		     VMX_VPID_EXTENT_SINGLE_CONTEXT);
}
