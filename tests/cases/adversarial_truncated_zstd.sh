#!/bin/sh
# A zstd file cut short: the lines decoded before the cut are read, the
# error names the file and the byte offset of the cut (also with -q), the
# other inputs are still read and reported, and the status is 3.
#
# cut.log.zst is two zstd frames: the first holds 12 lines (203.0.113.50
# probes ports 21..32 of 192.0.2.10, 10:06:01..12); the second a 4000-byte
# line of pseudo-random letters, then 12 more lines of that scan.  The file
# is cut 50 bytes into the second frame (its header and the start
# of its first block), so no line of it is whole: the partial line is not
# read.  other.log (plain) has 203.0.113.99 probing ports 1..10 of
# 192.0.2.20, 10:07:01..10.
# By hand: 1 input read to its end and 1 more that could not be, 22
# lines, 22 events (bytes: see adversarial_empty_inputs.sh); the error is
#   zstd data corrupt or truncated near byte <size of frame 1 + 50>
# and both scans are findings:
#   203.0.113.50  Port Scan, 12 ports, 12 attempts, 10:06:01-10:06:12, 11 s
#   203.0.113.99  Port Scan, 10 ports, 10 attempts, 10:07:01-10:07:10, 9 s
. "$TESTDIR/cases/include/lib.sh"
command -v zstd >/dev/null 2>&1 || { echo "zstd is not installed"; exit 77; }
N='gw kernel: FW-DROP IN=eth0 OUT= PROTO=TCP SPT=40000'
scan() {	# SRC DST MINUTE FIRST-PORT COUNT
	i=1
	while [ $i -le $5 ]; do
		printf '2026-03-01T10:%s:%02dZ %s SRC=%s DST=%s DPT=%d\n' \
		    $3 $i "$N" $1 $2 $(($4 + i - 1))
		i=$((i + 1))
	done
}
noise() {	# a line of N pseudo-random letters (Park-Miller generator)
	awk -v n=$1 'BEGIN {
		a = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		x = 42
		for (i = 0; i < n; i++) {
			x = (16807 * x) % 2147483647
			printf "%s", substr(a, x % 52 + 1, 1)
		}
		printf "\n"
	}'
}
scan 203.0.113.50 192.0.2.10 06 21 12 | zstd -q -c >"$T/frame1.zst"
{ noise 4000; scan 203.0.113.50 192.0.2.10 06 33 12; } | zstd -q -c \
    >"$T/frame2.zst"
m1=$(wc -c <"$T/frame1.zst")
cut=$((m1 + 50))
cat "$T/frame1.zst" "$T/frame2.zst" | head -c $cut >"$T/cut.log.zst"
scan 203.0.113.99 192.0.2.20 07 1 10 >"$T/other.log"
msg="cut.log.zst: zstd data corrupt or truncated near byte $cut: unexpected end of file"

events cut.log.zst
scan 203.0.113.50 192.0.2.10 06 21 12 |
    awk -v OFS='|' '{ sub(/Z$/, ".000Z", $1); sub(/DPT=/, "", $NF)
	print "cut.log.zst", NR, "netfilter", $1, "DROP", "deny",
	    "203.0.113.50", "192.0.2.10", 40000, $NF, "tcp", "Linux",
	    "netfilter", "gw" }' | expect_events "the lines before the cut"
expect_rc 3 "events"
expect_err_has "scanspot: $msg" "the error, with -q"

detect cut.log.zst other.log
expect_csv "both scans" <<'END'
2026-03-01T10:05:00Z,203.0.113.50,Port Scan,12,1,12,12,"[21,22,23,24,25,26,27,28,29,30,31,32]",11,2026-03-01T10:06:01.000Z,2026-03-01T10:06:12.000Z,Linux,netfilter
2026-03-01T10:05:00Z,203.0.113.99,Port Scan,10,1,10,10,"[1,2,3,4,5,6,7,8,9,10]",9,2026-03-01T10:07:01.000Z,2026-03-01T10:07:10.000Z,Linux,netfilter
END
expect_rc 3 "detect: status 3 wins over findings"
expect_err_has "scanspot: $msg" "the error, with -q"

run "$SCANSPOT" detect --output csv --tz UTC cut.log.zst other.log
expect_err_has "    input could not be read: 1 ($msg)" "the summary names it"
first=$(grep "^scanspot: [0-9]* input" "$T/err")
case $first in
"scanspot: 1 input (1 more could not be read), 22 lines, "*" bytes, 22 events") ;;
*) fail "first summary line: $first" ;;
esac
finish
