#!/bin/sh
# Large plain files are read in pieces by several threads (--piece-size,
# -j).  A piece read apart does not know the record before it; wherever a
# result needs that record, the piece must be read again after the part
# before it, so that every result is the one of reading the file whole.
# Here the pieces are made as small as a line (-j 64 --piece-size 1 cuts
# a file into up to 256 pieces), so that every kind of dependence falls at
# the start of some piece.  The expected values are worked out by hand.
. "$TESTDIR/cases/include/lib.sh"
SHARED=${SHARED:-$TESTDIR/../../shared}
PIECES="-j 64 --piece-size 1"

# 1. Year-less syslog times over fourteen months, January to the
# February after next, in a file last written 2026-02-20.  Read whole:
# the first line, "Jan  1", takes the latest year that keeps it before
# the file's time, 2026; every later line takes the year closest to the
# line before it, so the dates run on to 2026-12-01, 2027-01-01 and
# 2027-02-01.  (A piece starting at "Jun  1" without the line before it
# would read 2025-06-01.)  Each month has a port scan of 12 ports from
# 198.51.100.M, M the month's place in the file (1 to 14).
m=0
for mon in Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec Jan Feb; do
	m=$((m + 1))
	p=0
	while [ $p -lt 12 ]; do
		p=$((p + 1))
		printf '%s  1 10:00:%02d gw kernel: DROP IN=eth0 OUT= ' $mon $p
		printf 'SRC=198.51.100.%d DST=192.0.2.1 LEN=44 PROTO=TCP ' $m
		printf 'SPT=40000 DPT=%d SYN\n' $((1000 + p))
	done
done >"$T/yearless.log"
touch -d 2026-02-20T00:00:00Z "$T/yearless.log"
detect $PIECES yearless.log
cut -d, -f1,2,4 "$T/out" | sort >"$T/got"
{
	echo "TimeGenerated,SourceIP,UniqueDestPorts"
	m=0
	for ym in 2026-01 2026-02 2026-03 2026-04 2026-05 2026-06 2026-07 \
	    2026-08 2026-09 2026-10 2026-11 2026-12 2027-01 2027-02; do
		m=$((m + 1))
		echo "$ym-01T10:00:00Z,198.51.100.$m,12"
	done
} | sort >"$T/want"
show_diff "$T/want" "$T/got" "year-less times read in pieces"
cp "$T/out" "$T/pieces.csv"
detect -j 1 yearless.log
expect_same "$T/out" "$T/pieces.csv" "year-less: pieces and one thread"

# 2. CEF records without any time of their own are dated by the record
# before them.  One timed record (rt 2026-03-01T10:00:00Z, port 1) and
# 199 untimed ones (ports 2 to 200), all from 203.0.113.7: all 200 events
# fall in the 10:00 bin, one finding of 200 ports.  (A piece starting
# with an untimed record would date it by the file's time, 2026-06-01.)
{
	printf 'CEF:0|V|P|1|1|n|5|rt=1772359200000 act=deny src=203.0.113.7 '
	printf 'dst=192.0.2.1 dpt=1 proto=TCP\n'
	p=1
	while [ $p -lt 200 ]; do
		p=$((p + 1))
		printf 'CEF:0|V|P|1|1|n|5|act=deny src=203.0.113.7 '
		printf 'dst=192.0.2.1 dpt=%d proto=TCP\n' $p
	done
} >"$T/untimed.log"
touch -d 2026-06-01T00:00:00Z "$T/untimed.log"
detect $PIECES untimed.log
cut -d, -f1,2,4,6 "$T/out" >"$T/got"
printf '%s\n' "TimeGenerated,SourceIP,UniqueDestPorts,TotalAttempts" \
    "2026-03-01T10:00:00Z,203.0.113.7,200,200" >"$T/want"
show_diff "$T/want" "$T/got" "untimed records read in pieces"

