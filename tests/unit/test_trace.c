/* tests/unit/test_trace.c - host tests for lib/trace.c: the keys trace_init() sets for faultline's patched tracepoints. */
#include <criterion/criterion.h>
#include "../../include/trace.h"

/* Does trace_init() turn trace_key on at summary and full, trace_full_key at full only? */
Test(trace_init, keys_follow_level)
{
	static const struct {
		enum trace_level level;
		bool any, full;
	} cases[] = {
		{ TRACE_OFF,		false,	false },
		{ TRACE_SUMMARY,	true,	false },
		{ TRACE_FULL,		true,	true },
		{ TRACE_OFF,		false,	false },	/* and back */
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		trace_init(cases[i].level, NULL, 0, NULL);
		cr_assert_eq(trace_key.enabled, cases[i].any, "level %d",
			     cases[i].level);
		cr_assert_eq(trace_full_key.enabled, cases[i].full,
			     "level %d", cases[i].level);
	}
}
