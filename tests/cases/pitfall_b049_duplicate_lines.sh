#!/bin/sh
# Pitfall B049: the same log line read twice (two readers of one log).
# Lines 1 and 2 are identical (IP ID 4711); line 3 differs only in the IP
# ID (4712), so it is another packet.  203.0.113.90 -> 192.0.2.128:161/udp
# at 10:00:22.
#
# By hand, with --min-ports 1: without --dedup 3 attempts; with --dedup
# line 2 is a duplicate: 2 attempts.  Ports and hosts stay 1 either way.
. "$TESTDIR/cases/include/lib.sh"
f=pitfall_b049_duplicate_lines.log
stage $f

detect --min-ports 1 $f
expect_csv "without --dedup" <<'END'
2024-03-03T10:00:00Z,203.0.113.90,Suspicious Probe,1,1,3,3,"[161]",0,2024-03-03T10:00:22.000Z,2024-03-03T10:00:22.000Z,Linux,netfilter
END

detect --dedup --min-ports 1 $f
expect_csv "with --dedup" <<'END'
2024-03-03T10:00:00Z,203.0.113.90,Suspicious Probe,1,1,2,2,"[161]",0,2024-03-03T10:00:22.000Z,2024-03-03T10:00:22.000Z,Linux,netfilter
END
finish
