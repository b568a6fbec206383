#!/bin/sh
# A NUL byte inside the CEF vendor and product does not cut them short in
# the findings: the table writes it \x00 like any control character, CSV
# carries it as is ("the other forms carry every value exactly"), JSON
# writes \u0000 -- just as "events" shows the whole text.
#
# nul_vendor.log: 203.0.113.50 probes ports 21..30 of 192.0.2.10, one a
# second from 10:06:01, vendor "Ex\0ampleCo", product "Edge\0FW".
# By hand: one Port Scan (10 ports, 1 host, 10 attempts, 9 s, 10 a
# minute), vendor and product whole.
. "$TESTDIR/cases/include/lib.sh"
f=nul_vendor.log
for p in 21 22 23 24 25 26 27 28 29 30; do
	printf 'CEF:0|Ex\0ampleCo|Edge\0FW|3.1|4001|Inbound deny|5|rt=2026-03-01T10:06:%02dZ act=deny src=203.0.113.50 dst=192.0.2.10 dpt=%d\n' \
	    $((p - 20)) $p
done >"$T/$f"
row='2026-03-01T10:05:00Z,203.0.113.50,Port Scan,10,1,10,10,"[21,22,23,24,25,26,27,28,29,30]",9,2026-03-01T10:06:01.000Z,2026-03-01T10:06:10.000Z'

events $f
cut -f 12-13 "$T/out" | sed -n 2p >"$T/got"
printf 'Ex\\x00ampleCo\tEdge\\x00FW\n' >"$T/want"
expect_same "$T/want" "$T/got" "events: the whole vendor and product"

detect $f
{ echo "$CSV_HEADER"; printf '%s,Ex\0ampleCo,Edge\0FW\n' "$row"; } |
    cat -v >"$T/want"
cat -v "$T/out" >"$T/got"
expect_same "$T/want" "$T/got" "csv: the whole vendor and product (cat -v)"
expect_rc 1 "detect"

detect --output jsonl $f
grep -F '"DeviceVendor":"Ex\u0000ampleCo","DeviceProduct":"Edge\u0000FW"}' \
    "$T/out" >/dev/null || { fail "jsonl: vendor and product"; cat "$T/out"; }

detect --output table $f
sed -n 2p "$T/out" >"$T/got"
case $(cat "$T/got") in
*'  Ex\x00ampleCo  Edge\x00FW') ;;
*) fail "table: vendor and product"; cat "$T/got" ;;
esac
finish
