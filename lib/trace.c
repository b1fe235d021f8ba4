/* lib/trace.c - the trace ring and its text dump (format v1, docs/trace-format.md), for mm/ and vmm/ alike. KVM: the tracepoints' ring is ftrace's; this is its smallest form. Pure C: host tests compile it. */
#include "../include/trace.h"
#include "../include/sprintf.h"

struct trace_buffer trace_buffer;
DEFINE_STATIC_KEY_FALSE(trace_key);
DEFINE_STATIC_KEY_FALSE(trace_full_key);

struct trace_event_desc {
	const char *name;
	const char *field[4];
};

#define TRACE_DESC(name, f0, f1, f2, f3) \
	{ #name, { #f0, #f1, #f2, #f3 } },
static const struct trace_event_desc event_desc[NR_TRACE_EVENTS] = {
	TRACE_EVENTS(TRACE_DESC)
};
#undef TRACE_DESC

static const char *const fault_kind_names[NR_FAULT_KINDS] = {
	[FAULT_KIND_ZERO] = "zero",
	[FAULT_KIND_SWAPIN_SYNC] = "swapin_sync",
	[FAULT_KIND_SWAPIN_ASYNC] = "swapin_async",
	[FAULT_KIND_JOINED] = "joined",
	[FAULT_KIND_SPURIOUS] = "spurious",
	[FAULT_KIND_FAST] = "fast",
};

static const char *const vcpu_wait_why_names[NR_VCPU_WAIT_WHY] = {
	[VCPU_WAIT_IO] = "io",
	[VCPU_WAIT_FRAME] = "frame",
	[VCPU_WAIT_HALT] = "halt",
};

void trace_init(enum trace_level level, struct trace_record *storage,
		u64 capacity, u64 (*clock)(void))
{
	trace_buffer = (struct trace_buffer){
		.level = level,
		.records = storage,
		.capacity = storage ? capacity : 0,
		.clock = clock,
	};
	trace_key.enabled = level != TRACE_OFF;
	trace_full_key.enabled = level == TRACE_FULL;
}

/*
 * Keep the first capacity records and count the rest: a trace is then
 * always a complete prefix of the run, and "dropped" says how much is
 * missing at its end.
 */
void trace_store(u64 tsc, enum trace_event event, u64 a0, u64 a1, u64 a2,
		 u64 a3)
{
	struct trace_buffer *t = &trace_buffer;
	struct trace_record *r;

	if ((unsigned)event >= NR_TRACE_EVENTS)
		return;
	t->count[event]++;
	if (t->level != TRACE_FULL)
		return;
	if (t->used == t->capacity) {
		t->dropped++;
		return;
	}
	r = &t->records[t->used++];
	r->tsc = tsc;
	r->event = event;
	r->trace_cycles = (u32)t->self_cycles;
	r->arg[0] = a0;
	r->arg[1] = a1;
	r->arg[2] = a2;
	r->arg[3] = a3;
}

const char *trace_event_name(enum trace_event event)
{
	return (unsigned)event < NR_TRACE_EVENTS ? event_desc[event].name
						 : "unknown";
}

const char *fault_kind_name(enum fault_kind kind)
{
	return (unsigned)kind < NR_FAULT_KINDS ? fault_kind_names[kind]
					       : "unknown";
}

const char *vcpu_wait_why_name(enum vcpu_wait_why why)
{
	return (unsigned)why < NR_VCPU_WAIT_WHY ? vcpu_wait_why_names[why]
						 : "unknown";
}

static bool field_is_hex(const char *field)
{
	static const char *const hex_fields[] = { "gpa", "token", "qual",
						  "error_code" };

	for (size_t i = 0; i < ARRAY_SIZE(hex_fields); i++) {
		const char *a = hex_fields[i], *b = field;

		while (*a && *a == *b) {
			a++;
			b++;
		}
		if (!*a && !*b)
			return true;
	}
	return false;
}

static size_t format_record(char *buf, size_t size,
			    const struct trace_record *r)
{
	const struct trace_event_desc *d = &event_desc[r->event];
	size_t len = (size_t)snprintf(buf, size, "%llu %s",
				      (unsigned long long)r->tsc, d->name);

	for (int i = 0; i < 4 && len < size; i++) {
		const char *f = d->field[i];
		unsigned long long v = r->arg[i];

		if (f[0] == '-')
			continue;
		if (r->event == TRACE_mm_fault_done && i == 1)
			len += (size_t)snprintf(buf + len, size - len,
						" %s=%s", f,
						fault_kind_name((enum fault_kind)v));
		else if (r->event == TRACE_kvm_vcpu_wait && i == 0)
			len += (size_t)snprintf(buf + len, size - len,
						" %s=%s", f,
						vcpu_wait_why_name((enum vcpu_wait_why)v));
		else if (r->event <= TRACE_swap_io_complete &&
			 r->event >= TRACE_swap_io_submit && i == 0)
			len += (size_t)snprintf(buf + len, size - len,
						" %s=%s", f,
						v == SWAP_OP_READ ? "read"
								  : "write");
		else
			len += (size_t)snprintf(buf + len, size - len,
						field_is_hex(f) ? " %s=%#llx"
								: " %s=%llu",
						f, v);
	}
	if (len < size)
		len += (size_t)snprintf(buf + len, size - len,
					" trace_cycles=%u", r->trace_cycles);
	if (len + 1 < size) {
		buf[len++] = '\n';
		buf[len] = '\0';
	}
	return MIN(len, size - 1);
}

void trace_dump(void (*out)(const char *s, size_t len),
		const char *header_extra)
{
	const struct trace_buffer *t = &trace_buffer;
	char line[192];
	size_t n;

	n = (size_t)snprintf(line, sizeof(line),
			     "faultline-trace: version=1 %s level=%s "
			     "capacity=%llu records=%llu dropped=%llu\n",
			     header_extra,
			     t->level == TRACE_FULL ? "full" : "summary",
			     (unsigned long long)t->capacity,
			     (unsigned long long)t->used,
			     (unsigned long long)t->dropped);
	out(line, MIN(n, sizeof(line) - 1));
	for (u64 i = 0; i < t->used; i++)
		out(line, format_record(line, sizeof(line), &t->records[i]));
	n = (size_t)snprintf(line, sizeof(line),
			     "faultline-trace-end: records=%llu dropped=%llu\n",
			     (unsigned long long)t->used,
			     (unsigned long long)t->dropped);
	out(line, MIN(n, sizeof(line) - 1));
}
