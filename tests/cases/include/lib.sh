# lib.sh - shared by the case scripts of tests/cases (sourced, not run;
# kept out of tests/cases/*.sh so that tests/run.sh does not run it).
#
# Sets SCANSPOT, TESTDIR, DATA (tests/cases/data) and T (a temporary
# folder, removed on exit), then offers:
#
#   stage FILE [MTIME]   copy DATA/FILE into T with that modification time
#                        (the reference of year-less and missing times)
#   detect ARGS...       scanspot detect --output csv --tz UTC -q ARGS,
#                        run in T; output in T/out, stderr in T/err, exit
#                        status in RC
#   events ARGS...       the same with scanspot events
#   run CMD ARGS...      any command, run in T, same capture
#   expect_csv LABEL     compare T/out with the CSV header and the rows
#                        read from standard input
#   expect_events LABEL  compare T/out with the events header and the rows
#                        read from standard input, fields separated by |
#   expect_same A B LABEL   compare two files
#   expect_rc N LABEL    check RC
#   expect_err_has TEXT LABEL   check that T/err holds a line with TEXT
#   finish               exit 0 when every check passed, 1 otherwise
#
# A failed check prints a unified diff of what was expected and what came
# out, and the command's standard error.
set -u
TESTDIR=${TESTDIR:-$(cd "$(dirname "$0")/.." && pwd)}
SCANSPOT=${SCANSPOT:-$TESTDIR/../scanspot}
DATA=$TESTDIR/cases/data
[ -x "$SCANSPOT" ] || { echo "$SCANSPOT is not built"; exit 1; }
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM
STATUS=0
RC=0
LAST=""

CSV_HEADER='TimeGenerated,SourceIP,ScanType,UniqueDestPorts,UniqueDestIPs,'\
'TotalAttempts,AttemptsPerMinute,PortsTargeted,ScanDurationSeconds,'\
'FirstSeen,LastSeen,DeviceVendor,DeviceProduct'
EVENTS_HEADER='file|line|format|time|action|class|src|dst|sport|dport|'\
'proto|vendor|product|device'

stage() {
	cp "$DATA/$1" "$T/$1" || exit 1
	chmod u+w "$T/$1"
	[ $# -lt 2 ] || touch -d "$2" "$T/$1" || exit 1
}

run() {
	LAST="$*"
	(cd "$T" && "$@") >"$T/out" 2>"$T/err"
	RC=$?
}

detect() {
	run "$SCANSPOT" detect --output csv --tz UTC -q "$@"
}

events() {
	run "$SCANSPOT" events --tz UTC -q "$@"
}

fail() {
	echo "FAIL: $*"
	STATUS=1
}

show_diff() {	# want got label
	if ! diff -u "$1" "$2" >"$T/diff" 2>&1; then
		fail "$3"
		echo "  command: $LAST"
		head -n 60 "$T/diff"
		if [ -s "$T/err" ]; then
			echo "  standard error:"
			head -n 15 "$T/err"
		fi
	fi
}

expect_csv() {
	{ echo "$CSV_HEADER"; cat; } >"$T/want"
	show_diff "$T/want" "$T/out" "$1"
}

expect_events() {
	{ echo "$EVENTS_HEADER"; cat; } | tr '|' '\t' >"$T/want"
	show_diff "$T/want" "$T/out" "$1"
}

expect_same() {
	show_diff "$1" "$2" "$3"
}

expect_rc() {
	[ "$RC" -eq "$1" ] || fail "$2: exit status $RC, want $1 ($LAST)"
}

expect_err_has() {
	grep -F -- "$1" "$T/err" >/dev/null ||
	    { fail "$2: no \"$1\" in standard error"; head -n 20 "$T/err"; }
}

finish() {
	exit "$STATUS"
}
