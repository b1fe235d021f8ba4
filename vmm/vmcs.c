/* vmm/vmcs.c - build the one VMCS: controls, host state, guest state, in SimpleVisor's order. KVM: init_vmcs(), vmx_set_constant_host_state(). */
#include "vmcs.h"
#include "console.h"
#include "portio.h"
#include "vmm.h"
#include "vmx_hw.h"
#include "vmx_ops.h"
#include "../include/guest_abi.h"
#include "../include/x86.h"

/* The exit path's first instruction, in vmenter.asm. */
extern char vmx_vmexit[];

#define MSR_BITMAP_READ_LOW	0	/* MSRs 0x00000000-0x00001fff, 25.6.9 */
#define MSR_BITMAP_READ_HIGH	1024	/* MSRs 0xc0000000-0xc0001fff */
#define MSR_BITMAP_WRITE_LOW	2048
#define MSR_BITMAP_WRITE_HIGH	3072
#define MSR_HIGH_BASE		0xc0000000u

static void msr_bitmap_pass_through(u8 *bitmap, u32 msr)
{
	u32 read_off = msr >= MSR_HIGH_BASE ? MSR_BITMAP_READ_HIGH
					    : MSR_BITMAP_READ_LOW;
	u32 write_off = msr >= MSR_HIGH_BASE ? MSR_BITMAP_WRITE_HIGH
					     : MSR_BITMAP_WRITE_LOW;
	u32 index = msr & 0x1fff;

	bitmap[read_off + index / 8] &= (u8)~(1u << (index % 8));
	bitmap[write_off + index / 8] &= (u8)~(1u << (index % 8));
}

/*
 * Every MSR access exits, except:
 *   - FS_BASE and GS_BASE: their values live in the VMCS guest-state
 *     area and VM exit swaps them with the host's, so the guest can only
 *     ever change its own;
 *   - the SYSCALL MSRs (STAR, LSTAR, CSTAR, SFMASK), KERNEL_GS_BASE and,
 *     with RDTSCP enabled, TSC_AUX: VM exit does not switch them, so the
 *     guest's values stay in the CPU while faultline runs. That is safe
 *     because faultline never executes SYSCALL, SWAPGS, RDTSCP or RDPID
 *     and takes no interrupt through a gate that would: a guest value
 *     there can reach nothing in VMX root. (KVM switches them per vCPU
 *     because its host kernel uses them.)
 */
static const u32 guest_owned_msrs[] = {
	MSR_FS_BASE, MSR_GS_BASE, MSR_STAR, MSR_LSTAR, MSR_CSTAR,
	MSR_SYSCALL_MASK, MSR_KERNEL_GS_BASE,
};

static void setup_msr_bitmap(u8 *bitmap, u32 secondary_exec_ctrl)
{
	for (u32 i = 0; i < PAGE_SIZE; i++)
		bitmap[i] = 0xff;
	for (size_t i = 0; i < ARRAY_SIZE(guest_owned_msrs); i++)
		msr_bitmap_pass_through(bitmap, guest_owned_msrs[i]);
	/* Without "enable RDTSCP" CPUID hides RDTSCP/RDPID: no TSC_AUX. */
	if (secondary_exec_ctrl & SECONDARY_EXEC_ENABLE_RDTSCP)
		msr_bitmap_pass_through(bitmap, MSR_TSC_AUX);
}

static void setup_vmcs_controls(const struct vmcs_config *conf, u64 eptp,
				u8 *msr_bitmap)
{
	vmcs_write(PIN_BASED_VM_EXEC_CONTROL, conf->pin_based_exec_ctrl);
	vmcs_write(CPU_BASED_VM_EXEC_CONTROL, conf->cpu_based_exec_ctrl);
	vmcs_write(SECONDARY_VM_EXEC_CONTROL, conf->cpu_based_2nd_exec_ctrl);
	vmcs_write(VM_EXIT_CONTROLS, conf->vmexit_ctrl);
	vmcs_write(VM_ENTRY_CONTROLS, conf->vmentry_ctrl);

	/* The guest handles its own exceptions; a triple fault still exits. */
	vmcs_write(EXCEPTION_BITMAP, 0);
	vmcs_write(PAGE_FAULT_ERROR_CODE_MASK, 0);
	vmcs_write(PAGE_FAULT_ERROR_CODE_MATCH, 0);
	vmcs_write(CR3_TARGET_COUNT, 0);
	vmcs_write(VM_EXIT_MSR_STORE_COUNT, 0);
	vmcs_write(VM_EXIT_MSR_LOAD_COUNT, 0);
	vmcs_write(VM_ENTRY_MSR_LOAD_COUNT, 0);
	vmcs_write(VM_ENTRY_INTR_INFO_FIELD, 0);

	setup_msr_bitmap(msr_bitmap, conf->cpu_based_2nd_exec_ctrl);
	vmcs_write(MSR_BITMAP, (u64)(uintptr_t)msr_bitmap);
	vmcs_write(EPT_POINTER, eptp);
	/*
	 * VPID 0 is the host's: with it, every VM entry and exit flushes
	 * the guest's TLB. faultline's one vCPU is VPID 1.
	 */
	if (conf->cpu_based_2nd_exec_ctrl & SECONDARY_EXEC_ENABLE_VPID)
		vmcs_write(VIRTUAL_PROCESSOR_ID, FAULTLINE_VPID);
}

