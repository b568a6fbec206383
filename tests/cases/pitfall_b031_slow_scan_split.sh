#!/bin/sh
# Pitfall B031: a scan split across a bin boundary is two groups, each
# judged on its own (detection.md section 6: the reference's behaviour, a
# known blind spot that this detection keeps).  203.0.113.140 probes
# 192.0.2.140 on ports 21, 22, 23, 25 between 10:03:10 and 10:04:59.500
# (bin 10:00) and on 80, 110, 143, 443 between 10:05:00 and 10:06:59
# (bin 10:05).
#
# By hand: with --min-ports 8 there is no finding: two bins of 4 ports,
# not one of 8.  With --min-ports 4 each bin is a Suspicious Probe of
# 4 ports, 1 host, 4 attempts: bin 10:00 M = 1 -> 4 per minute,
# 10:04:59 - 10:03:10 = 109 s; bin 10:05 M = 1 -> 4, 119 s.  With a
# 10-minute bin the eight attempts are one group of 8 ports in bin 10:00:
# M = 10:06 - 10:03 = 3 -> 8 / 3 = 2 per minute, 229 s.
. "$TESTDIR/cases/include/lib.sh"
f=pitfall_b031_slow_scan_split.log
stage $f

detect --min-ports 8 $f
expect_csv "split scan, --min-ports 8" </dev/null
expect_rc 0 "split scan, --min-ports 8"

detect --min-ports 4 $f
expect_csv "split scan, --min-ports 4" <<'END'
2024-03-03T10:00:00Z,203.0.113.140,Suspicious Probe,4,1,4,4,"[21,22,23,25]",109,2024-03-03T10:03:10.000Z,2024-03-03T10:04:59.500Z,Linux,netfilter
2024-03-03T10:05:00Z,203.0.113.140,Suspicious Probe,4,1,4,4,"[80,110,143,443]",119,2024-03-03T10:05:00.000Z,2024-03-03T10:06:59.000Z,Linux,netfilter
END

detect --min-ports 8 --bin 10m $f
expect_csv "one 10-minute bin, --min-ports 8" <<'END'
2024-03-03T10:00:00Z,203.0.113.140,Suspicious Probe,8,1,8,2,"[21,22,23,25,80,110,143,443]",229,2024-03-03T10:03:10.000Z,2024-03-03T10:06:59.000Z,Linux,netfilter
END
finish