# 3. The hour repeated when daylight saving ends, Europe/Berlin,
# 2025-10-26: 03:00 CEST became 02:00 CET.  Times without an offset:
# 01:50 and 02:50 (first pass, CEST: 23:50Z and 00:50Z) from
# 198.51.100.9, then 100 records at 02:10 from 203.0.113.44, ports 1 to
# 100.  Coming after 02:50 CEST, 02:10 is the repeat, CET: 01:10Z (as
# CEST it would be 00:10Z, 40 minutes before the record before it).  One
# finding, bin 01:10Z, 100 ports.  (A piece starting in the block has no
# record before it and would take CEST.)
{
	for t in 01:50 02:50; do
		printf 'CEF:0|V|P|1|1|n|5|rt=2025-10-26T%s:00 act=deny ' $t
		printf 'src=198.51.100.9 dst=192.0.2.1 dpt=22 proto=TCP\n'
	done
	p=0
	while [ $p -lt 100 ]; do
		p=$((p + 1))
		printf 'CEF:0|V|P|1|1|n|5|rt=2025-10-26T02:10:00 act=deny '
		printf 'src=203.0.113.44 dst=192.0.2.1 dpt=%d proto=TCP\n' $p
	done
} >"$T/dst.log"
run "$SCANSPOT" detect --output csv -q --tz Europe/Berlin $PIECES dst.log
cut -d, -f1,2,4 "$T/out" >"$T/got"
printf '%s\n' "TimeGenerated,SourceIP,UniqueDestPorts" \
    "2025-10-26T01:10:00Z,203.0.113.44,100" >"$T/want"
show_diff "$T/want" "$T/got" "fall-back hour read in pieces"

# 4. The summary names damaged lines by their place in the whole file:
# 600 timed CEF records with lines 17, 303 and 598 cut short.
awk 'BEGIN {
	for (i = 1; i <= 600; i++)
		if (i == 17 || i == 303 || i == 598)
			print "CEF:0|V|P|cut short"
		else
			printf "CEF:0|V|P|1|1|n|5|rt=%d act=deny " \
			    "src=198.51.100.%d dst=192.0.2.1 dpt=%d\n",
			    1772359200000 + i, i % 200 + 1, i
}' >"$T/damaged.log"
run "$SCANSPOT" detect --output csv --tz UTC $PIECES damaged.log
cp "$T/err" "$T/pieces.err"
expect_err_has "(damaged.log:17, damaged.log:303, damaged.log:598)" \
    "damaged lines named by their line in the file"
expect_err_has "600 lines" "every line counted once"
run "$SCANSPOT" detect --output csv --tz UTC -j 1 damaged.log
expect_same "$T/err" "$T/pieces.err" "summary: pieces and one thread"

# 5. A stream that changes format from line to line: each piece starts
# with the file's first format, which is right only where the line
# before it was of that format too.  Findings and summary as one thread.
for f in iptables/psad_syn_scan_1000_1500.log cef/crowdsec_unifi_cef-logs.log \
    cisco_asa/elastic_test-repeat-deny.log panos/beats_panos_traffic.log \
    iptables/crowdsec_iptables-logs.log; do
	cat "$SHARED/corpus/$f" || exit 1
done >"$T/mixed.log"
touch -d 2025-12-31T00:00:00Z "$T/mixed.log"
run "$SCANSPOT" detect --output csv --tz UTC $PIECES mixed.log
cp "$T/out" "$T/pieces.csv"
cp "$T/err" "$T/pieces.err"
run "$SCANSPOT" detect --output csv --tz UTC -j 1 mixed.log
expect_same "$T/out" "$T/pieces.csv" "mixed stream: findings"
expect_same "$T/err" "$T/pieces.err" "mixed stream: summary"
[ -s "$T/pieces.csv" ] || fail "mixed stream: no findings at all"

