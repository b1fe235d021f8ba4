/* include/trace.h - faultline's tracepoints: one ring of fixed-size records (lib/trace.c), dumped at the end of the run. KVM: include/trace/events/kvm.h, arch/x86/kvm/mmutrace.h. Format: docs/trace-format.md. */
#ifndef FAULTLINE_TRACE_H
#define FAULTLINE_TRACE_H

#include "jump_label.h"
#include "types.h"

/*
 * Every event faultline records, in one list. X(name, field0..field3):
 * a field named "-" is unused. Values print in hex when the field name is
 * an address or token, in decimal otherwise (trace_field_is_hex()).
 */
#define TRACE_EVENTS(X)							\
	X(kvm_page_fault,		gpa, error_code, qual, exit_tsc)	\
	X(kvm_try_async_get_page,	gpa, gfn, -, -)			\
	X(kvm_async_pf_not_present,	token, gpa, -, -)		\
	X(kvm_async_pf_repeated_fault,	token, gpa, -, -)		\
	X(kvm_async_pf_completed,	token, gpa, -, -)		\
	X(kvm_async_pf_ready,		token, gpa, -, -)		\
	X(mm_fault_done,		gfn, kind, cycles, -)		\
	X(swap_io_submit,		op, slot, gfn, due)		\
	X(swap_io_complete,		op, slot, gfn, -)		\
	X(mm_page_evict,		gfn, dirty, -, -)		\
	X(mm_page_writeback,		gfn, slot, -, -)		\
	X(guest_task_park,		task, token, -, -)		\
	X(guest_task_wake,		task, token, -, -)			\
	X(kvm_entry,			exit_reason, exit_tsc, -, -)	\
	X(kvm_vcpu_wait,		why, start_tsc, -, -)		\
	X(guest_task_switch,		prev, next, -, -)			\
	X(mm_fault_stages,		classify, frame, data, map)	\
	X(mm_swapin_stages,		gfn, copy, map, -)

#define TRACE_ENUM(name, f0, f1, f2, f3) TRACE_##name,
enum trace_event {
	TRACE_EVENTS(TRACE_ENUM)
	NR_TRACE_EVENTS
};
#undef TRACE_ENUM

/* trace= option */
enum trace_level {
	TRACE_OFF,	/* nothing recorded, nothing counted */
	TRACE_SUMMARY,	/* per-event counts in the summary line */
	TRACE_FULL,	/* every record, dumped through port 0xE9 at the end */
};

/* Values of mm_fault_done's kind field. */
enum fault_kind {
	FAULT_KIND_ZERO,		/* demand-zero */
	FAULT_KIND_SWAPIN_SYNC,		/* swap-in, the vCPU waited */
	FAULT_KIND_SWAPIN_ASYNC,	/* swap-in, "page not present" injected */
	FAULT_KIND_JOINED,		/* the page was already in flight */
	FAULT_KIND_SPURIOUS,		/* already mapped */
	FAULT_KIND_FAST,		/* mapped: only software A/D tracking */
	NR_FAULT_KINDS,
};

/* Values of kvm_vcpu_wait's why field: what faultline held the vCPU for. */
enum vcpu_wait_why {
	VCPU_WAIT_IO,		/* a synchronous swap-in */
	VCPU_WAIT_FRAME,	/* a free frame, behind a write-back */
	VCPU_WAIT_HALT,		/* guest HLT, until its next event */
	NR_VCPU_WAIT_WHY,
};

/* Values of swap_io_*'s op field. */
enum swap_op {
	SWAP_OP_READ,
	SWAP_OP_WRITE,
};

struct trace_record {
	u64 tsc;
	u32 event;
	/*
	 * The trace's own cycles before this record (trace_buffer.self_cycles
	 * at tsc, low 32 bits: a full ring costs ~1e7), so a reader takes
	 * them out of any span: (b.tsc - a.tsc) - (b.trace_cycles -
	 * a.trace_cycles) is the span's work without the recording.
	 */
	u32 trace_cycles;
	u64 arg[4];
};

struct trace_buffer {
	enum trace_level level;
	struct trace_record *records;	/* caller-provided storage */
	u64 capacity;
	u64 used;
	u64 dropped;			/* events past capacity: counted, not kept */
	u64 count[NR_TRACE_EVENTS];
	u64 self_cycles;		/* recording's own cost, from clock() */
	u64 self_at_entry;		/* self_cycles after the last kvm_entry */
	u64 (*clock)(void);		/* rdtsc in faultline; a fake in tests */
};

extern struct trace_buffer trace_buffer;

