#!/bin/sh
# Pitfall B043: counts are per source across all destinations, not per
# (source, destination) pair.
#   198.51.100.77 -> 192.0.2.1 ... 192.0.2.20, port 22, one a second from
#                    10:00:00 to 10:00:19;
#   198.51.100.78 -> 192.0.2.200, ports 1 ... 200, one every 0.5 s from
#                    10:01:00.000 to 10:02:39.500.
#
# By hand: .77 has hosts 20, ports 1, attempts 20: with the default
# thresholds not a finding (attempts 20 < 30); with --min-attempts 20 an
# IP Block Sweep, M = 0 -> 20 per minute, 19 s.  .78 has hosts 1,
# ports 200, attempts 200: Aggressive Port Scan, M = 1 -> 200 per minute,
# 10:02:39 - 10:01:00 = 99 s, PortsTargeted the 50 lowest ports, 1-50.
# Rows by attempts: .78 (200) before .77 (20).
. "$TESTDIR/cases/include/lib.sh"
f=pitfall_b043_grouping_per_source.log
stage $f

detect $f
expect_csv "default thresholds" <<'END'
2024-03-03T10:00:00Z,198.51.100.78,Aggressive Port Scan,200,1,200,200,"[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50]",99,2024-03-03T10:01:00.000Z,2024-03-03T10:02:39.500Z,Linux,netfilter
END

detect --min-attempts 20 $f
expect_csv "--min-attempts 20" <<'END'
2024-03-03T10:00:00Z,198.51.100.78,Aggressive Port Scan,200,1,200,200,"[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50]",99,2024-03-03T10:01:00.000Z,2024-03-03T10:02:39.500Z,Linux,netfilter
2024-03-03T10:00:00Z,198.51.100.77,IP Block Sweep,1,20,20,20,"[22]",19,2024-03-03T10:00:00.000Z,2024-03-03T10:00:19.000Z,Linux,netfilter
END
finish