# 6. A line two formats can read: an ASA message inside a netfilter log
# prefix.  The format of the line before it is tried first.  The file
# starts with 40 ASA lines from 198.51.100.78 (its head shows ASA), then 5
# netfilter lines from 198.51.100.77, then 12 such double lines: ASA says
# 198.51.100.1 to port 80, netfilter says 203.0.113.5 to ports 101 to
# 112.  Read whole, after netfilter lines, the 12 are netfilter: one port
# scan, 203.0.113.5, 12 ports.  (A piece that starts at one of them
# tries ASA first.)  The other lines, one port each, make no finding.
# Times carry their year and zone, so no piece depends on the one
# before it for its times.
{
	p=0
	while [ $p -lt 40 ]; do
		p=$((p + 1))
		printf '2026-03-01T10:00:1%d+00:00 gw ' $((p % 10))
		printf '%%ASA-4-106023: Deny tcp src '
		printf 'outside:198.51.100.78/4000 dst inside:192.0.2.1/22 '
		printf 'by access-group "x"\n'
	done
	for p in 1 2 3 4 5; do
		printf '2026-03-01T10:00:0%d+00:00 gw kernel: ' $p
		printf 'DROP IN=eth0 OUT= '
		printf 'SRC=198.51.100.77 DST=192.0.2.9 LEN=44 PROTO=TCP '
		printf 'SPT=1 DPT=22\n'
	done
	p=100
	while [ $p -lt 112 ]; do
		p=$((p + 1))
		printf '2026-03-01T10:00:20+00:00 gw kernel: '
		printf '%%ASA-4-106023: Deny tcp '
		printf 'src outside:198.51.100.1/4000 dst inside:192.0.2.1/80 '
		printf 'by access-group "x" IN=eth0 OUT= SRC=203.0.113.5 '
		printf 'DST=192.0.2.9 LEN=44 PROTO=TCP SPT=1 DPT=%d\n' $p
	done
} >"$T/double.log"
touch -d 2026-03-02T00:00:00Z "$T/double.log"
detect $PIECES double.log
cut -d, -f1,2,4 "$T/out" >"$T/got"
printf '%s\n' "TimeGenerated,SourceIP,UniqueDestPorts" \
    "2026-03-01T10:00:00Z,203.0.113.5,12" >"$T/want"
show_diff "$T/want" "$T/got" "lines two formats read, in pieces"

# 7. A pretty-printed JSON array spans lines: a piece that starts inside
# an entry is read again after the piece that opened it.  Summary as one
# thread (one wrapper entry, not a firewall log entry, and no line left
# unread).
cp "$SHARED/corpus/cloud_flow/elastic_gcp_test-firewall-event.json" \
    "$T/gcp.json" || exit 1
run "$SCANSPOT" detect --output csv --tz UTC $PIECES gcp.json
cp "$T/err" "$T/pieces.err"
expect_err_has "gcp-firewall: not a firewall log entry: 1 (gcp.json:1)" \
    "JSON over many lines"
run "$SCANSPOT" detect --output csv --tz UTC -j 1 gcp.json
expect_same "$T/err" "$T/pieces.err" "JSON over many lines: summary"

# 8. A CommonSecurityLog CSV export is read in pieces too: each piece
# starts from the state the file's header leaves.  300 rows from
# 203.0.113.9 to ports 1 to 300 of 192.0.2.1, at 10:00:00 to 10:04:59;
# rows 101 to 110 have a product of two lines (a quoted line break), and
# after row 150 a second header swaps the address columns (the rows after
# it follow it).  Read whole, all 300 are one source: one finding, 300
# ports, 300 attempts, and every line read.  (A piece starting after the
# second header with the first header's columns would take 192.0.2.1 for
# the source; one starting inside a quoted line break would cut a row.)
awk 'BEGIN {
	print "TimeGenerated,DeviceAction,SourceIP,DestinationIP," \
	    "DestinationPort,DeviceVendor,DeviceProduct"
	for (i = 1; i <= 300; i++) {
		if (i == 151)
			print "TimeGenerated,DeviceAction,DestinationIP," \
			    "SourceIP,DestinationPort,DeviceVendor,DeviceProduct"
		t = sprintf("2026-03-01T10:%02d:%02dZ", int((i - 1) / 60),
		    (i - 1) % 60)
		prod = i > 100 && i <= 110 ? "\"Edge\nFW\"" : "EdgeFW"
		a = i <= 150 ? "203.0.113.9,192.0.2.1" : "192.0.2.1,203.0.113.9"
		printf "%s,deny,%s,%d,ExampleCo,%s\n", t, a, i, prod
	}
}' >"$T/export.csv"
run "$SCANSPOT" detect --output csv --tz UTC $PIECES export.csv
cut -d, -f1,2,4,6 "$T/out" >"$T/got"
printf '%s\n' "TimeGenerated,SourceIP,UniqueDestPorts,TotalAttempts" \
    "2026-03-01T10:00:00Z,203.0.113.9,300,300" >"$T/want"
