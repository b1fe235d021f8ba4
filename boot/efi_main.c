/* boot/efi_main.c - the UEFI entry: options, guest image, memory for faultline and the frame pool, ExitBootServices, hand-over to vmm_main. Linux: drivers/firmware/efi/libstub/x86-stub.c (efi_main). */
#include <efi.h>
#include "console.h"
#include "cpu_tables.h"
#include "efi_bundle.h"
#include "efi_file.h"
#include "efi_twin.h"
#include "guest_boot.h"
#include "guest_loader.h"
#include "host_cpu.h"
#include "linux_boot.h"
#include "options.h"
#include "paging.h"
#include "tsc.h"
#include "../vmm/host_apic.h"
#include "../vmm/portio.h"
#include "../vmm/summary.h"
#include "../vmm/vmm.h"
#include "../vmm/vmx_hw.h"
#include "../include/jump_label.h"
#include "../include/lib.h"
#include "../include/trace.h"
#include "../mm/swap.h"

#define OPTIONS_FILE		"faultline.opt"
#define HOST_STACK_SIZE		KiB(64)
#define EPT_TABLE_SLACK		8	/* PML4, PDPT, rounding */

/* 8259 bits used to silence the legacy interrupt controller. */
#define PIC1_DATA		0x21
#define PIC2_DATA		0xa1
#define PIC_MASK_ALL		0xff

extern EFI_RUNTIME_SERVICES *fl_runtime_services;	/* power.c */
void call_on_stack(void *stack_top, void (*fn)(void *), void *arg);

static struct fl_options opts;
static struct frame_pool guest_frames, ept_tables;
static struct ept ept;
static struct mm mm;
static struct swap_ram swap_ram;
static struct vmm_boot boot;
static EFI_SYSTEM_TABLE *systab;
static EFI_BOOT_SERVICES *boot_services;
static EFI_HANDLE efi_image;	/* faultline's own: its volume holds the guest */

/* Before the vCPU exists, an error is a line, the summary, and power off. */
__attribute__((noreturn, format(printf, 2, 3)))
static void boot_fail(const char *stop, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vstop_before_guest(stop, fmt, ap);
}

/* Pages from the firmware, zeroed; NULL if it has none that large. */
static void *try_alloc_pages(u64 bytes)
{
	EFI_PHYSICAL_ADDRESS addr = 0;

	if (EFI_ERROR(uefi_call_wrapper(boot_services->AllocatePages, 4,
					AllocateAnyPages, EfiLoaderData,
					ALIGN_UP(bytes, PAGE_SIZE) / PAGE_SIZE,
					&addr)))
		return NULL;
	memset((void *)(uintptr_t)addr, 0, ALIGN_UP(bytes, PAGE_SIZE));
	return (void *)(uintptr_t)addr;
}

static void *alloc_pages(u64 bytes, const char *what)
{
	EFI_PHYSICAL_ADDRESS addr = 0;
	EFI_STATUS st;

	st = uefi_call_wrapper(boot_services->AllocatePages, 4, AllocateAnyPages,
			       EfiLoaderData, ALIGN_UP(bytes, PAGE_SIZE) /
			       PAGE_SIZE, &addr);
	if (EFI_ERROR(st))
		boot_fail("no_memory", "cannot allocate %llu KiB for %s "
			  "(EFI status %#llx): lower frames= or guest_mem=",
			  (unsigned long long)bytes / 1024, what,
			  (unsigned long long)st);
	memset((void *)(uintptr_t)addr, 0, ALIGN_UP(bytes, PAGE_SIZE));
	return (void *)(uintptr_t)addr;
}

static void read_options(EFI_HANDLE image)
{
	char err[160];
	void *text = NULL;
	UINTN size = 0;
	EFI_STATUS st = efi_read_file(systab, image, OPTIONS_FILE, &text, &size);

	/* No options file: every option keeps its default. */
	fl_options_defaults(&opts);
	if (fl_options_parse(&opts, EFI_ERROR(st) ? "" : text, err,
			     sizeof(err)) ||
	    fl_options_check(&opts, err, sizeof(err)))
		boot_fail("bad_option", "%s", err);
}

