#!/bin/sh
# Runs a subset of scanspot under valgrind's memcheck: the program on the
# examples, a compressed file, a cut compressed file, a malformed file and
# a mixed directory, in each output format and with a state file, and a few
# unit test programs.  A run passes when memcheck reports no error and no
# definite, indirect or possible leak.
#
#   tests/valgrind.sh           (SCANSPOT and BUILD as for tests/run.sh)
#
# Prints a line per run and ends with "N passed, N failed, N skipped";
# everything counts as skipped when valgrind is not installed.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
scanspot="${SCANSPOT:-$top/scanspot}"
build="${BUILD:-$top/build}"
case $build in /*) ;; *) build="$top/$build" ;; esac
log="$build/test-log/valgrind"
data="$top/tests/cases/data"
mkdir -p "$log"
pass=0 fail=0 skip=0
failed=""
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

UNITS="test_syslog test_jsonscan test_cef test_csl test_addr test_time test_output"

vg() {	# vg NAME COMMAND...
	name=$1
	shift
	if [ -z "$have_vg" ]; then
		skip=$((skip + 1))
		printf '%-40s %s\n' "valgrind $name" "skipped: no valgrind"
		return
	fi
	valgrind -q --tool=memcheck --leak-check=full \
	    --show-leak-kinds=definite,indirect,possible \
	    --errors-for-leak-kinds=definite,indirect,possible \
	    --error-exitcode=99 "$@" >"$log/$name.out" 2>&1
	rc=$?
	# the program's own statuses (findings, input errors) are not failures
	if [ "$rc" -ne 99 ] && [ "$rc" -lt 128 ] &&
	    ! grep -q '^==[0-9]*==' "$log/$name.out"; then
		pass=$((pass + 1))
		printf '%-40s %s\n' "valgrind $name" ok
	else
		fail=$((fail + 1)) failed="$failed $name"
		printf '%-40s %s\n' "valgrind $name" "FAILED (status $rc)"
	fi
}

have_vg=$(command -v valgrind || true)

# inputs that are cut short or damaged
head -c 500 "$top/examples/kern.log.gz" >"$tmp/cut.log.gz"
mkdir -p "$tmp/mixed"
cp "$top/examples/edge-fw.cef.log" "$data/behaviour_summary_malformed.log" \
    "$data/fast_eve_mixed.log" "$data/panos_leef_checkpoint_mixed.log" \
    "$data/zeek_scan.log" "$tmp/mixed/"
printf 'CEF:0|x|y|1|2|n|5|src=999.1.1.1 dpt=70000\n\0\377\376garbage\r' \
    >"$tmp/mixed/garbage.log"

vg examples "$scanspot" detect --tz UTC -q "$top/examples/"
vg examples_json "$scanspot" detect --tz UTC -q --output json \
    "$top/examples/"
vg examples_csv "$scanspot" detect --tz UTC -q --output csv \
    --state "$tmp/state" "$top/examples/edge-fw.cef.log"
vg state_reread "$scanspot" detect --tz UTC -q --output csv \
    --state "$tmp/state" "$top/examples/edge-fw.cef.log"
vg gzip "$scanspot" detect --tz UTC "$top/examples/kern.log.gz"
vg cut_gzip "$scanspot" detect --tz UTC "$tmp/cut.log.gz"
vg malformed "$scanspot" detect --tz UTC \
    "$data/behaviour_summary_malformed.log"
vg mixed_dir "$scanspot" detect --tz UTC --threads 2 "$tmp/mixed"
vg events "$scanspot" events --tz UTC "$tmp/mixed"
vg missing_file "$scanspot" detect --tz UTC "$tmp/no such file"
vg bad_option "$scanspot" detect --min-ports x "$top/examples/"
for u in $UNITS; do
	if [ -x "$build/tests/$u" ]; then
		vg "$u" "$build/tests/$u"
	else
		skip=$((skip + 1))
		printf '%-40s %s\n' "valgrind $u" "skipped: not built"
	fi
done

if [ -n "$failed" ]; then
	echo
	echo "failed:$failed (output in $log)"
fi
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