show_diff "$T/want" "$T/got" "CSV export read in pieces"
expect_err_has "312 lines" "CSV export: every line read"
expect_err_has "events by format: csl 300" "CSV export: every row an event"
cp "$T/err" "$T/pieces.err"
run "$SCANSPOT" detect --output csv --tz UTC -j 1 export.csv
expect_same "$T/err" "$T/pieces.err" "CSV export: summary"

# 9. A record still open where a piece ends keeps the line it began on in
# its format's state; the summary must name that line of the whole file.
# A Google Cloud export of 400 one-line entries ending in an entry cut
# short (line 401), and a CSV export of a header, 300 rows and a row
# whose quote never closes (line 302).
gcp='{"jsonPayload":{"connection":{"src_ip":"203.0.113.9","dest_ip":"10.0.0.1","dest_port":22,"protocol":6},"disposition":"DENIED","rule_details":{"direction":"INGRESS"}},"timestamp":"2026-03-01T10:00:00Z"}'
awk -v e="$gcp" 'BEGIN { for (i = 0; i < 400; i++) print e; print "{" }' \
    >"$T/cut.json"
run "$SCANSPOT" detect --output csv --tz UTC $PIECES cut.json
expect_err_has "record cut short at end of input: 1 (cut.json:401)" \
    "a JSON entry cut short at the end, read in pieces"
awk 'BEGIN {
	print "TimeGenerated,DeviceAction,SourceIP,DestinationIP," \
	    "DestinationPort,DeviceVendor,DeviceProduct"
	for (i = 1; i <= 300; i++)
		printf "2026-03-01T10:00:00Z,deny,203.0.113.9,192.0.2.1,%d," \
		    "ExampleCo,EdgeFW\n", i
	print "2026-03-01T10:00:00Z,deny,203.0.113.9,192.0.2.1,1,\"V open,P"
}' >"$T/open.csv"
run "$SCANSPOT" detect --output csv --tz UTC $PIECES open.csv
expect_err_has "unbalanced quote: 1 (open.csv:302)" \
    "a CSV quote left open at the end, read in pieces"

# 10. Lord Howe Island's clocks go back half an hour at 02:00 on
# 2025-04-06, so the hour 01:00 has no single offset and a piece whose
# last record falls in it ends with no offset cached.  The part after it
# must then go on as one thread would, without the cache of the part
# before that piece.  The first line is padded to 300 bytes so that the
# pieces of 211 bytes start at lines 2 and 4; the October times are half a
# year from the April record before them.
{
	printf '<134>Mar  1 10:00:00 fw CEF:0|V|P|1|1|n|5|rt=2025-03-01T10:00:00 cs1=%s act=deny src=203.0.113.9 dst=192.0.2.1 dpt=1 proto=TCP\n' \
	    "$(printf '%0175d' 0)"
	printf '<134>Apr  5 12:00:00 fw CEF:0|V|P|1|1|n|5|rt=2025-04-05T12:00:00 act=deny src=203.0.113.9 dst=192.0.2.1 dpt=2 proto=TCP\n'
	printf '<134>Apr  6 01:45:00 fw CEF:0|V|P|1|1|n|5|act=deny src=203.0.113.9 dst=192.0.2.1 dpt=3 proto=TCP\n'
	for p in 1 2 3 4 5 6 7 8 9 10 11 12; do
		printf '<134>Oct  5 08:00:%02d fw CEF:0|V|P|1|1|n|5|act=deny src=203.0.113.7 dst=192.0.2.1 dpt=%d proto=TCP\n' $p $p
	done
} >"$T/howe.log"
touch -d 2025-12-01T00:00:00Z "$T/howe.log"
run "$SCANSPOT" detect --output csv --tz Australia/Lord_Howe -q -j 1 howe.log
cp "$T/out" "$T/whole.csv"
grep -q '^2024-10-04T21:30:00Z,203.0.113.7,Port Scan,12,' "$T/whole.csv" ||
    fail "half-hour zone: one thread's finding"
