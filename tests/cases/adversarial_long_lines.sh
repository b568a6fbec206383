#!/bin/sh
# Lines of 1 MiB and longer, up to and over the 64 MiB line limit.  A line
# longer than 64 MiB (67108864 bytes, its line end not included) is
# skipped and counted as "line longer than 64 MiB" with its file:line, and
# the line after it is read; a line of exactly 64 MiB is read, whatever
# ends it (LF, CRLF or a lone CR).
#
# long.log, every line from 203.0.113.50 to 192.0.2.10, the padding an
# unknown key PAD=xxx... at the end of a netfilter line:
#   1  1 MiB exactly, LF            DPT=21   10:06:01  read
#   2  64 MiB exactly, LF           DPT=22   10:06:02  read
#   3  64 MiB + 1, LF               DPT=23   10:06:03  too long
#   4  short, LF                    DPT=25   10:06:04  read
#   5  64 MiB exactly, CRLF         DPT=53   10:06:05  read
#   6  64 MiB exactly, lone CR      DPT=80   10:06:06  read
#   7  short, LF                    DPT=110  10:06:07  read
#   8  128 MiB + 5, CRLF            DPT=139  10:06:08  too long
#   9  short, LF                    DPT=143  10:06:09  read
#  10  64 MiB + 1, no line end      DPT=443  10:06:10  too long
# By hand: 10 lines, 7 events (ports 21 22 25 53 80 110 143), lines 3, 8
# and 10 counted as too long.  With --min-ports 7 the seven attempts in the
# bin 10:05 are one finding: Suspicious Probe, 7 ports, 1 host, 7
# attempts, FirstSeen 10:06:01, LastSeen 10:06:09, duration 8 s, M = 0 so
# 7 per minute.  Exit status 1 (findings, every input read).
. "$TESTDIR/cases/include/lib.sh"
f=long.log
MIB=1048576
MAX=$((64 * MIB))
HEAD='fw01 kernel: FW-DROP IN=eth0 OUT= SRC=203.0.113.50 DST=192.0.2.10 PROTO=TCP SPT=40000'
total=0

line() {	# SECOND PORT SIZE END: a line of SIZE bytes before END
	p="2026-03-01T10:06:$1Z $HEAD DPT=$2 PAD="
	printf '%s' "$p"
	head -c $(($3 - ${#p})) /dev/zero | tr '\0' x
	printf "$4"
	total=$((total + $3 + ${#4} / 2))
}

short() {	# SECOND PORT
	p="2026-03-01T10:06:$1Z $HEAD DPT=$2"
	printf '%s\n' "$p"
	total=$((total + ${#p} + 1))
}

{
	line 01 21 $MIB '\n'
	line 02 22 $MAX '\n'
	line 03 23 $((MAX + 1)) '\n'
	short 04 25
	line 05 53 $MAX '\r\n'
	line 06 80 $MAX '\r'
	short 07 110
	line 08 139 $((2 * MAX + 5)) '\r\n'
	short 09 143
	line 10 443 $((MAX + 1)) ''
	echo "$total" >"$T/total"
} >"$T/$f" || { echo "cannot write $T/$f"; exit 1; }
total=$(cat "$T/total")
[ "$(wc -c <"$T/$f")" -eq "$total" ] || fail "fixture is not $total bytes"

run "$SCANSPOT" events --tz UTC $f
cut -f 1-11 "$T/out" >"$T/got"
printf '%s\n' 'file	line	format	time	action	class	src	dst	sport	dport	proto' \
    >"$T/want"
for x in 1:01:21 2:02:22 4:04:25 5:05:53 6:06:80 7:07:110 9:09:143; do
	IFS=: read -r n s p <<-END
	$x
	END
	printf '%s\t%s\tnetfilter\t2026-03-01T10:06:%s.000Z\tDROP\tdeny\t' \
	    $f $n $s
	printf '203.0.113.50\t192.0.2.10\t40000\t%s\ttcp\n' $p
done >>"$T/want"
expect_same "$T/want" "$T/got" "events of the lines within the limit"
expect_rc 0 "events"
expect_err_has "scanspot: 1 input, 10 lines, $total bytes, 7 events" \
    "first summary line"
expect_err_has "    line longer than 64 MiB: 3 ($f:3, $f:8, $f:10)" \
    "the three overlong lines by file:line"

detect --min-ports 7 $f
expect_csv "one finding of the seven readable lines" <<'END'
2026-03-01T10:05:00Z,203.0.113.50,Suspicious Probe,7,1,7,7,"[21,22,25,53,80,110,143]",8,2026-03-01T10:06:01.000Z,2026-03-01T10:06:09.000Z,Linux,netfilter
END
expect_rc 1 "detect"
finish
