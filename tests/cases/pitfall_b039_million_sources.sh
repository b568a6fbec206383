#!/bin/sh
# Pitfall B039: a million distinct (spoofed) sources, one denied packet
# each, read from standard input ("-").  awk writes netfilter lines from
# 2001:db8:1:X::Y (X = i / 65536, Y = i mod 65536, i < 1000000) to
# [2001:db8:ffff::1]:22, all in 10:00-10:04 (bin 10:00).
#
# By hand, run 1: 1,000,000 events, every source 1 port, 1 host,
# 1 attempt: no finding, exit 0, and the summary counts 1000000 events.
# Run 2 hides three scanners in the same stream (77 more lines):
#   203.0.113.66   -> 192.0.2.66 ports 1-25, at 10:01:00-10:01:24:
#                     Aggressive Port Scan, 25 ports, 25 attempts,
#                     25 per minute, 24 s;
#   198.51.100.66  -> 192.0.2.67 ports 1001-1012, at 10:02:10-10:02:21:
#                     Port Scan, 12 ports, 12 attempts, 12 per minute, 11 s;
#   2001:db8:66::1 -> 2001:db8:ffff::100 ... ::127 (40 hosts) port 445, at
#                     10:03:00-10:03:39: IP Block Sweep, 40 hosts,
#                     40 attempts, 40 per minute, 39 s;
# rows ordered by attempts (40, 25, 12); 1000077 events.
. "$TESTDIR/cases/include/lib.sh"

spoofed() {	# $1: 1 to hide the scanners
	awk -v scanners="$1" '
	function nf(t, src, dst, dpt) {
		printf "2024-03-03T10:%sZ fw01 kernel: FW-DROP IN=eth0 OUT= " \
		    "SRC=%s DST=%s LEN=60 PROTO=TCP SPT=40000 DPT=%d SYN\n",
		    t, src, dst, dpt
	}
	BEGIN {
		for (i = 0; i < 1000000; i++) {
			nf(sprintf("%02d:%02d.000", int(i / 200000),
			    int(i / 4000) % 50),
			    sprintf("2001:db8:1:%x::%x", int(i / 65536),
			    i % 65536), "2001:db8:ffff::1", 22)
			if (!scanners)
				continue
			if (i % 20000 == 7 && (j = int(i / 20000)) < 25)
				nf(sprintf("01:%02d.000", j), "203.0.113.66",
				    "192.0.2.66", j + 1)
			if (i % 30000 == 11 && (j = int(i / 30000)) < 12)
				nf(sprintf("02:%02d.000", 10 + j),
				    "198.51.100.66", "192.0.2.67", 1001 + j)
			if (i % 10000 == 13 && (j = int(i / 10000)) < 40)
				nf(sprintf("03:%02d.000", j), "2001:db8:66::1",
				    sprintf("2001:db8:ffff::%d", 100 + j), 445)
		}
	}'
}

piped() {	# $1 as for spoofed; the stream goes through a pipe
	LAST="awk ... | scanspot detect --output csv --tz UTC -"
	spoofed "$1" | "$SCANSPOT" detect --output csv --tz UTC - \
	    >"$T/out" 2>"$T/err"
	RC=$?
}

piped 0
expect_csv "one packet from each of 1,000,000 sources" </dev/null
expect_rc 0 "one packet from each of 1,000,000 sources"
expect_err_has ", 1000000 events" "summary"

piped 1
expect_csv "three scanners among 1,000,000 sources" <<'END'
2024-03-03T10:00:00Z,2001:db8:66::1,IP Block Sweep,1,40,40,40,"[445]",39,2024-03-03T10:03:00.000Z,2024-03-03T10:03:39.000Z,Linux,netfilter
2024-03-03T10:00:00Z,203.0.113.66,Aggressive Port Scan,25,1,25,25,"[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25]",24,2024-03-03T10:01:00.000Z,2024-03-03T10:01:24.000Z,Linux,netfilter
2024-03-03T10:00:00Z,198.51.100.66,Port Scan,12,1,12,12,"[1001,1002,1003,1004,1005,1006,1007,1008,1009,1010,1011,1012]",11,2024-03-03T10:02:10.000Z,2024-03-03T10:02:21.000Z,Linux,netfilter
END
expect_rc 1 "three scanners"
expect_err_has ", 1000077 events" "summary with the scanners"
finish
