#!/bin/sh
# tests/unit/run_unit.sh - run each unit-test binary, sum Criterion's counts into one "passed=N failed=N" file.
#
# usage: run_unit.sh RESULTS_FILE TEST_BINARY...
# A binary that dies before Criterion prints its "Synthesis:" line counts
# as one failure, so a crash at start-up can never read as success.
results=$1
shift
passed=0
failed=0
for bin in "$@"; do
	out=$("$bin" 2>&1)
	status=$?
	printf '%s\n' "$out"
	synth=$(printf '%s\n' "$out" | sed 's/\x1b\[[0-9;]*m//g' |
		grep 'Synthesis: Tested:' | tail -n 1)
	if [ -z "$synth" ]; then
		echo "unit: $bin printed no Synthesis line (exit $status)"
		failed=$((failed + 1))
		continue
	fi
	p=$(printf '%s\n' "$synth" | sed -n 's/.*Passing: \([0-9]*\).*/\1/p')
	f=$(printf '%s\n' "$synth" | sed -n 's/.*Failing: \([0-9]*\).*/\1/p')
	c=$(printf '%s\n' "$synth" | sed -n 's/.*Crashing: \([0-9]*\).*/\1/p')
	passed=$((passed + p))
	failed=$((failed + f + c))
	if [ "$status" -ne 0 ] && [ $((f + c)) -eq 0 ]; then
		echo "unit: $bin exited $status with no failing test"
		failed=$((failed + 1))
	fi
done
mkdir -p "$(dirname "$results")"
echo "passed=$passed failed=$failed" > "$results"
echo "unit tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