static void setup_host_state(void)
{
	struct host_tables t;

	host_tables_get(&t);
	vmcs_write(HOST_CR0, read_cr0());
	vmcs_write(HOST_CR3, read_cr3());
	vmcs_write(HOST_CR4, read_cr4());

	vmcs_write(HOST_CS_SELECTOR, t.cs);
	vmcs_write(HOST_SS_SELECTOR, t.ds);
	vmcs_write(HOST_DS_SELECTOR, t.ds);
	vmcs_write(HOST_ES_SELECTOR, t.ds);
	vmcs_write(HOST_FS_SELECTOR, t.ds);
	vmcs_write(HOST_GS_SELECTOR, t.ds);
	/* OVMF runs with TR = 0, which VM entry rejects: boot/ did LTR. */
	vmcs_write(HOST_TR_SELECTOR, t.tr);
	vmcs_write(HOST_FS_BASE, 0);
	vmcs_write(HOST_GS_BASE, 0);
	vmcs_write(HOST_TR_BASE, t.tss_base);
	vmcs_write(HOST_GDTR_BASE, t.gdt_base);
	vmcs_write(HOST_IDTR_BASE, t.idt_base);

	vmcs_write(HOST_IA32_SYSENTER_CS, 0);
	vmcs_write(HOST_IA32_SYSENTER_ESP, 0);
	vmcs_write(HOST_IA32_SYSENTER_EIP, 0);
	vmcs_write(HOST_IA32_EFER, rdmsr(MSR_EFER));

	/* HOST_RSP is written by vmx_vcpu_run, just before each entry. */
	vmcs_write(HOST_RIP, (u64)(uintptr_t)vmx_vmexit);
}

#define SEG_LIMIT_4G	0xffffffffu
#define AR_CODE64	(DESC_TYPE_CODE_XRA | DESC_S | DESC_P | DESC_L | DESC_G)
#define AR_DATA		(DESC_TYPE_DATA_RWA | DESC_S | DESC_P | DESC_DB | DESC_G)
#define AR_TSS64_BUSY	(DESC_TYPE_TSS64_BUSY | DESC_P)
#define TSS64_LIMIT	0x67	/* 104-byte TSS, no I/O bitmap */
#define DR7_RESERVED_ONE BIT(10)

static void setup_guest_segment(enum vmcs_field selector, u16 value, u64 ar)
{
	/* The selector, limit, AR and base fields are 0x800, 0x4800, 0x4814, 0x6806 apart for ES..GS. */
	unsigned index = (selector - GUEST_ES_SELECTOR) / 2;

	vmcs_write(selector, value);
	vmcs_write(GUEST_ES_LIMIT + 2 * index, SEG_LIMIT_4G);
	vmcs_write(GUEST_ES_AR_BYTES + 2 * index, ar);
	vmcs_write(GUEST_ES_BASE + 2 * index, 0);
}

/*
 * The entry state include/guest_abi.h promises: long mode, identity paging
 * at FL_GUEST_PML4_GPA, flat segments, IF clear; the selectors, RIP and
 * RSP are the guest kind's (the PV guest's, or the Linux boot protocol's).
 */