run "$SCANSPOT" detect --output csv --tz Australia/Lord_Howe -q -j 2 \
    --piece-size 211 howe.log
expect_same "$T/out" "$T/whole.csv" "half-hour zone: pieces and one thread"

# 11. Under a memory cap a piece holds only its share, and a scan whose
# events are spread thinly over the file is a group of one event in each
# piece, the kind the cap evicts first: the file must then be read again
# whole, where the scan's group grows and is kept.  180,000 events in one
# bin from 60,000 sources seen three times each, and 203.0.113.7 probing
# ports 1 to 12, one every 15,000 lines: one Port Scan of 12 ports.
awk 'BEGIN {
	for (r = 0; r < 3; r++)
		for (s = 0; s < 60000; s++) {
			printf "CEF:0|V|P|1|1|n|5|rt=1772359200000 act=deny " \
			    "src=198.%d.%d.1 dst=192.0.2.1 dpt=22\n",
			    int(s / 250) + 1, s % 250
			if (s % 15000 == 0)
				printf "CEF:0|V|P|1|1|n|5|rt=1772359200000 " \
				    "act=deny src=203.0.113.7 dst=192.0.2.1 " \
				    "dpt=%d\n", ++p
		}
}' >"$T/thin.log"
detect --max-memory 16M -j 2 --piece-size 1M thin.log
expect_rc 1 "thin scan under the cap, in pieces"
cut -d, -f2,3,4 "$T/out" >"$T/got"
printf '%s\n' "SourceIP,ScanType,UniqueDestPorts" \
    "203.0.113.7,Port Scan,12" >"$T/want"
show_diff "$T/want" "$T/got" "thin scan under the cap, in pieces"

# The file read again whole gets what the cap leaves, not only the
# pieces' shares: one thread keeps 100,000 one-event sources between the
# scanner's first port and its nine others under 16M without reaching
# the cap, and so must two.  One Port Scan of 10 ports, summary alike.
awk 'BEGIN {
	e = "CEF:0|V|P|1|1|n|5|rt=1772359200000 act=deny "
	printf "%ssrc=203.0.113.7 dst=192.0.2.1 dpt=1\n", e
	for (s = 0; s < 100000; s++)
		printf "%ssrc=10%d.%d.%d.1 dst=192.0.2.1 dpt=22\n", e,
		    int(s / 62500) + 1, int(s / 250) % 250 + 1, s % 250
	for (p = 2; p <= 10; p++)
		printf "%ssrc=203.0.113.7 dst=192.0.2.1 dpt=%d\n", e, p
}' >"$T/wide.log"
run "$SCANSPOT" detect --output csv --tz UTC --max-memory 16M -j 1 wide.log
cp "$T/out" "$T/whole.csv"
cp "$T/err" "$T/whole.err"
cut -d, -f2,3,4 "$T/whole.csv" >"$T/got"
printf '%s\n' "SourceIP,ScanType,UniqueDestPorts" \
    "203.0.113.7,Port Scan,10" >"$T/want"
show_diff "$T/want" "$T/got" "wide file under the cap, one thread"
run "$SCANSPOT" detect --output csv --tz UTC --max-memory 16M -j 2 \
    --piece-size 1M wide.log
expect_same "$T/out" "$T/whole.csv" "wide file under the cap, in pieces"
expect_same "$T/err" "$T/whole.err" "wide file under the cap: summary"
finish
