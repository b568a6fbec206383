#!/bin/bash
# Measures scanspot side by side with DuckDB, psad and the machine's own
# limits, on the same generated files in the same run, checks every tool's
# findings against the expected ones and prints one table.
#
#	bench/run.sh [SIZE...]		(default 1e6; e.g. bench/run.sh 1e5 1e6 1e7)
#
# Per SIZE (events): bench/generate.py writes bench/results/data/SIZE/
# (cef.log, netfilter.log, csl.csv, the expected findings; kept between
# runs, remade when generate.py changes).  Then, each file read into the
# page cache right before each tool's runs on it: scanspot detect at -j1 and -j2 on each form; DuckDB running the
# reference query as SQL over the CSV and over the raw CEF and netfilter
# lines; psad --Analyze-msgs on the first PSAD_LINES (50000) lines of the
# netfilter file, extended to the end of their bin (psad reads a few
# thousand lines a second); `cat FILE >/dev/null`; and bench/probe.c, a
# memchr line count with memmem for the source key.  Runs under 10 s are
# repeated REPEAT (3) times and the fastest kept; peak resident memory is
# /usr/bin/time's %M, the largest seen.
#
# Installs what is missing: the npm package @duckdb/node-api into
# bench/node_modules, and the Debian packages psad, python3-matplotlib and
# time (as root, or through sudo).  Writes bench/results/SIZE.tsv,
# bench/results/table.md and docs/performance-throughput.png.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bench=$top/bench
res=$bench/results
PSAD_LINES=${PSAD_LINES:-50000}
REPEAT=${REPEAT:-3}
DUCKDB_VERSION=1.5.6-r.1
[ $# -gt 0 ] || set -- 1e6

say() { printf '%s\n' "$*" >&2; }

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"
	elif command -v sudo >/dev/null; then sudo "$@"
	else return 1
	fi
}

apt_install() {
	[ -n "${apt_updated:-}" ] || as_root apt-get update -qq || return 1
	apt_updated=1
	as_root env DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq "$@" >/dev/null
}

deps() {
	[ -x /usr/bin/time ] || apt_install time ||
	    { say "run.sh: /usr/bin/time is needed"; exit 2; }
	# The plot uses Debian's python3 (another python3 may come first in
	# PATH) and its matplotlib.
	/usr/bin/python3 -c 'import matplotlib' 2>/dev/null ||
	    apt_install python3-matplotlib || say "run.sh: no matplotlib"
	if ! command -v psad >/dev/null && ! [ -x /usr/sbin/psad ]; then
		apt_install psad ||
		    psad_why="the Debian package psad could not be installed"
	fi
	if ! [ -d "$bench/node_modules/@duckdb/node-api" ]; then
		(npm install --prefix "$bench" --no-save --no-audit --no-fund \
		    "@duckdb/node-api@$DUCKDB_VERSION" >/dev/null) ||
		    duckdb_why="npm could not install @duckdb/node-api"
	fi
	make -C "$top" -s >/dev/null || { say "run.sh: make failed"; exit 2; }
	mkdir -p "$top/build/bench"
	# The binary under test is a copy: a rebuild during the run cannot
	# change it.
	cp "$top/scanspot" "$top/build/bench/scanspot" || exit 2
	cc -O2 -Wall -Wextra -o "$top/build/bench/probe" "$bench/probe.c" ||
	    exit 2
}

# timed OUT ERR CMD...: runs CMD with stdout to OUT and stderr to ERR;
# sets secs (wall time) and rss (KiB) and rc.
timed() {
	local out=$1 err=$2 tf t0 t1
	shift 2
	tf=$(mktemp)
	t0=$(date +%s%N)
	/usr/bin/time -f %M -o "$tf" "$@" >"$out" 2>"$err"
	rc=$?
	t1=$(date +%s%N)
	secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
	rss=$(tail -n 1 "$tf")
	rm -f "$tf"
}

# best OUT ERR CMD...: timed, repeated while quick; keeps the fastest time
# and the largest memory of the runs that ended with status 0 or 1 (scanspot
# says 1 when it found something); rc is 0 when one did.
best() {
	local i bs=0 br=0 ok=0
	for ((i = 0; i < REPEAT; i++)); do
		timed "$@"
		if [ "$rc" = 0 ] || [ "$rc" = 1 ]; then
			if [ $ok = 0 ] || awk -v a="$bs" -v b="$secs" \
			    'BEGIN { exit !(b + 0 < a + 0) }'; then
				bs=$secs
			fi
			ok=1
			[ "$rss" -gt "$br" ] && br=$rss
		fi
		awk -v s="$secs" 'BEGIN { exit !(s + 0 < 10) }' || break
	done
	secs=$bs rss=$br rc=$((ok ? 0 : 2))
}

# row TOOL INPUT EVENTS BYTES CHECK: one line of the results file.
row() {
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$1" "$2" "$3" \
	    "$4" "$secs" "$rss" "$5" "$keys" >>"$tsv"
	say "  $1 on $2: ${secs}s, ${rss} KiB, $5"
}

# warm FILE: reads FILE into the page cache right before a tool's runs on
# it.  On a machine whose cache does not keep every input (a virtual one
# may drop pages between runs), a tool run after others would otherwise
# read from disk where the one before read from memory.
warm() {
	cat "$1" >/dev/null
}

# same FILE EXPECTED: the check column of an exact comparison.
same() {
	if cmp -s "$1" "$2"; then
		echo "exact ($(($(wc -l <"$2") - 1)) findings)"
	else
		echo "DIFFERS: $(diff "$1" "$2" | grep -c '^[<>]') lines"
	fi
}