static void setup_guest_state(const struct guest_entry *e)
{
	/* CR0, CR4, their masks and shadows: cr_setup_vcpu() (cr.c). */
	vmcs_write(GUEST_CR3, FL_GUEST_PML4_GPA);
	vmcs_write(GUEST_DR7, DR7_RESERVED_ONE);

	setup_guest_segment(GUEST_CS_SELECTOR, e->sel_code, AR_CODE64);
	setup_guest_segment(GUEST_SS_SELECTOR, e->sel_data, AR_DATA);
	setup_guest_segment(GUEST_DS_SELECTOR, e->sel_data, AR_DATA);
	setup_guest_segment(GUEST_ES_SELECTOR, e->sel_data, AR_DATA);
	setup_guest_segment(GUEST_FS_SELECTOR, e->sel_data, AR_DATA);
	setup_guest_segment(GUEST_GS_SELECTOR, e->sel_data, AR_DATA);

	vmcs_write(GUEST_LDTR_SELECTOR, 0);
	vmcs_write(GUEST_LDTR_LIMIT, 0);
	vmcs_write(GUEST_LDTR_AR_BYTES, VMX_AR_UNUSABLE_MASK);
	vmcs_write(GUEST_LDTR_BASE, 0);
	/* VM entry requires a usable TR even though the guest never switches tasks. */
	vmcs_write(GUEST_TR_SELECTOR, e->sel_tss);
	vmcs_write(GUEST_TR_LIMIT, TSS64_LIMIT);
	vmcs_write(GUEST_TR_AR_BYTES, AR_TSS64_BUSY);
	vmcs_write(GUEST_TR_BASE, FL_GUEST_TSS_GPA);

	vmcs_write(GUEST_GDTR_BASE, FL_GUEST_GDT_GPA);
	vmcs_write(GUEST_GDTR_LIMIT, e->gdt_limit);
	vmcs_write(GUEST_IDTR_BASE, 0);
	vmcs_write(GUEST_IDTR_LIMIT, 0);

	vmcs_write(GUEST_IA32_EFER, EFER_LME | EFER_LMA | EFER_NX);
	vmcs_write(GUEST_IA32_DEBUGCTL, 0);
	vmcs_write(GUEST_SYSENTER_CS, 0);
	vmcs_write(GUEST_SYSENTER_ESP, 0);
	vmcs_write(GUEST_SYSENTER_EIP, 0);

	vmcs_write(GUEST_RSP, e->rsp);
	vmcs_write(GUEST_RIP, e->rip);
	vmcs_write(GUEST_RFLAGS, X86_EFLAGS_FIXED);

	vmcs_write(GUEST_ACTIVITY_STATE, GUEST_ACTIVITY_ACTIVE);
	vmcs_write(GUEST_INTERRUPTIBILITY_INFO, 0);
	vmcs_write(GUEST_PENDING_DBG_EXCEPTIONS, 0);
	/* No shadow VMCS: all ones, as 25.4.2 requires. */
	vmcs_write(VMCS_LINK_POINTER, ~0ull);
}

/*
 * With the PAT load/save controls the guest's PAT lives in the VMCS and
 * the host's comes back on every exit; the guest starts with the
 * power-on value. Without them the guest has no PAT (cpuid.c hides it).
 */
static void setup_pat(const struct vmcs_config *conf)
{
	if (conf->vmexit_ctrl & VM_EXIT_LOAD_IA32_PAT)
		vmcs_write(HOST_IA32_PAT, rdmsr(MSR_IA32_CR_PAT));
	if (conf->vmentry_ctrl & VM_ENTRY_LOAD_IA32_PAT)
		vmcs_write(GUEST_IA32_PAT, MSR_IA32_CR_PAT_DEFAULT);
}

void vmcs_setup(const struct vmcs_config *conf, u8 *vmcs_region,
		u8 *msr_bitmap, u64 eptp, const struct guest_entry *entry,
		bool demo_host_tr)
{
	hpa_t vmcs = (hpa_t)(uintptr_t)vmcs_region;

	*(u32 *)vmcs_region = conf->revision_id;
	if (!vmclear(vmcs))
		machine_cannot("VMCLEAR of the VMCS at %#llx failed",
			       (unsigned long long)vmcs);
	if (!vmptrld(vmcs))
		machine_cannot("VMPTRLD of the VMCS at %#llx failed",
			       (unsigned long long)vmcs);
	setup_vmcs_controls(conf, eptp, msr_bitmap);
	setup_host_state();
	setup_guest_state(entry);
	setup_pat(conf);
	/* demo_fault=host_tr: the classic first VMLAUNCH failure under OVMF. */
	if (demo_host_tr)
		vmcs_write(HOST_TR_SELECTOR, 0);
}
