/* tests/boot/guests/apf_bad_msr.c - test guest: write the async-PF MSRs with values KVM refuses (reserved bits, a misaligned or outside apf area, a vector below 32); each must be a #GP, and a good value must still work. KVM selftests: x86_64/kvm_pv_test.c. */
#include "../../../guest-pv/lib/guest.h"
#include "../../../guest-pv/lib/hypercall.h"
#include "../../../guest-pv/lib/idt.h"
#include "../../../guest-pv/lib/kvm_features.h"
#include "../../../guest-pv/lib/printk.h"
#include "../../../guest-pv/lib/processor.h"

#define WRMSR_INSN_LEN		2	/* 0f 30 */
#define PAGE_READY_VECTOR	0xf3	/* Linux's HYPERVISOR_CALLBACK_VECTOR */
#define RESERVED_INT_BIT	(1ull << 8)	/* bits 63:8 of ..._PF_INT */
#define RESERVED_EN_BIT4	(1ull << 4)	/* bits 5:4 of ..._PF_EN */
#define RESERVED_EN_BIT5	(1ull << 5)
#define MAX_CASES		12

static struct kvm_vcpu_pv_apf_data apf_area
	__attribute__((aligned(KVM_ASYNC_PF_DATA_ALIGN)));

extern const char wrmsr_insn[];	/* the WRMSR in wrmsr_safe() */
static volatile bool gp_taken;

/*
 * A #GP at that WRMSR is the answer we look for: note it, skip the insn. Linux:
 * ex_handler_wrmsr_unsafe().
 */
static void handle_gp(struct pt_regs *regs)
{
	if (regs->ip != (u64)(uintptr_t)wrmsr_insn)
		die("#GP outside wrmsr_safe()", regs);
	gp_taken = true;
	regs->ip += WRMSR_INSN_LEN;
}

/* True if the write took a #GP. Linux: wrmsr_safe(). */
static __attribute__((noinline)) bool wrmsr_safe(u32 msr, u64 val)
{
	gp_taken = false;
	__asm__ volatile(".globl wrmsr_insn\n"
			 "wrmsr_insn: wrmsr"
			 : : "c"(msr), "a"((u32)val), "d"((u32)(val >> 32))
			 : "memory");
	return gp_taken;
}

struct msr_case {
	const char *what;
	u32 msr;
	u64 value;
	bool want_gp;
};

static unsigned fill_cases(struct msr_case *c, u64 guest_mem, bool offered)
{
	u64 area = __pa(&apf_area);
	u64 on = KVM_ASYNC_PF_ENABLED | KVM_ASYNC_PF_DELIVERY_AS_INT;
	unsigned n = 0;

	if (!offered) {
		/* async_pf=off: the MSRs do not exist. */
		c[n++] = (struct msr_case){ "EN, good value, not offered",
			MSR_KVM_ASYNC_PF_EN, area | on, true };
		c[n++] = (struct msr_case){ "INT, good vector, not offered",
			MSR_KVM_ASYNC_PF_INT, PAGE_READY_VECTOR, true };
		return n;
	}
	c[n++] = (struct msr_case){ "INT with reserved bit 8",
		MSR_KVM_ASYNC_PF_INT, RESERVED_INT_BIT | PAGE_READY_VECTOR,
		true };
	c[n++] = (struct msr_case){ "INT vector 14, below 32",
		MSR_KVM_ASYNC_PF_INT, 14, true };
	c[n++] = (struct msr_case){ "INT vector 0xf3",
		MSR_KVM_ASYNC_PF_INT, PAGE_READY_VECTOR, false };
	c[n++] = (struct msr_case){ "EN, area misaligned (bit 4)",
		MSR_KVM_ASYNC_PF_EN, area | RESERVED_EN_BIT4 | on, true };
	c[n++] = (struct msr_case){ "EN, reserved bit 5",
		MSR_KVM_ASYNC_PF_EN, area | RESERVED_EN_BIT5 | on, true };
	c[n++] = (struct msr_case){ "EN, area at GPA guest_mem",
		MSR_KVM_ASYNC_PF_EN, guest_mem | on, true };
	c[n++] = (struct msr_case){ "EN, delivery as #PF VM exit",
		MSR_KVM_ASYNC_PF_EN,
		area | on | KVM_ASYNC_PF_DELIVERY_AS_PF_VMEXIT, true };
	c[n++] = (struct msr_case){ "EN, good value",
		MSR_KVM_ASYNC_PF_EN, area | on, false };
	c[n++] = (struct msr_case){ "EN = 0, off again",
		MSR_KVM_ASYNC_PF_EN, 0, false };
	return n;
}

int guest_main(const struct fl_boot_info *bi)
{
	bool offered = kvm_para_has_feature(KVM_FEATURE_ASYNC_PF) &&
		       kvm_para_has_feature(KVM_FEATURE_ASYNC_PF_INT);
	struct msr_case cases[MAX_CASES];
	unsigned n = fill_cases(cases, bi->guest_mem, offered), failed = 0;

	idt_set_handler(X86_TRAP_GP, handle_gp);
	printk("apf_bad_msr: async PF %s; %u MSR writes, bad ones must #GP\n",
	       offered ? "offered" : "not offered", n);
	for (unsigned i = 0; i < n; i++) {
		const struct msr_case *c = &cases[i];
		bool gp = wrmsr_safe(c->msr, c->value);

		failed += gp != c->want_gp;
		printk("apf_bad_msr: %s: %s (%#llx): %s, want %s\n",
		       gp == c->want_gp ? "ok" : "FAIL", c->what,
		       (unsigned long long)c->value, gp ? "#GP" : "accepted",
		       c->want_gp ? "#GP" : "accepted");
	}
	report("apf_offered", "%u", offered);
	report("msr_checked", "%u", n);
	report("msr_failed", "%u", failed);
	printk("apf_bad_msr: %s: %u of %u as expected\n",
	       failed ? "FAIL" : "PASS", n - failed, n);
	return failed ? FL_RESULT_FAIL : FL_RESULT_PASS;
}
