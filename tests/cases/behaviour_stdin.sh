#!/bin/sh
# "-" reads standard input, whose format is detected like a file's.
#   1. the worked example's CEF lines on standard input: its row;
#   2. its CommonSecurityLog CSV on standard input: the same row;
#   3. the first six attempts (CSV) on standard input and the last six
#      (netfilter) from a file: one row, the worked example's, with the
#      vendor of the earliest event (ExampleCo, EdgeFW).
. "$TESTDIR/cases/include/lib.sh"
row='2026-03-01T10:05:00Z,203.0.113.50,Port Scan,12,1,12,12,"[21,22,23,25,53,80,110,139,143,443,445,3389]",118,2026-03-01T10:06:01.250Z,2026-03-01T10:07:59.900Z,ExampleCo,EdgeFW'
stage behaviour_order_part2.log

for f in worked_example.cef worked_example.csv; do
	detect - <"$DATA/$f"
	echo "$row" | expect_csv "$f on standard input"
	expect_rc 1 "$f on standard input"
done

detect - behaviour_order_part2.log <"$DATA/behaviour_order_part1.csv"
echo "$row" | expect_csv "standard input and a file"
finish
