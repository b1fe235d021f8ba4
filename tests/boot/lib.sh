# tests/boot/lib.sh - sourced by every boot scenario: boot faultline, read its console and summary, say ok / FAIL / skipped.
#
# A scenario is a bash script tests/boot/<name> that sources this file,
# boots one or more runs and checks them; the first failed check ends it:
#
#	. "$(dirname "$0")/lib.sh"
#	need_engine bochs
#	boot bochs guest_mem=64M || fail "the run did not pass"
#	expect_summary result pass
#	ok
#
# Runs land in $RUNS/$BOOT_TEST_DIR/<name>[-<tag>]/ (tools/boot-tests sets
# BOOT_TEST_DIR to its session; alone, a scenario uses test/solo-<pid>).
# Boots are QUIET (no live console) and get BOOT_TIMEOUT seconds (300).
# Bochs boots use BOCHS_CPU (make's default corei7_haswell_4770, so
# `make boot-test BOCHS_CPU=corei7_skylake_x` runs the suite on another
# model); a scenario that needs one model pins it with boot -c MODEL.
set -uo pipefail

SCENARIO=$(basename "$0")
cd "$(dirname "$0")/../.." || exit 1
# BUILD: what boots. tools/boot-tests hands every scenario one copy of the
# build taken when the suite started (BOOT_TEST_BUILD); LIVE_BUILD is the
# tree's own, for scenarios that go through make.
LIVE_BUILD=${BUILD:-build}
export BUILD=${BOOT_TEST_BUILD:-$LIVE_BUILD}
export RUNS=${RUNS:-runs}
export TIMEOUT=${BOOT_TIMEOUT:-300}
TEST_DIR=${BOOT_TEST_DIR:-test/solo-$$}
unset DRY ARGS IPS RUN_NAME GUEST KERNEL INITRD CMDLINE PRELOAD

RUN_DIR=""	# the last boot's run directory
HARNESS=""	# what tools/run-faultline printed for it (its verdict line)
STATUS=""	# its exit status
SUMMARY=""	# faultline's summary line (it starts a line), "" if none

ok()   { echo "$SCENARIO: ok"; exit 0; }
fail() { echo "$SCENARIO: FAIL $(echo "$*" | tr '\n' ' ')${RUN_DIR:+ (see $RUN_DIR)}"; exit 1; }
skip() { echo "$SCENARIO: skipped: $*"; exit 77; }

# need_engine ENGINE: skip the scenario where this host cannot run ENGINE.
need_engine() {
	local why
	why=$(tools/engine-check "$1") || skip "$why"
}

# need_guest NAME: the test guest build/guests/NAME.elf must have been built.
need_guest() {
	[ -f "$BUILD/guests/$1.elf" ] || fail "$BUILD/guests/$1.elf is missing: the test guests were not built"
}

# boot [-t TAG] [-c BOCHS_CPU] ENGINE OPTION...: one run; returns the
# harness's exit status.
boot() {
	local tag="" cpu=${BOCHS_CPU:-corei7_haswell_4770}
	while [ "$1" = -t ] || [ "$1" = -c ]; do
		if [ "$1" = -t ]; then tag=-$2; else cpu=$2; fi
		shift 2
	done
	local engine=$1
	shift
	local name=$TEST_DIR/$SCENARIO$tag
	RUN_DIR=$RUNS/$name
	HARNESS=$(QUIET=1 EMU=$engine BOCHS_CPU=$cpu RUN_NAME=$name \
		tools/run-faultline "$@" 2>&1)
	STATUS=$?
	SUMMARY=$(console | grep -a '^faultline-summary: ' | tail -n 1)
	return $STATUS
}

# The last boot's console as text: no carriage returns, NULs or escape
# sequences, and faultline's banner on a line of its own (OVMF leaves its
# last "BdsDxe: starting ..." line unterminated).
console() {
	[ -f "$RUN_DIR/console.log" ] || return 0
	tr -d '\r\000' < "$RUN_DIR/console.log" |
		sed -e 's/\x1b\[[0-9;=?]*[A-Za-z]//g' \
		    -e 's/\(.\)\(faultline: starting\)/\1\n\2/'
}

# faultline's own output: from its banner to its last summary line, inclusive.
faultline_output() {
	console | awk '/^faultline: starting/ { on = 1 }
		on { line[n++] = $0; if (/^faultline-summary: /) last = n }
		END { for (i = 0; i < last; i++) print line[i] }'
}

# summary KEY: its value in the last boot's summary line ("" if absent).
summary() {
	local word
	for word in $SUMMARY; do
		[ "${word%%=*}" = "$1" ] && { echo "${word#*=}"; return; }
	done
}

expect_status() {
	case $1 in
	nonzero) [ "$STATUS" -ne 0 ] || fail "the run exited 0; expected non-zero" ;;
	*) [ "$STATUS" -eq "$1" ] || fail "the run exited $STATUS; expected $1: $HARNESS" ;;
	esac
}

expect_summary_line() {
	[ -n "$SUMMARY" ] || fail "no faultline-summary line on the console: $HARNESS"
	# The summary is the last thing faultline prints.
	local last
	last=$(console | grep -v '^[[:space:]]*$' | tail -n 1)
	[ "$last" = "$SUMMARY" ] || fail "the summary is not faultline's last line (last: '$last')"
}

# expect_summary KEY VALUE
expect_summary() {
	expect_summary_line
	local v
	v=$(summary "$1")
	[ "$v" = "$2" ] || fail "summary $1='$v', expected '$2'"
}

# expect_summary_at_least KEY N
expect_summary_at_least() {
	expect_summary_line
	local v
	v=$(summary "$1")
	[[ $v =~ ^[0-9]+$ ]] || fail "summary has no numeric $1 (got '$v')"
	[ "$v" -ge "$2" ] || fail "summary $1=$v, expected at least $2"
}

# expect_console EXTENDED-REGEX WHAT: some console line matches.
# console_has EXTENDED-REGEX: does some console line match? grep reads to
# the end (no -q): under pipefail its early exit would SIGPIPE console on
# a log longer than a pipe buffer and count as no match.
console_has() {
	console | grep -a -E -- "$1" > /dev/null
}

expect_console() {
	console_has "$1" || fail "no console line $2 (/$1/)"
}

# No reboot: Bochs reset the machine once (power-on), and OVMF started an
# EFI application, and faultline its banner, exactly once.
expect_no_reboot() {
	local resets starts banners
	resets=$(grep -a -c 'bx_pc_system_c::Reset(' "$RUN_DIR/bochs.log" 2>/dev/null)
	starts=$(console | grep -a -c '^BdsDxe: starting')
	banners=$(console | grep -a -c '^faultline: starting')
	# trace=off: faultline.efi hands the boot to its twin, which starts
	# again (boot/efi_twin.c): one banner each, one boot.
	console_has '^faultline: trace=off: starting faultline-notrace.efi' &&
		! console_has '^faultline: faultline-notrace.efi did not start' &&
		banners=$((banners - 1))
	[ "$resets" = 1 ] || fail "Bochs reset the machine $resets times (bochs.log): the guest rebooted it"
	[ "$starts" = 1 ] || fail "OVMF started a boot option $starts times: the machine rebooted"
	[ "$banners" = 1 ] || fail "faultline started $banners times: the machine rebooted"
}

# need_linux: the Linux guest's parts (make linux) must be in the build.
need_linux() {
	local f
	for f in linux/vmlinuz linux/initramfs.cpio tools/mkbundle; do
		[ -e "$BUILD/$f" ] || fail "$BUILD/$f is missing: make linux did not run"
	done
}
