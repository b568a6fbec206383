#!/bin/sh
# Two injected lines, "[" and "{", in a mixed syslog stream must not make
# the lines after them disappear.  Whoever can put a line into the log
# (a forged syslog message, a newline in a logged field) writes a lone
# "[" (read as the start of a Google Cloud JSON array) and a lone "{" (an
# entry that may span lines); the netfilter lines that follow are whole
# lines of another format and are still read as events.
#
# hide.log: line 1 netfilter, 203.0.113.50 -> 192.0.2.10 port 1 at
# 10:06:00; line 2 "["; line 3 "{"; lines 4-13 the same source on ports
# 21..30 at 10:06:01..10.
# By hand: 11 events; one Port Scan of 11 ports, 11 attempts, 10:06:00 to
# 10:06:10 (10 s, 11 a minute).  The file is not a Google Cloud export,
# so no JSON record may span its lines: lines 2 and 3 are lines of no
# known format, both named in the summary.
. "$TESTDIR/cases/include/lib.sh"
f=hide.log
N='gw kernel: FW-DROP IN=eth0 OUT= PROTO=TCP SPT=40000 SRC=203.0.113.50 DST=192.0.2.10'
{
	printf '2026-03-01T10:06:00Z %s DPT=1\n' "$N"
	echo '['
	echo '{'
	for i in 1 2 3 4 5 6 7 8 9 10; do
		printf '2026-03-01T10:06:%02dZ %s DPT=%d\n' $i "$N" $((20 + i))
	done
} >"$T/$f"

run "$SCANSPOT" detect --output csv --tz UTC $f
expect_csv "the scan after the injected lines" <<'END'
2026-03-01T10:05:00Z,203.0.113.50,Port Scan,11,1,11,11,"[1,21,22,23,24,25,26,27,28,29,30]",10,2026-03-01T10:06:00.000Z,2026-03-01T10:06:10.000Z,Linux,netfilter
END
expect_rc 1 "detect"
expect_err_has "scanspot: 1 input, 13 lines, $(wc -c <"$T/$f") bytes, 11 events" \
    "first summary line"
expect_err_has "    no known format: 2 ($f:2, $f:3)" "lines 2 and 3 named"
finish
