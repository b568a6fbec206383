#!/bin/sh
# NUL bytes inside lines are bytes like any other: they neither end a line
# nor cut a field short.  A NUL inside a value that must be a number or an
# address makes the record malformed, counted with its reason.
#
# nul.log (\0 is a NUL byte), all from 203.0.113.50 to 192.0.2.10:
#   1 netfilter, prefix "FW-\0DROP"            DPT=21  -> event, action DROP
#   2 netfilter, MAC=00:00:5e\0:00:53:01        DPT=22  -> event
#   3 netfilter, DPT=2\03                              -> bad destination port
#   4 netfilter, SRC=203.0.113.50\0                     -> bad source address
#   5 64 NUL bytes and nothing else                     -> no known format
#   6 CEF, name "Inbound\0deny", dvchost=fw\0x   dpt=23 -> event, device fw\x00x
# By hand: 6 lines, 3 events; with --min-ports 3 one finding of ports
# 21, 22, 23 (Suspicious Probe), 10:06:01 to 10:06:03, vendor Linux.
. "$TESTDIR/cases/include/lib.sh"
f=nul.log
NF='gw kernel: FW-%bDROP IN=eth0 OUT= MAC=00:00:5e%b:00:53:01 SRC=203.0.113.50%b DST=192.0.2.10 PROTO=TCP SPT=40000 DPT=%b\n'
{
	printf "2026-03-01T10:06:01Z $NF" '\0' '' '' 21
	printf "2026-03-01T10:06:02Z $NF" '' '\0' '' 22
	printf "2026-03-01T10:06:03Z $NF" '' '' '' '2\00003'
	printf "2026-03-01T10:06:04Z $NF" '' '' '\0' 25
	head -c 64 /dev/zero
	echo
	printf 'CEF:0|ExampleCo|EdgeFW|3.1|4001|Inbound\0deny|5|rt=2026-03-01T10:06:03Z act=deny src=203.0.113.50 dst=192.0.2.10 spt=40000 dpt=23 proto=TCP dvchost=fw\0x\n'
} >"$T/$f"
bytes=$(wc -c <"$T/$f")

events $f
expect_events "the three lines that are events" <<END
$f|1|netfilter|2026-03-01T10:06:01.000Z|DROP|deny|203.0.113.50|192.0.2.10|40000|21|tcp|Linux|netfilter|gw
$f|2|netfilter|2026-03-01T10:06:02.000Z|DROP|deny|203.0.113.50|192.0.2.10|40000|22|tcp|Linux|netfilter|gw
$f|6|cef|2026-03-01T10:06:03.000Z|deny|deny|203.0.113.50|192.0.2.10|40000|23|tcp|ExampleCo|EdgeFW|fw\\x00x
END
expect_rc 0 "events"

run "$SCANSPOT" events --tz UTC $f
expect_err_has "scanspot: 1 input, 6 lines, $bytes bytes, 3 events" \
    "first summary line"
expect_err_has "    netfilter: bad destination port: 1 ($f:3)" "line 3"
expect_err_has "    netfilter: bad source address: 1 ($f:4)" "line 4"
expect_err_has "    no known format: 1 ($f:5)" "line 5"

detect --min-ports 3 $f
expect_csv "one finding" <<'END'
2026-03-01T10:05:00Z,203.0.113.50,Suspicious Probe,3,1,3,3,"[21,22,23]",2,2026-03-01T10:06:01.000Z,2026-03-01T10:06:03.000Z,Linux,netfilter
END
expect_rc 1 "detect"
finish
