#!/bin/sh
# Pitfall B042: one port across many hosts is a sweep, judged per source
# over all destinations.  203.0.113.120 sends one SYN to port 445 of each
# of 192.0.2.1 ... 192.0.2.60, one every 3 seconds from 10:00:00 to
# 10:02:57 (60 iptables DROP lines with year-less syslog times; the
# file's mtime, 2024-03-03T12:00Z, gives the year).
#
# By hand: bin 10:00, ports 1, hosts 60, attempts 60: a finding (hosts
# >= 5 and attempts >= 30), IP Block Sweep (ports < 10, hosts >= 10);
# M = 10:02 - 10:00 = 2 -> 30 per minute; 177 s.
. "$TESTDIR/cases/include/lib.sh"
f=pitfall_b042_sweep_one_port.log
stage $f 2024-03-03T12:00:00Z

detect $f
expect_csv "sweep of port 445" <<'END'
2024-03-03T10:00:00Z,203.0.113.120,IP Block Sweep,1,60,60,30,"[445]",177,2024-03-03T10:00:00.000Z,2024-03-03T10:02:57.000Z,Linux,netfilter
END
expect_rc 1 "sweep of port 445"
finish
