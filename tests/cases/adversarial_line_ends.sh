#!/bin/sh
# Line ends: LF, CRLF and a lone CR all end a line, in any mix within one
# file; a CR is never part of a line's text.
#
# cr.log, CR only (an old Macintosh file): three netfilter lines, ports
# 21, 22, 23, at 10:06:01..03; the last CR ends the file.
# mixed.log, every kind of end in one file (the ends in brackets):
#   1 netfilter DPT=25 10:06:04      [CR]
#   2 netfilter DPT=53 10:06:05      [LF]
#   3 CEF dpt=80 10:06:06, its last key dvchost=fw01   [CRLF]
#   4 empty                          [CR]
#   5 empty                          [CRLF]
#   6 netfilter DPT=110 10:06:07     [LF]
#   7 empty                          [CR]  (LF then CR is two ends)
#   8 CEF dpt=139 10:06:08, dvchost=fw02  [CR, then CRLF]
#   9 empty                          [CRLF]
#  10 netfilter DPT=143 10:06:09     (no end at all)
# By hand: cr.log 3 lines, 3 events; mixed.log 10 lines, 6 events, 4
# blank lines; the CEF devices are fw01 and fw02 with no CR.  All nine
# events come from 203.0.113.50 to 192.0.2.10 in the bin 10:05, so with
# --min-ports 9 they are one finding: Suspicious Probe of 9 ports, 1 host,
# 9 attempts, 10:06:01 to 10:06:09 (8 s, 9 a minute); the vendor and
# product are those of the earliest event (netfilter, 10:06:01).
. "$TESTDIR/cases/include/lib.sh"
NF='kernel: FW-DROP IN=eth0 OUT= SRC=203.0.113.50 DST=192.0.2.10 PROTO=TCP SPT=40000'
CEF='CEF:0|ExampleCo|EdgeFW|3.1|4001|Inbound deny|5|act=deny src=203.0.113.50 dst=192.0.2.10 spt=40000 proto=TCP'
t=2026-03-01T10:06

printf '%s\r%s\r%s\r' "$t:01Z gw $NF DPT=21" "$t:02Z gw $NF DPT=22" \
    "$t:03Z gw $NF DPT=23" >"$T/cr.log"
printf '%s\r%s\n%s\r\n\r\r\n%s\n\r%s\r\r\n%s' \
    "$t:04Z gw $NF DPT=25" "$t:05Z gw $NF DPT=53" \
    "$CEF rt=$t:06Z dpt=80 dvchost=fw01" "$t:07Z gw $NF DPT=110" \
    "$CEF rt=$t:08Z dpt=139 dvchost=fw02" "$t:09Z gw $NF DPT=143" \
    >"$T/mixed.log"
bytes=$(($(wc -c <"$T/cr.log") + $(wc -c <"$T/mixed.log")))

events cr.log mixed.log
nf='netfilter|2026-03-01T10:06:%s.000Z|DROP|deny|203.0.113.50|192.0.2.10|40000|%s|tcp|Linux|netfilter|gw\n'
cef='cef|2026-03-01T10:06:%s.000Z|deny|deny|203.0.113.50|192.0.2.10|40000|%s|tcp|ExampleCo|EdgeFW|%s\n'
{
	printf "cr.log|1|$nf" 01 21
	printf "cr.log|2|$nf" 02 22
	printf "cr.log|3|$nf" 03 23
	printf "mixed.log|1|$nf" 04 25
	printf "mixed.log|2|$nf" 05 53
	printf "mixed.log|3|$cef" 06 80 fw01
	printf "mixed.log|6|$nf" 07 110
	printf "mixed.log|8|$cef" 08 139 fw02
	printf "mixed.log|10|$nf" 09 143
} | expect_events "every line and its number, whatever ends it"
expect_rc 0 "events"

run "$SCANSPOT" events --tz UTC cr.log mixed.log
expect_err_has "scanspot: 2 inputs, 13 lines, $bytes bytes, 9 events" \
    "first summary line"
expect_err_has "  events by format: cef 2, netfilter 7" "events by format"
expect_err_has "  blank lines: 4" "blank lines"

detect --min-ports 9 cr.log mixed.log
expect_csv "one finding of the nine events" <<'END'
2026-03-01T10:05:00Z,203.0.113.50,Suspicious Probe,9,1,9,9,"[21,22,23,25,53,80,110,139,143]",8,2026-03-01T10:06:01.000Z,2026-03-01T10:06:09.000Z,Linux,netfilter
END
expect_rc 1 "detect"
finish
