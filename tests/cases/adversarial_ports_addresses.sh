#!/bin/sh
# Ports and addresses out of range make the record malformed, counted by
# reason with file:line; they never become a port or an address that was
# not logged (docs/formats.md, "Rules common to every format": ports are
# decimal 0..65535, a larger or non-numeric value is malformed; an
# unreadable address is malformed).
#
# range.log, netfilter lines 1-11 from 203.0.113.80, CEF lines 12-16 from
# 203.0.113.81, all at 10:06:01 to 192.0.2.10 unless said:
#   1 DPT=65536              bad destination port
#   2 DPT=-1                 bad destination port
#   3 SRC=256.1.1.1          bad source address
#   4 SRC= 40 hex digits in ten groups (2001:db8:1111:...:8888)
#                            bad source address
#   5 SRC= a group of five hex digits (2001:0db8:00000:...)
#                            bad source address
#   6 SPT=65536              bad source port
#   7 DPT=65535              event, port 65535
#   8 DPT=99999999999999999999 (would wrap a 64-bit number)
#                            bad destination port
#   9 DPT=+22                bad destination port
#  10 DST=192.0.2.300        bad destination address
#  11 DPT=022                event, port 22 (decimal, leading zero)
#  12 dpt=65536              bad destination port
#  13 dpt=-1                 bad destination port
#  14 src=256.1.1.1          bad source address
#  15 src= the 40-digit IPv6 bad source address
#  16 dst=1.2.3              bad destination address
# By hand: 16 lines, 2 events; with --min-ports 2, one finding from
# 203.0.113.80: ports [22,65535], 2 attempts.
. "$TESTDIR/cases/include/lib.sh"
f=range.log
H='2026-03-01T10:06:01Z gw kernel: FW-DROP IN=eth0 OUT='
C='CEF:0|ExampleCo|EdgeFW|3.1|4001|Inbound deny|5|rt=2026-03-01T10:06:01Z act=deny'
V6=2001:db8:1111:2222:3333:4444:5555:6666:7777:8888
ok='SRC=203.0.113.80 DST=192.0.2.10 PROTO=TCP'
cat >"$T/$f" <<END
$H $ok SPT=40000 DPT=65536
$H $ok SPT=40000 DPT=-1
$H SRC=256.1.1.1 DST=192.0.2.10 PROTO=TCP SPT=40000 DPT=22
$H SRC=$V6 DST=2001:db8::10 PROTO=TCP SPT=40000 DPT=22
$H SRC=2001:0db8:00000:0000:0000:0000:0000:0001 DST=2001:db8::10 PROTO=TCP SPT=40000 DPT=22
$H $ok SPT=65536 DPT=22
$H $ok SPT=40000 DPT=65535
$H $ok SPT=40000 DPT=99999999999999999999
$H $ok SPT=40000 DPT=+22
$H SRC=203.0.113.80 DST=192.0.2.300 PROTO=TCP SPT=40000 DPT=22
$H $ok SPT=40000 DPT=022
$C src=203.0.113.81 dst=192.0.2.10 dpt=65536
$C src=203.0.113.81 dst=192.0.2.10 dpt=-1
$C src=256.1.1.1 dst=192.0.2.10 dpt=22
$C src=$V6 dst=192.0.2.10 dpt=22
$C src=203.0.113.81 dst=1.2.3 dpt=22
END

events $f
expect_events "the two lines in range" <<END
$f|7|netfilter|2026-03-01T10:06:01.000Z|DROP|deny|203.0.113.80|192.0.2.10|40000|65535|tcp|Linux|netfilter|gw
$f|11|netfilter|2026-03-01T10:06:01.000Z|DROP|deny|203.0.113.80|192.0.2.10|40000|22|tcp|Linux|netfilter|gw
END
expect_rc 0 "events"

run "$SCANSPOT" events --tz UTC $f
expect_err_has "scanspot: 1 input, 16 lines, $(wc -c <"$T/$f") bytes, 2 events" \
    "first summary line"
expect_err_has "    netfilter: bad destination port: 4 ($f:1, $f:2, $f:8, ...)" \
    "netfilter ports"
expect_err_has "    netfilter: bad source address: 3 ($f:3, $f:4, $f:5)" \
    "netfilter sources"
expect_err_has "    netfilter: bad source port: 1 ($f:6)" "netfilter source port"
expect_err_has "    netfilter: bad destination address: 1 ($f:10)" \
    "netfilter destination"
expect_err_has "    cef: bad destination port: 2 ($f:12, $f:13)" "cef ports"
expect_err_has "    cef: bad source address: 2 ($f:14, $f:15)" "cef sources"
expect_err_has "    cef: bad destination address: 1 ($f:16)" "cef destination"

detect --min-ports 2 $f
expect_csv "one finding" <<'END'
2026-03-01T10:05:00Z,203.0.113.80,Suspicious Probe,2,1,2,2,"[22,65535]",0,2026-03-01T10:06:01.000Z,2026-03-01T10:06:01.000Z,Linux,netfilter
END
expect_rc 1 "detect"
finish
