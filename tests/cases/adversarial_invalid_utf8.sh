#!/bin/sh
# Invalid UTF-8 in log lines: bytes that are not UTF-8 are ordinary bytes
# to the parsers; in an address they make the record malformed.  In the
# findings the table writes each such byte \xHH, CSV carries it as is and
# JSON writes U+FFFD for each (scanspot(1), OUTPUT); events carries log
# text other than control characters as is.
#
# utf8.log, to 192.0.2.10, at 10:06:01..10:
#   lines 1-10  CEF from 203.0.113.30, ports 21..30, vendor "bad" ff c0 af
#               "utf" (a stray byte and an overlong "/"), product ed a0 80
#               (a surrogate), device f4 90 80 80 (past U+10FFFF)
#   line 11     netfilter, prefix "FW" ff "-DROP", 203.0.113.31 port 22:
#               an event, action DROP
#   line 12     netfilter, SRC=203.0.113.31 followed by c0: bad source
#               address
# By hand: 11 events; one Port Scan from 203.0.113.30 (10 ports, 9 s).
# The JSON vendor is "bad" + 3 x U+FFFD + "utf", the product 3 x U+FFFD.
. "$TESTDIR/cases/include/lib.sh"
f=utf8.log
V=$(printf 'bad\377\300\257utf') P=$(printf '\355\240\200') D=$(printf '\364\220\200\200')
for i in 1 2 3 4 5 6 7 8 9 10; do
	printf 'CEF:0|%s|%s|1.0|100|deny|5|rt=2026-03-01T10:06:%02dZ act=deny src=203.0.113.30 dst=192.0.2.10 dpt=%d dvchost=%s\n' \
	    "$V" "$P" $i $((20 + i)) "$D"
done >"$T/$f"
N='IN=eth0 OUT= SRC=203.0.113.31 DST=192.0.2.10 PROTO=TCP SPT=40000 DPT=22'
printf '2026-03-01T10:06:01Z gw kernel: FW\377-DROP %s\n' "$N" >>"$T/$f"
printf '2026-03-01T10:06:02Z gw kernel: FW-DROP %s\n' \
    "$(echo "$N" | sed 's/203\.0\.113\.31/&'"$(printf '\300')"'/')" >>"$T/$f"

events $f
expect_rc 0 "events"
awk -F '\t' 'NR == 2 || NR == 12 { print $2 "|" $5 "|" $7 "|" $10 "|" $12 "|" $13 "|" $14 }' \
    "$T/out" >"$T/got"
{
	printf '1|deny|203.0.113.30|21|%s|%s|%s\n' "$V" "$P" "$D"
	printf '11|DROP|203.0.113.31|22|Linux|netfilter|gw\n'
} >"$T/want"
expect_same "$T/want" "$T/got" "events: the bytes as logged"
[ "$(wc -l <"$T/out")" -eq 12 ] || fail "events: want 11 events"
run "$SCANSPOT" events --tz UTC $f
expect_err_has "    netfilter: bad source address: 1 ($f:12)" "line 12"

row='2026-03-01T10:05:00Z,203.0.113.30,Port Scan,10,1,10,10,"[21,22,23,24,25,26,27,28,29,30]",9,2026-03-01T10:06:01.000Z,2026-03-01T10:06:10.000Z'
detect $f
printf '%s,%s,%s\n' "$row" "$V" "$P" | expect_csv "csv: the bytes as logged"
expect_rc 1 "detect"

run "$SCANSPOT" detect --output jsonl --tz UTC -q $f
grep -F '"DeviceVendor":"bad\ufffd\ufffd\ufffdutf","DeviceProduct":"\ufffd\ufffd\ufffd"}' \
    "$T/out" >/dev/null || { fail "jsonl: U+FFFD for each byte"; cat -v "$T/out"; }
[ "$(LC_ALL=C tr -d '\n\040-\176' <"$T/out" | wc -c)" -eq 0 ] ||
    fail "jsonl: bytes outside printable ASCII"

run "$SCANSPOT" detect --output table --tz UTC -q $f
row=$(sed -n 2p "$T/out")
case $row in
*'  bad\xff\xc0\xafutf  \xed\xa0\x80') ;;
*) fail "table: each byte as \\xHH"; printf '%s\n' "$row" | cat -v ;;
esac
finish