/*
 * swap=ram: the pages that cannot be resident live in memory reserved
 * here, and each request completes swap_latency_us after it is submitted
 * (mm/swap_ram.c). When frames cover guest memory the device has no
 * slots: nothing is ever evicted, and a full pool ends the run.
 */
/*
 * The swap store. guest_mem - frames of it (fl_swap_bytes) lets the guest
 * use all of its memory; a large guest_mem on a machine with less RAM
 * than that (guest_mem=4G needs 4 GiB in one piece) gets the largest
 * store the firmware can give, halving down to SWAP_STORE_MIN, and one
 * line says so: the guest may then keep at most frames + swap of its
 * memory in use, and one that needs more stops ("no frame left"). An
 * explicit swap_size= is taken as given or refused.
 */
#define SWAP_STORE_MIN	MiB(16)

static struct phys_region alloc_swap_store(void)
{
	u64 want = fl_swap_bytes(&opts), bytes = want;
	struct phys_region store = { .size = want };

	if (!want)
		return store;
	store.virt = try_alloc_pages(bytes);
	while (!store.virt && !opts.swap_size && bytes / 2 >= SWAP_STORE_MIN) {
		bytes = ALIGN_UP(bytes / 2, PAGE_SIZE);
		store.virt = try_alloc_pages(bytes);
	}
	if (!store.virt)
		boot_fail("no_memory", "cannot allocate %llu KiB of swap space "
			  "(swap=ram): lower guest_mem= or swap_size=, or give "
			  "the machine more RAM",
			  (unsigned long long)bytes / 1024);
	if (bytes < want)
		printk("faultline: swap: %llu MiB of RAM for swap, not the %llu "
		       "MiB guest_mem - frames needs: the guest may keep at "
		       "most frames + %llu MiB of its memory in use\n",
		       (unsigned long long)(bytes >> 20),
		       (unsigned long long)(want >> 20),
		       (unsigned long long)(bytes >> 20));
	store.size = bytes;
	store.hpa = (hpa_t)(uintptr_t)store.virt;
	return store;
}

static void setup_swap(u64 nr_frames, struct phys_region store)
{
	u64 nr_slots = store.size / PAGE_SIZE;
	struct swap_req *queue = NULL;

	if (nr_slots)
		queue = alloc_pages(nr_frames * sizeof(struct swap_req),
				    "the swap queue");
	if (swap_ram_init(&swap_ram, store, &guest_frames,
			  swap_us_to_ticks(opts.swap_latency_us, boot.tsc_hz),
			  queue, (u32)nr_frames))
		boot_fail("bug", "swap setup failed (%llu slots)",
			  (unsigned long long)nr_slots);
	/* Requests are stamped when they reach the device (mm/swap.h). */
	swap_ram.dev.clock = rdtsc;
	swap_ram_set_qd(&swap_ram, (u32)opts.swap_qd);	/* checked: 1..max */
	if (opts.swap_dist == FL_SWAP_DIST_LOGNORMAL) {
		struct swap_latency l;

		swap_latency_init(&l, LATENCY_LOGNORMAL,
				  swap_us_to_ticks(opts.swap_latency_us,
						   boot.tsc_hz),
				  (u32)opts.swap_sigma_milli, opts.seed);
		swap_ram_set_latency(&swap_ram, &l);
	}
}

/* trace=full keeps this many records; more are counted as dropped. */
#define TRACE_CAPACITY	262144

static void setup_trace(void)
{
	bool full = opts.trace == TRACE_FULL;

	trace_init(opts.trace,
		   full ? alloc_pages(TRACE_CAPACITY *
				      sizeof(struct trace_record),
				      "the trace ring") : NULL,
		   full ? TRACE_CAPACITY : 0, rdtsc);
}

