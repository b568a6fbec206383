#!/bin/sh
# --output jsonl and json are valid JSON (python3 -m json.tool) and carry
# the same values as --output csv: every JSON row, written back as a CSV
# row (PortsTargeted as "[a,b]"), gives the CSV output, which itself is
# the hand-worked expectation of behaviour_file_order_threads.sh.
# Input: the worked example's CSV part and B043's sources.
. "$TESTDIR/cases/include/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "python3 is missing"; exit 77; }
stage behaviour_order_part1.csv
stage behaviour_order_part2.log
stage pitfall_b043_grouping_per_source.log
set -- behaviour_order_part1.csv behaviour_order_part2.log \
    pitfall_b043_grouping_per_source.log

p50=$(seq -s, 1 50)
detect "$@"
expect_csv "csv" <<END
2024-03-03T10:00:00Z,198.51.100.78,Aggressive Port Scan,200,1,200,200,"[$p50]",99,2024-03-03T10:01:00.000Z,2024-03-03T10:02:39.500Z,Linux,netfilter
2026-03-01T10:05:00Z,203.0.113.50,Port Scan,12,1,12,12,"[21,22,23,25,53,80,110,139,143,443,445,3389]",118,2026-03-01T10:06:01.250Z,2026-03-01T10:07:59.900Z,ExampleCo,EdgeFW
END
cp "$T/out" "$T/csv"

tocsv='
import json, sys
cols = sys.argv[2].split(",")
text = open(sys.argv[1]).read()
rows = (json.loads(text) if sys.argv[3] == "json"
        else [json.loads(l) for l in text.splitlines()])
print(",".join(cols))
for r in rows:
    if list(r) != cols:
        print("keys out of order: %s" % list(r))
    out = []
    for c in cols:
        v = r[c]
        if c == "PortsTargeted":
            v = "\"[" + ",".join(str(p) for p in v) + "]\""
        out.append(str(v))
    print(",".join(out))
'
for fmt in jsonl json; do
	run "$SCANSPOT" detect --output $fmt --tz UTC -q "$@"
	cp "$T/out" "$T/$fmt"
	if [ $fmt = jsonl ]; then
		jl=--json-lines
	else
		jl=
	fi
	# shellcheck disable=SC2086
	python3 -m json.tool $jl "$T/$fmt" >/dev/null 2>"$T/err" ||
	    { fail "$fmt is not valid JSON"; cat "$T/err"; }
	python3 -c "$tocsv" "$T/$fmt" "$CSV_HEADER" $fmt >"$T/back" 2>&1
	expect_same "$T/csv" "$T/back" "$fmt rows as CSV"
done
finish
