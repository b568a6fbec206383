#!/bin/sh
# Parsing speed of every format, per byte, on the samples in
# bench/samples/NAME.log (NAME is the --format name), side by side with
# CEF.  Each parser runs alone on data in memory: see parse_bench.c.
#
#	make bench-parsers	(or: bench/parsers.sh [SECONDS])
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-2}
bin="$top/build/bench/parse_bench"
for s in "$top"/bench/samples/*.log; do
	"$bin" "$(basename "$s" .log)" "$s" "$secs"
done