/* linker.ld: where faultline.so starts, to name a site as objdump does */
extern const u8 ImageBase[] __attribute__((visibility("hidden")));

/*
 * Patch every static-key site (include/jump_label.h) to what its key says,
 * trace_init() having set them. After faultline's own page tables are
 * live: they map .text writable (boot/paging.c), so CR0.WP stops nothing,
 * where the firmware's may map it read-only. Before the first VM entry:
 * no site changes under the guest. Then CPUID, serializing, so no stale
 * prefetch of a site survives: SDM Vol. 3A 9.1.3, "Handling Self- and
 * Cross-Modifying Code", option 2. Linux: jump_label_init(), and
 * text_poke_early()'s sync_core().
 */
static void patch_static_keys(void)
{
	const struct jump_entry *bad;
	const u8 *c;
	u32 a, b, cx, d;

	bad = jump_label_apply(__start___jump_table, __stop___jump_table);
	if (bad) {
		c = jump_entry_code(bad);
		boot_fail("bug", "static key site at faultline.so %#llx holds "
			  "%02x %02x %02x %02x %02x, neither its NOP nor its "
			  "jmp: no site patched",
			  (unsigned long long)(c - ImageBase), c[0], c[1], c[2],
			  c[3], c[4]);
	}
	cpuid_count(0, 0, &a, &b, &cx, &d);
}

static void load_pv_guest(void)
{
	struct guest_image gi;
	char err[160];
	void *elf;
	UINTN elf_size;
	EFI_STATUS st;

	st = efi_read_file(systab, efi_image, opts.guest, &elf, &elf_size);
	if (EFI_ERROR(st))
		boot_fail("bad_guest", "cannot read guest '%s' from the boot "
			  "volume (EFI status %#llx)", opts.guest,
			  (unsigned long long)st);
	if (guest_load_elf(&mm, elf, elf_size, &gi, err, sizeof(err)))
		boot_fail("bad_guest", "guest '%s' refused: %s", opts.guest,
			  err);
	if (guest_boot_setup(&mm, opts.guest_cmdline, boot.tsc_hz, gi.end,
			     gi.entry, &boot.entry))
		boot_fail("no_memory", "no frame left for the guest's boot "
			  "pages (frames=%llu KiB)",
			  (unsigned long long)opts.frames / 1024);
	printk("faultline: guest '%s' loaded: entry %#llx, image ends at "
	       "%#llx, %llu pages populated\n", opts.guest,
	       (unsigned long long)gi.entry, (unsigned long long)gi.end,
	       (unsigned long long)mm.stats.pages_populated);
}

/* guest_kind=linux: the bundle's kernel by the 64-bit boot protocol. */
static void load_linux(const struct bundle_parts *bundle)
{
	struct bundle_parts parts = *bundle;
	struct linux_layout l;
	char err[160];

	if (linux_boot_plan(&parts, opts.guest_mem, &l, err, sizeof(err)))
		boot_fail("bad_guest", "Linux kernel refused: %s", err);
	if (linux_boot_load(&mm, &parts, &l, &boot.entry, err, sizeof(err)))
		boot_fail("no_memory", "%s (frames=%llu KiB)", err,
			  (unsigned long long)opts.frames / 1024);
	printk("faultline: Linux loaded: boot protocol %u.%02u, kernel %#llx "
	       "(%llu bytes, init_size %#llx), initrd %#llx (%llu bytes), "
	       "entry %#llx, command line \"%.*s\"\n",
	       l.bz.hdr.version >> 8, l.bz.hdr.version & 0xff,
	       (unsigned long long)l.bz.load_addr,
	       (unsigned long long)l.bz.pm_size,
	       (unsigned long long)l.bz.init_size,
	       (unsigned long long)l.initrd_gpa,
	       (unsigned long long)l.initrd_size,
	       (unsigned long long)boot.entry.rip, (int)l.cmdline_len,
	       parts.cmdline);
}

/*
 * guest_kind=linux: the kernel, initrd and command line, before anything
 * else allocates memory: a preloaded bundle's range must still be free
 * to claim.
 */