/*
 * The trace's clock. In faultline it is the TSC (boot/efi_main.c), read
 * inline so a record or a stage stamp costs an RDTSC, not an indirect
 * call whose own cycles would land in the span it times. Host tests keep
 * the pointer (a fake, or NULL: no time).
 */
static inline u64 trace_clock(void)
{
#if defined(FL_JUMP_LABEL)
	u32 lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
#else
	return trace_buffer.clock ? trace_buffer.clock() : 0;
#endif
}
/*
 * Set by trace_init() from the level, for the patched tracepoints of
 * faultline (include/jump_label.h): trace_key at summary and full,
 * trace_full_key at full only (mm_stage_clock()). A level changed later
 * moves no key: trace_init() runs once, before the sites are patched.
 */
DECLARE_STATIC_KEY_FALSE(trace_key);
DECLARE_STATIC_KEY_FALSE(trace_full_key);

void trace_init(enum trace_level level, struct trace_record *storage,
		u64 capacity, u64 (*clock)(void));
/* Store one event stamped tsc (the caller's clock read): trace_record(). */
void trace_store(u64 tsc, enum trace_event event, u64 a0, u64 a1, u64 a2,
		 u64 a3);

/*
 * Record an event; what it costs, from the clock read before the call to
 * the one after it returns, goes to self_cycles, so a span that holds a
 * record can be timed without it. Timed here, at the call site, rather
 * than inside: only the argument moves and two additions escape.
 */
static inline void trace_record(enum trace_event event, u64 a0, u64 a1,
				u64 a2, u64 a3)
{
	u64 tsc = trace_clock();

	trace_store(tsc, event, a0, a1, a2, a3);
	trace_buffer.self_cycles += trace_clock() - tsc;
	/* The guest runs next: what comes after is the next exit's. */
	if (event == TRACE_kvm_entry)
		trace_buffer.self_at_entry = trace_buffer.self_cycles;
}

#ifdef FL_NO_TRACE
/*
 * Tracing compiled out (make TRACE_COMPILED=0): no test, no call. The
 * yardstick for what trace=off costs (tests/boot/trace_off_cost).
 */
static inline void trace(enum trace_event event, u64 a0, u64 a1, u64 a2,
			 u64 a3)
{
	(void)event, (void)a0, (void)a1, (void)a2, (void)a3;
}

static inline bool trace_on(void)
{
	return false;
}

static inline u64 trace_self_cycles(void)
{
	return 0;
}

static inline u64 trace_self_cycles_since_entry(void)
{
	return 0;
}
#elif defined(FL_JUMP_LABEL)
/*
 * faultline: a tracepoint is one 5-byte NOP while trace=off, patched to a
 * jmp to the call when trace_init() turned trace_key on (summary, full).
 */
static inline void trace(enum trace_event event, u64 a0, u64 a1, u64 a2,
			 u64 a3)
{
	if (static_branch_unlikely(&trace_key))
		trace_record(event, a0, a1, a2, a3);
}

/* For a tracepoint with its own condition: test that behind the NOP. */
static inline bool trace_on(void)
{
	return static_branch_unlikely(&trace_key);
}

/* The recording's own cycles so far (0 unless recording), behind the NOP. */
static inline u64 trace_self_cycles(void)
{
	return static_branch_unlikely(&trace_key) ? trace_buffer.self_cycles : 0;
}

/* Of those, the ones since the last kvm_entry: inside this exit. */
static inline u64 trace_self_cycles_since_entry(void)
{
	return static_branch_unlikely(&trace_key) ?
	       trace_buffer.self_cycles - trace_buffer.self_at_entry : 0;
}
#else
/*
 * Host unit tests, which switch levels at will and patch nothing: a load
 * and a predictable branch, no call.
 */
static inline void trace(enum trace_event event, u64 a0, u64 a1, u64 a2,
			 u64 a3)
{
	if (trace_buffer.level != TRACE_OFF)
		trace_record(event, a0, a1, a2, a3);
}

static inline bool trace_on(void)
{
	return trace_buffer.level != TRACE_OFF;
}

static inline u64 trace_self_cycles(void)
{
	return trace_buffer.self_cycles;
}

static inline u64 trace_self_cycles_since_entry(void)
{
	return trace_buffer.self_cycles - trace_buffer.self_at_entry;
}
#endif

const char *trace_event_name(enum trace_event event);
const char *fault_kind_name(enum fault_kind kind);
const char *vcpu_wait_why_name(enum vcpu_wait_why why);

/*
 * Write the whole trace in format v1 through out (debugcon_write in
 * faultline). header_extra: "engine=... ips=... tsc_hz=..." words.
 */
void trace_dump(void (*out)(const char *s, size_t len),
		const char *header_extra);

#endif