expected_for() {
	[ "$1" = netfilter ] && echo expected-netfilter.csv ||
	    echo expected.csv
}

run_size() {
	local d out f kind events bytes lines cut
	size=$(python3 -c "print(int(float('$1')))")
	d=$res/data/$size
	out=$d/out
	tsv=$res/$size.tsv
	if ! [ -f "$d/meta.json" ] || [ "$bench/generate.py" -nt "$d/meta.json" ]
	then
		say "generating $size events in $d"
		rm -rf "$d"
		python3 "$bench/generate.py" "$size" "$d" || exit 2
	fi
	mkdir -p "$out"
	keys=$(python3 -c "import json; print(json.load(open('$d/meta.json'))
	    ['source_bin_keys'])")
	printf 'size\ttool\tinput\tevents\tbytes\tseconds\trss_kb\tcheck\tkeys\n' \
	    >"$tsv"
	say "measuring $size events"

	for kind in cef netfilter csl; do
		f=$d/$kind.log
		[ $kind = csl ] && f=$d/csl.csv
		bytes=$(stat -c %s "$f")
		for j in 1 2; do
			warm "$f"
			best "$out/scanspot-j$j-$kind.csv" "$out/scanspot.err" \
			    "$top/build/bench/scanspot" detect -q -o csv -j $j "$f"
			if [ "$rc" != 0 ]; then
				row "scanspot -j$j" $kind "$size" "$bytes" \
				    "failed: $(tail -n 1 "$out/scanspot.err")"
				continue
			fi
			row "scanspot -j$j" $kind "$size" "$bytes" \
			    "$(same "$out/scanspot-j$j-$kind.csv" \
			    "$d/$(expected_for $kind)")"
		done
	done

	for kind in csl cef netfilter; do
		f=$d/$kind.log
		[ $kind = csl ] && f=$d/csl.csv
		bytes=$(stat -c %s "$f")
		if [ -n "${duckdb_why:-}" ]; then
			secs=0 rss=0
			row duckdb $kind "$size" "$bytes" "not run: $duckdb_why"
			continue
		fi
		warm "$f"
		best "$out/duckdb-$kind.out" "$out/duckdb-$kind.err" \
		    node "$bench/duckdb.mjs" $kind "$f" "$out/duckdb-$kind.csv"
		if [ "$rc" != 0 ]; then
			row duckdb $kind "$size" "$bytes" "failed: $(tail -n 1 \
			    "$out/duckdb-$kind.err")"
		else
			row duckdb $kind "$size" "$bytes" "$(same \
			    "$out/duckdb-$kind.csv" "$d/$(expected_for $kind)")"
		fi
	done

	run_psad "$d" "$out"

	for kind in cef netfilter csl; do
		f=$d/$kind.log
		[ $kind = csl ] && f=$d/csl.csv
		bytes=$(stat -c %s "$f")
		lines=$(wc -l <"$f")
		warm "$f"
		best /dev/null "$out/cat.err" cat "$f"
		row cat $kind "$lines" "$bytes" "-"
		case $kind in
		cef) needle=src= ;;
		netfilter) needle=SRC= ;;
		csl) needle=, ;;
		esac
		warm "$f"
		best "$out/probe-$kind.out" "$out/probe.err" \
		    "$top/build/bench/probe" "$f" "$needle"
		row probe $kind "$lines" "$bytes" "$(awk '{ print $1, "lines" }' \
		    "$out/probe-$kind.out")"
	done
}

run_psad() {
	local d=$1 out=$2 cut lines bytes conf
	if [ -z "${psad_why:-}" ] && [ "$(id -u)" != 0 ]; then
		psad_why="psad must run as root (it reads /etc/psad and writes /var/log/psad)"
	fi
	if [ -n "${psad_why:-}" ]; then
		secs=0 rss=0
		row psad netfilter 0 0 "not run: $psad_why"
		return
	fi
	cut=$(python3 "$bench/report.py" psad-prefix "$d/netfilter.log" \
	    "$PSAD_LINES" "$out/psad-input.log")
	lines=$(wc -l <"$out/psad-input.log")
	bytes=$(stat -c %s "$out/psad-input.log")
	# Every source psad rates, at any danger level, in the report.
	conf=$out/psad.conf
	sed -e 's/^STATUS_IP_THRESHOLD .*/STATUS_IP_THRESHOLD 0;/' \
	    -e 's/^TOP_IP_LOG_THRESHOLD .*/TOP_IP_LOG_THRESHOLD 0;/' \
	    /etc/psad/psad.conf >"$conf"
	timed "$out/psad.out" "$out/psad.err" \
	    psad -c "$conf" --Analyze-msgs -m "$out/psad-input.log"
	if [ "$rc" != 0 ]; then
		row psad netfilter "$lines" "$bytes" "failed: $(tail -n 1 \
		    "$out/psad.err")"
		return
	fi
	row psad netfilter "$lines" "$bytes" "first $lines lines: $(python3 \
	    "$bench/report.py" psad-check "$out/psad.out" \
	    "$d/expected-netfilter.csv" "$cut")"
}

deps
for s in "$@"; do
	run_size "$s"
done
{
	echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo |
	    cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {
	    printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) of memory;" \
	    "warm page cache."
	python3 "$bench/report.py" table "$res" "$@"
} | tee "$res/table.md"
/usr/bin/python3 "$bench/report.py" plot "$res" "$top/docs/performance-throughput.png" ||
    say "run.sh: no plot (matplotlib missing)"
