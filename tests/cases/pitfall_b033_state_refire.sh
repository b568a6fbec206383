#!/bin/sh
# Pitfall B033: re-reading the same events must not report the same
# (source, bin) again.  --state FILE remembers what was reported.
#   run 1: the worked example (netfilter form): its row, exit 1;
#   run 2: the same input: no row, exit 0;
#   run 3: the same input plus ten more attempts of 203.0.113.50 to
#          192.0.2.10, ports 1000-1009, 10:11:00-10:11:09 (bin 10:10):
#          only the new bin's row.
# By hand, the new row: Port Scan, 10 ports, 1 host, 10 attempts, M = 0
# -> 10 per minute, 9 s.
. "$TESTDIR/cases/include/lib.sh"
stage worked_example.netfilter
stage pitfall_b033_next_bin.log

ports='"[21,22,23,25,53,80,110,139,143,443,445,3389]"'
detect --state state worked_example.netfilter
expect_csv "run 1" <<END
2026-03-01T10:05:00Z,203.0.113.50,Port Scan,12,1,12,12,$ports,118,2026-03-01T10:06:01.250Z,2026-03-01T10:07:59.900Z,Linux,netfilter
END
expect_rc 1 "run 1"
[ -s "$T/state" ] || fail "run 1 wrote no state file"

detect --state state worked_example.netfilter
expect_csv "run 2, same input" </dev/null
expect_rc 0 "run 2"

detect --state state worked_example.netfilter pitfall_b033_next_bin.log
expect_csv "run 3, one more bin" <<'END'
2026-03-01T10:10:00Z,203.0.113.50,Port Scan,10,1,10,10,"[1000,1001,1002,1003,1004,1005,1006,1007,1008,1009]",9,2026-03-01T10:11:00.000Z,2026-03-01T10:11:09.000Z,Linux,netfilter
END
expect_rc 1 "run 3"
finish
