#!/bin/sh
# Pitfall B017: year-less syslog times around New Year.  An offline file
# has no receive time; the first record takes the latest year that keeps
# it at or before the file's modification time, later records the year
# closest to the previous record (formats.md, Time).  mtime is
# 2025-01-01T00:00:02Z.
#
# By hand: "Dec 31 23:59:58" -> 2024-12-31T23:59:58Z (2025 would be after
# the mtime), bin 23:55; "Jan  1 00:00:00" -> 2025-01-01T00:00:00Z (2 s
# after the previous record, not a year before it), bin 00:00.  Two bins
# of one port each: with --min-ports 1 two Suspicious Probes, ordered by
# bin; with --min-ports 2 none (see B031).
. "$TESTDIR/cases/include/lib.sh"
f=pitfall_b017_new_year.log
stage $f 2025-01-01T00:00:02Z

events $f
expect_events "events" <<'END'
pitfall_b017_new_year.log|1|netfilter|2024-12-31T23:59:58.000Z|DROP|deny|203.0.113.12|192.0.2.2|50000|23|tcp|Linux|netfilter|gw01
pitfall_b017_new_year.log|2|netfilter|2025-01-01T00:00:00.000Z|DROP|deny|203.0.113.12|192.0.2.2|50001|2323|tcp|Linux|netfilter|gw01
END

detect --min-ports 1 $f
expect_csv "findings with --min-ports 1" <<'END'
2024-12-31T23:55:00Z,203.0.113.12,Suspicious Probe,1,1,1,1,"[23]",0,2024-12-31T23:59:58.000Z,2024-12-31T23:59:58.000Z,Linux,netfilter
2025-01-01T00:00:00Z,203.0.113.12,Suspicious Probe,1,1,1,1,"[2323]",0,2025-01-01T00:00:00.000Z,2025-01-01T00:00:00.000Z,Linux,netfilter
END

detect --min-ports 2 $f
expect_csv "findings with --min-ports 2" </dev/null
finish
