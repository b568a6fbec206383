#!/bin/sh
# The checks of `make check`, in stages, ending with one line that sums
# them all: "N passed, N failed, N skipped".
#
#   1. tests/run.sh on the build in build/ (unit programs and case scripts)
#   2. tests/run.sh again on the ASan+UBSan build in ASAN_BUILD
#      (build-asan); the cases named in ASAN_SKIP_CASES are skipped there
#   3. every fuzz target of FUZZ_DIR (build/fuzz) briefly: its saved
#      regression inputs, then FUZZ_SMOKE_SECONDS (3) of fuzzing, in
#      FUZZ_SMOKE_JOBS (2) lanes side by side
#   4. tests/valgrind.sh: a subset under valgrind's memcheck
#
# The Makefile builds all three beforehand.  A stage whose build is
# missing counts as one skip.  Exits 1 when anything failed.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
asan="${ASAN_BUILD:-build-asan}"
fuzz="${FUZZ_DIR:-build/fuzz}"
# memory_cap_flood measures the resident size, which ASan multiplies; the
# network namespace test exercises the kernel, not our code
skip_asan="${ASAN_SKIP_CASES-e2e_netns memory_cap_flood}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0
summary=""

# stage NAME COMMAND...: runs a stage and adds up its closing line.
stage() {
	name=$1
	shift
	echo "== $name"
	start=$(date +%s)
	"$@" | tee "$tmp/out"
	last=$(tail -n 1 "$tmp/out")
	set -- $(echo "$last" | sed -n \
	    's/^\([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p')
	if [ $# -ne 3 ]; then
		set -- 0 1 0	# the stage ended without its count
	fi
	pass=$((pass + $1)) fail=$((fail + $2)) skip=$((skip + $3))
	summary="$summary$(printf '  %-24s %d passed, %d failed, %d skipped, %ds' \
	    "$name" "$1" "$2" "$3" $(($(date +%s) - start)))
"
}

stage "unit and cases" tests/run.sh

if [ -x "$asan/scanspot" ]; then
	export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
	export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
	stage "ASan+UBSan" env BUILD="$asan" SCANSPOT="$asan/scanspot" \
	    SKIP_CASES="$skip_asan" tests/run.sh
	unset ASAN_OPTIONS UBSAN_OPTIONS
else
	echo "== ASan+UBSan: $asan/scanspot not built"
	skip=$((skip + 1))
fi

# fuzz_smoke TARGET...: the targets split over the lanes; one count.
fuzz_smoke() {
	jobs=${FUZZ_SMOKE_JOBS:-2}
	fuzz/seed.sh "$fuzz/seeds" >/dev/null
	i=0
	for t in "$@"; do
		echo "$t" >>"$tmp/lane.$((i % jobs))"
		i=$((i + 1))
	done
	for lane in "$tmp"/lane.*; do
		# shellcheck disable=SC2046
		FUZZ_DIR="$fuzz" fuzz/run.sh smoke "${FUZZ_SMOKE_SECONDS:-3}" \
		    $(cat "$lane") >"$lane.out" 2>&1 &
	done
	wait
	p=0 f=0 s=0
	for lane in "$tmp"/lane.*.out; do
		sed '$d' "$lane"
		set -- $(tail -n 1 "$lane" | sed -n \
		    's/^\([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p')
		[ $# -eq 3 ] || set -- 0 1 0
		p=$((p + $1)) f=$((f + $2)) s=$((s + $3))
	done
	echo "$p passed, $f failed, $s skipped"
}

targets=${FUZZ_TARGETS:-}
if [ -z "$targets" ] && [ -d "$fuzz" ]; then
	targets=$(find "$fuzz" -maxdepth 1 -type f -perm -u+x -printf '%f\n' |
	    sort)
fi
if [ -n "$targets" ]; then
	# shellcheck disable=SC2086
	stage "fuzz smoke" fuzz_smoke $targets
else
	echo "== fuzz smoke: no targets in $fuzz"
	skip=$((skip + 1))
fi

stage valgrind tests/valgrind.sh

echo
echo "stages:"
printf '%s' "$summary"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
