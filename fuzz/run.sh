#!/bin/sh
# Runs built fuzz targets: first the saved inputs of fuzz/regressions/NAME
# once each, then the fuzzer itself for a while from the seed corpora.
#
#   fuzz/run.sh run SECONDS NAME...     the long run of `make fuzz`
#   fuzz/run.sh smoke SECONDS NAME...   the brief run of `make check`
#
# FUZZ_DIR is the folder of the targets (default build/fuzz).  A run keeps
# what the fuzzer finds in FUZZ_DIR/corpus/NAME and FUZZ_DIR/crashes; a
# smoke run keeps only crashes.  Prints a line per step and ends with
# "N passed, N failed, N skipped"; exits 1 if anything failed.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
fdir="${FUZZ_DIR:-$top/build/fuzz}"
case $fdir in /*) ;; *) fdir="$top/$fdir" ;; esac
mode=${1:?mode}
secs=${2:?seconds}
shift 2
log="$fdir/log"
crashes="$fdir/crashes"
mkdir -p "$log" "$crashes"
[ -d "$fdir/seeds" ] || "$top/fuzz/seed.sh" "$fdir/seeds" >/dev/null
pass=0 fail=0 skip=0
failed=""

case $mode in
run) timeout=10 ;;
smoke) timeout=5 ;;
*) echo "usage: $0 run|smoke SECONDS NAME..." >&2; exit 2 ;;
esac
opts="-max_len=65536 -timeout=$timeout -rss_limit_mb=2048"

count() {	# count NAME STEP STATUS
	if [ "$3" -eq 0 ]; then
		pass=$((pass + 1)) r=ok
	else
		fail=$((fail + 1)) r="FAILED (see $log/$1.$2)"
		failed="$failed $1.$2"
	fi
	printf '%-40s %s\n' "fuzz $1 $2" "$r"
}

# Replays every saved input of a target once.
replay() {
	reg="$top/fuzz/regressions/$1"
	set -- "$1" "$reg"/*
	[ -f "$2" ] || return 0
	name=$1
	shift
	"$fdir/$name" $opts "$@" >"$log/$name.regressions" 2>&1
	count "$name" regressions $?
}

# Fuzzes a target for secs seconds from its seeds.
explore() {
	name=$1
	if [ "$mode" = run ]; then
		out="$fdir/corpus/$name"
	else
		out="$fdir/smoke/$name"
		rm -rf "$out"
	fi
	mkdir -p "$out"
	set -- "$out"
	for d in "$fdir/seeds/$name" "$top/fuzz/corpus/$name"; do
		[ -d "$d" ] && set -- "$@" "$d"
	done
	"$fdir/$name" $opts -max_total_time="$secs" \
	    -artifact_prefix="$crashes/$name-" "$@" >"$log/$name.$mode" 2>&1
	count "$name" "$mode" $?
	[ "$mode" = run ] || rm -rf "$out"
}

for name in "$@"; do
	if [ ! -x "$fdir/$name" ]; then
		skip=$((skip + 1))
		printf '%-40s %s\n' "fuzz $name" "skipped: not built"
		continue
	fi
	replay "$name"
	explore "$name"
done

if [ -n "$failed" ]; then
	echo
	echo "failed:$failed (inputs that crashed in $crashes)"
fi
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