static struct bundle_parts linux_bundle;

static void get_linux_bundle(EFI_HANDLE image)
{
	char err[160];

	if (efi_get_bundle(systab, image, boot.tsc_hz, &linux_bundle, err,
			   sizeof(err)))
		boot_fail("bad_guest", "no Linux boot bundle: %s", err);
}

static void setup_guest_memory(void)
{
	u64 nr_frames = opts.frames / PAGE_SIZE;
	u64 nr_tables = opts.guest_mem / MiB(2) + opts.guest_mem / GiB(1) +
			EPT_TABLE_SLACK;
	u64 nr_gfns = opts.guest_mem / PAGE_SIZE;
	struct phys_region frames_mem, tables_mem, store;
	u64 nr_slots;
	struct mm_storage storage;

	frames_mem = (struct phys_region){
		.virt = alloc_pages(opts.frames, "the frame pool"),
		.size = opts.frames };
	frames_mem.hpa = (hpa_t)(uintptr_t)frames_mem.virt;
	tables_mem = (struct phys_region){
		.virt = alloc_pages(nr_tables * PAGE_SIZE, "EPT tables"),
		.size = nr_tables * PAGE_SIZE };
	tables_mem.hpa = (hpa_t)(uintptr_t)tables_mem.virt;
	if (frame_pool_init(&guest_frames, frames_mem,
			    alloc_pages(nr_frames * sizeof(u32), "frame list")) ||
	    frame_pool_init(&ept_tables, tables_mem,
			    alloc_pages(nr_tables * sizeof(u32), "table list")))
		boot_fail("bug", "frame pool setup failed");
	if (ept_init(&ept, &ept_tables, vmx_invept, vmx_ept_ad_mode()) !=
	    EPT_OK)
		boot_fail("bug", "EPT setup failed");
	if (ept.ad == EPT_AD_HW)
		printk("faultline: EPT accessed/dirty flags: set by the CPU "
		       "(ept_ad=hw)\n");
	else
		printk("faultline: EPT accessed/dirty flags: this CPU's VMX "
		       "has none (IA32_VMX_EPT_VPID_CAP bit 21 clear); "
		       "faultline keeps them itself by access tracking, as "
		       "KVM does (ept_ad=sw)\n");
	store = alloc_swap_store();
	nr_slots = store.size / PAGE_SIZE;
	storage = (struct mm_storage){
		.gfns = alloc_pages(nr_gfns * sizeof(struct gfn_entry),
				    "the GFN table"),
		.rmap = alloc_pages(nr_frames * sizeof(u32), "the reverse map"),
		.sptep = alloc_pages(nr_frames * sizeof(u64 *),
				     "the reverse map's EPT leaves"),
		.slot_stack = nr_slots ? alloc_pages(nr_slots * sizeof(u32),
						     "swap slots") : NULL,
		.slot_in_use = nr_slots ? alloc_pages(nr_slots, "swap slot map")
					: NULL,
	};
	setup_swap(nr_frames, store);
	if (mm_init(&mm, opts.guest_mem, &guest_frames, &ept, &swap_ram.dev,
		    &storage))
		boot_fail("bug", "guest memory setup failed");
	boot.swapin_cycles = alloc_pages(nr_gfns * sizeof(u32),
					 "the fault latency table");

	if (opts.guest_kind == FL_GUEST_LINUX)
		load_linux(&linux_bundle);
	else
		load_pv_guest();
}

/* The highest physical address the firmware reports, and at least 4 GiB for MMIO. */
static u64 memory_top(EFI_MEMORY_DESCRIPTOR *map, UINTN map_size,
		      UINTN desc_size)
{
	u64 top = GiB(4);

	for (UINTN off = 0; off < map_size; off += desc_size) {
		EFI_MEMORY_DESCRIPTOR *d = (void *)((u8 *)map + off);

		top = MAX(top, d->PhysicalStart + d->NumberOfPages * PAGE_SIZE);
	}
	return top;
}

