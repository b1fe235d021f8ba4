# tests/boot/lib_paging.sh - more checks for the paging, async-PF and trace scenarios; sourced after lib.sh, uses its boot/summary/fail.
#
#	. "$(dirname "$0")/lib.sh"
#	. "$(dirname "$0")/lib_paging.sh"
#
# Every check reads the last boot's summary (lib.sh's SUMMARY) and fails
# the scenario with one line naming the key, its value and the rule.

# need_ints KEY...: fail unless each key of the summary holds a whole number.
need_ints() {
	local key
	expect_summary_line
	for key; do
		[[ $(summary "$key") =~ ^[0-9]+$ ]] ||
			fail "summary has no numeric $key (got '$(summary "$key")')"
	done
}

# expect_summary_positive KEY...: each key is a number above 0.
expect_summary_positive() {
	local key
	need_ints "$@"
	for key; do
		[ "$(summary "$key")" -gt 0 ] ||
			fail "summary $key=$(summary "$key"), expected more than 0"
	done
}

# expect_summary_same KEY OTHER: two keys of one summary hold the same number.
expect_summary_same() {
	local a b
	need_ints "$1" "$2"
	a=$(summary "$1")
	b=$(summary "$2")
	[ "$a" = "$b" ] || fail "summary $1=$a but $2=$b: expected them equal"
}

# expect_summary_decimal_at_least KEY X: a decimal value (hidden_ratio=0.999) at least X.
expect_summary_decimal_at_least() {
	expect_summary_line
	local v
	v=$(summary "$1")
	[[ $v =~ ^[0-9]+(\.[0-9]+)?$ ]] || fail "summary has no decimal $1 (got '$v')"
	awk -v v="$v" -v min="$2" 'BEGIN { exit !(v + 0 >= min + 0) }' ||
		fail "summary $1=$v, expected at least $2"
}

# The guest pages faultline backed: those it populated before entry
# (pinned: boot info, GDT, page tables, image) plus one zero-fill per page
# the guest touched first. A page is zero-filled once in its life (eviction
# always keeps a swap copy), so this is the run's whole footprint in pages.
# Call need_ints faults_zero pages_populated first.
footprint_pages() {
	echo $(($(summary faults_zero) + $(summary pages_populated)))
}

# expect_pool_ratio N: the frame pool is 1/N of the footprint, to within
# 1% (the scenario chose pages= for it: a stale choice must show up here,
# or the run would prove a ratio it did not have).
expect_pool_ratio() {
	local frames footprint want
	need_ints frames faults_zero pages_populated
	frames=$(summary frames)
	footprint=$(footprint_pages)
	want=$((frames * $1))
	[ $((footprint * 100)) -ge $((want * 99)) ] &&
		[ $((footprint * 100)) -le $((want * 101)) ] ||
		fail "footprint $footprint pages (faults_zero + pages_populated) for $frames frames: the pool is not 1/$1 of it (want $want pages +-1%); adjust pages="
}

# expect_eviction_accounting: every eviction was a write-back or a clean drop (mm/evict.c counts exactly one of them).
expect_eviction_accounting() {
	local ev wb cd
	need_ints evictions writebacks clean_drops
	ev=$(summary evictions)
	wb=$(summary writebacks)
	cd=$(summary clean_drops)
	[ "$ev" -eq $((wb + cd)) ] ||
		fail "evictions=$ev but writebacks + clean_drops = $wb + $cd = $((wb + cd))"
}

# expect_fault_accounting: every EPT violation ended as exactly one kind of
# fault (mm/mmu.c counts one per violation): none was a try that found no
# frame and sent the guest back to fault on the same access again, since
# such a fault now waits and is taken again in the same exit.
expect_fault_accounting() {
	local v sum k
	need_ints ept_violations faults_zero faults_swapin faults_joined \
		faults_fast faults_rescue faults_spurious
	v=$(summary ept_violations)
	sum=0
	for k in faults_zero faults_swapin faults_joined faults_fast faults_rescue faults_spurious; do
		sum=$((sum + $(summary $k)))
	done
	[ "$v" -eq "$sum" ] ||
		fail "ept_violations=$v but zero + swapin + joined + fast + rescue + spurious = $sum"
}

# trace_section FILE: the trace in an e9.log, header to end line inclusive
# (Bochs's own chatter around it on the same stdout is left out).
trace_section() {
	tr -d '\r' < "$1" | sed -n '/^faultline-trace: /,/^faultline-trace-end: /p'
}

# summary_trace_keys: the trace_<event>=N words of the last summary, one a line.
summary_trace_keys() {
	local word
	for word in $SUMMARY; do
		[[ $word == trace_*=* ]] && echo "$word"
	done
	return 0
}

# snapshot_build: boot from a private copy of $BUILD's faultline.efi and
# guests, so a rebuild in the shared tree between two boots (another make
# running meanwhile) cannot give them different binaries. Sets BUILD.
snapshot_build() {
	local snap=$RUNS/$TEST_DIR/$SCENARIO-build
	rm -rf "$snap"
	mkdir -p "$snap/guests" || fail "cannot create $snap"
	cp "$BUILD/faultline.efi" "$snap/" || fail "no $BUILD/faultline.efi: run make first"
	[ -f "$BUILD/faultline-notrace.efi" ] && cp "$BUILD/faultline-notrace.efi" "$snap/"
	[ -f "$BUILD/guest-pv.elf" ] && cp "$BUILD/guest-pv.elf" "$snap/"
	cp "$BUILD"/guests/*.elf "$snap/guests/" 2>/dev/null
	export BUILD=$snap
}
