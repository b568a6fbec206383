#!/bin/sh
# A directory argument is read recursively, compressed files included:
#   logs/behaviour_order_part1.csv           worked example, ports 21-80
#   logs/sub/deeper/behaviour_order_part2.log worked example, 110-3389
#   logs/sub/pitfall_b036_ports.log.gz        B036's port sources
# By hand: the worked example's row (two parts, vendor of the CSV part's
# 10:06:01.250 event) and B036's 11- and 10-port rows, in that order.
. "$TESTDIR/cases/include/lib.sh"
mkdir -p "$T/logs/sub/deeper"
cp "$DATA/behaviour_order_part1.csv" "$T/logs/"
cp "$DATA/behaviour_order_part2.log" "$T/logs/sub/deeper/"
gzip -c "$DATA/pitfall_b036_ports.log" >"$T/logs/sub/pitfall_b036_ports.log.gz"

detect logs
expect_csv "directory logs" <<'END'
2026-03-01T10:05:00Z,203.0.113.50,Port Scan,12,1,12,12,"[21,22,23,25,53,80,110,139,143,443,445,3389]",118,2026-03-01T10:06:01.250Z,2026-03-01T10:07:59.900Z,ExampleCo,EdgeFW
2024-03-03T10:00:00Z,203.0.113.11,Port Scan,11,1,11,11,"[1001,1002,1003,1004,1005,1006,1007,1008,1009,1010,1011]",10,2024-03-03T10:00:01.000Z,2024-03-03T10:00:11.000Z,Linux,netfilter
2024-03-03T10:00:00Z,203.0.113.10,Port Scan,10,1,10,10,"[1001,1002,1003,1004,1005,1006,1007,1008,1009,1010]",9,2024-03-03T10:00:01.000Z,2024-03-03T10:00:10.000Z,Linux,netfilter
END
expect_rc 1 "directory logs"
finish