#define MEMORY_MAP_BUFFER	KiB(64)	/* far more than OVMF's map needs */

static EFI_MEMORY_DESCRIPTOR *memory_map;

static EFI_STATUS get_memory_map(UINTN *map_size, UINTN *key,
				 UINTN *desc_size)
{
	UINT32 desc_version;

	*map_size = MEMORY_MAP_BUFFER;
	return uefi_call_wrapper(boot_services->GetMemoryMap, 5, map_size,
				 memory_map, key, desc_size, &desc_version);
}

/*
 * The top of physical memory, before faultline's page tables are sized:
 * allocations carve existing ranges, so the final map's top is the same
 * (exit_boot_services() re-checks it).
 */
static u64 planned_memory_top(void)
{
	UINTN map_size, key, desc_size;
	EFI_STATUS st;

	memory_map = alloc_pages(MEMORY_MAP_BUFFER, "the memory map");
	st = get_memory_map(&map_size, &key, &desc_size);
	if (EFI_ERROR(st))
		boot_fail("bug", "GetMemoryMap failed (EFI status %#llx)",
			  (unsigned long long)st);
	return memory_top(memory_map, map_size, desc_size);
}

/*
 * Returns the top of physical memory from the final map. ExitBootServices
 * fails if the map changed since GetMemoryMap (the key is stale); then
 * only GetMemoryMap may be called before trying again, so the buffer is
 * allocated once, up front.
 */
static u64 exit_boot_services(EFI_HANDLE image)
{
	EFI_MEMORY_DESCRIPTOR *map = memory_map;
	UINTN map_size, key, desc_size;
	EFI_STATUS st = EFI_SUCCESS;

	for (int attempt = 0; attempt < 2; attempt++) {
		st = get_memory_map(&map_size, &key, &desc_size);
		if (EFI_ERROR(st))
			break;
		st = uefi_call_wrapper(boot_services->ExitBootServices, 2, image, key);
		if (!EFI_ERROR(st))
			return memory_top(map, map_size, desc_size);
	}
	boot_fail("bug", "ExitBootServices failed (EFI status %#llx)",
		  (unsigned long long)st);
}

/* Nothing may interrupt faultline: the PIC and the local APIC's LVT go quiet. */
static void silence_host_interrupts(void)
{
	outb(PIC_MASK_ALL, PIC1_DATA);
	outb(PIC_MASK_ALL, PIC2_DATA);
	printk("faultline: host local APIC: %s, timer masked\n",
	       host_apic_mode_name(host_apic_init()));
}

/* One line on the firmware's console (ConOut: the screen, and on OVMF also COM1). */
static void firmware_say(const char *line)
{
	CHAR16 wide[160];
	size_t i;

	for (i = 0; line[i] && i < ARRAY_SIZE(wide) - 1; i++)
		wide[i] = (CHAR16)line[i];
	wide[i] = 0;
	uefi_call_wrapper(systab->ConOut->OutputString, 2, systab->ConOut,
			  wide);
}

/*
 * Where faultline's output goes once boot services are gone, said while
 * the firmware's console still works: a user with no serial line at all
 * learns it here, on the screen.
 */
static void announce_console(u16 uart)
{
	char line[200];
	const char *none = "no UART answered at 0x3f8, 0x2f8, 0x3e8 or 0x2e8";

	if (console_is_debugcon() && uart)
		snprintf(line, sizeof(line), "faultline: console on port 0xe9 "
			 "(the emulator's debug port); the UART at %#x says "
			 "so\r\n", uart);
	else if (console_is_debugcon())
		snprintf(line, sizeof(line), "faultline: %s: console on port "
			 "0xe9 (the emulator's debug port)\r\n", none);
	else if (uart)
		snprintf(line, sizeof(line), "faultline: console on the UART "
			 "at %#x\r\n", uart);
	else
		snprintf(line, sizeof(line), "faultline: %s and no debug port "
			 "answers: after this screen faultline's output is "
			 "lost; connect a serial port\r\n", none);
	firmware_say(line);
}

