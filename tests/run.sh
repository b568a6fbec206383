#!/bin/sh
# Runs every test of scanspot and ends with one line "N passed, N failed".
#
#   unit programs   build/tests/test_*   (cmocka, TAP output, one count per
#                                          test case)
#   case scripts    tests/cases/*.sh     (one count per script; exit 0 pass,
#                                          77 skipped, anything else fail)
#
# Each case script runs with SCANSPOT pointing at the binary under test and
# TESTDIR at the tests folder.  For another build (the sanitized one of
# `make check`), set BUILD to its folder and SCANSPOT to its program;
# SKIP_CASES names case scripts (without .sh) to count as skipped.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
export SCANSPOT="${SCANSPOT:-$top/scanspot}" TESTDIR="$top/tests"
export SHARED="${SHARED:-$top/../shared}"
build="${BUILD:-$top/build}"
case $build in /*) ;; *) build="$top/$build" ;; esac
case $SCANSPOT in /*) ;; *) SCANSPOT="$top/$SCANSPOT" ;; esac
skip_cases=" ${SKIP_CASES:-} "
log="$build/test-log"
mkdir -p "$log"
pass=0 fail=0 skip=0
failed=""

for t in "$build"/tests/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	CMOCKA_MESSAGE_OUTPUT=TAP "$t" >"$log/$name.out" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$log/$name.out")
	s=$(grep -c '^not ok .*# SKIP' "$log/$name.out")
	f=$(($(grep -c '^not ok ' "$log/$name.out") - s))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && [ "$s" -eq 0 ]; then
		f=1	# crashed before reporting
	fi
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
	[ "$f" -eq 0 ] || failed="$failed $name"
	printf '%-40s %d passed, %d failed, %d skipped\n' "$name" "$p" "$f" "$s"
done

for t in "$top"/tests/cases/*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .sh)
	case $skip_cases in
	*" $name "*)
		echo "skipped by SKIP_CASES" >"$log/$name.out"
		rc=77 ;;
	*)
		sh "$t" >"$log/$name.out" 2>&1
		rc=$? ;;
	esac
	case $rc in
	0) pass=$((pass + 1)); r=ok ;;
	77) skip=$((skip + 1)); r="skipped: $(tail -n 1 "$log/$name.out")" ;;
	*) fail=$((fail + 1)); r=FAILED; failed="$failed $name" ;;
	esac
	printf '%-40s %s\n' "$name" "$r"
done

if [ -n "$failed" ]; then
	echo
	echo "failed:$failed (output in $log)"
fi
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