/*
 * trace=off runs faultline built with every tracepoint compiled out, so
 * that it costs exactly nothing: this image starts its twin, which does
 * the whole boot. Without the twin, this image runs, each tracepoint a
 * patched-out NOP (include/jump_label.h), and says so. The twin itself
 * has no tracepoints to turn on: it refuses trace=summary and full.
 */
static void start_twin_or_refuse(EFI_HANDLE image)
{
#ifdef FL_NO_TRACE
	(void)image;
	if (opts.trace != TRACE_OFF)
		boot_fail("bad_option", "trace=%s: this faultline (%s) was "
			  "built without tracepoints; boot faultline.efi for "
			  "a trace", opts.trace == TRACE_FULL ? "full" :
			  "summary", EFI_TWIN_FILE);
#else
	const char *why = "";
	EFI_STATUS st;

	if (opts.trace != TRACE_OFF)
		return;
	st = efi_start_twin(systab, image, &why);
	printk("faultline: note: %s %s (EFI status %#llx): running with "
	       "each tracepoint a NOP instead\n", EFI_TWIN_FILE, why,
	       (unsigned long long)st);
#endif
}

static void vmm_entry(void *arg)
{
	vmm_main(arg);
}

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *st)
{
	static char line[2 * FL_CMDLINE_MAX];	/* ours, then guest.key=value */
	u64 *page_tables, top, planned_top;
	int levels;
	u8 *host_stack;

	systab = st;
	efi_image = image;
	boot_services = st->BootServices;
	fl_runtime_services = st->RuntimeServices;
	announce_console(serial_init());
	/* OVMF leaves its last console line open: start on a fresh one. */
	printk("\nfaultline: starting\n");

	run_options = &opts;	/* even half-parsed: its engine= names the run */
	read_options(image);
	start_twin_or_refuse(image);
	/* Longer than printk's line with a long guest command line: direct. */
	printk("faultline: options: ");
	console_write(line, fl_options_format(&opts, line, sizeof(line)));
	console_write("\n", 1);
	vmx_check_cpu();
	host_cpu_check();
	levels = host_paging_levels();

	boot.opts = &opts;
	boot.mm = &mm;
	tsc_calibration = tsc_calibrate(systab);
	boot.tsc_hz = tsc_calibration.hz;
	if (opts.guest_kind == FL_GUEST_LINUX)
		get_linux_bundle(image);
	setup_trace();
	setup_guest_memory();
	boot.vmxon_region = alloc_pages(PAGE_SIZE, "the VMXON region");
	boot.vmcs_region = alloc_pages(PAGE_SIZE, "the VMCS");
	boot.msr_bitmap = alloc_pages(PAGE_SIZE, "the MSR bitmap");
	host_stack = alloc_pages(HOST_STACK_SIZE, "the host stack");
	planned_top = planned_memory_top();
	if (planned_top > paging_reach(levels))
		boot_fail("unsupported", "physical memory reaches %#llx, beyond "
			  "the %#llx a %d-level identity map can cover",
			  (unsigned long long)planned_top,
			  (unsigned long long)paging_reach(levels), levels);
	page_tables = alloc_pages(paging_tables_needed(planned_top, levels) *
				  PAGE_SIZE, "faultline's page tables");

	top = exit_boot_services(image);
	cli();
	cpu_tables_install();
	/* Nothing faultline touches lies above the planned top. */
	if (top > planned_top)
		printk("faultline: note: the final memory map reaches %#llx, "
		       "above the %#llx mapped\n", (unsigned long long)top,
		       (unsigned long long)planned_top);
	write_cr3((u64)(uintptr_t)paging_build(page_tables, planned_top,
					       levels));
	patch_static_keys();
	silence_host_interrupts();
	call_on_stack(host_stack + HOST_STACK_SIZE, vmm_entry, &boot);
	return EFI_SUCCESS;	/* not reached */
}
