#!/bin/sh
# --since, --until, --last and --now select events by time
# (detection.md 2.4: since inclusive, until exclusive, --last keeps
# events newer than the reference less the duration).  Input: the worked
# example (netfilter form), twelve attempts from 10:06:01.250 to
# 10:07:59.900 on 2026-03-01; --min-ports 1 shows any remainder.
# By hand:
#   --since 10:07:00Z          ports 110-3389 (6), 10:07:07.125-10:07:59.900,
#                              M = 0 -> 6 per minute, 52 s;
#   --since 04:07:00-06:00     the same instant, the same row;
#   --until 10:07:00Z          ports 21-80 (6), 10:06:01.250-10:06:56,
#                              M = 0 -> 6, 55 s;
#   --since 10:06:30Z --until 10:07:30Z
#                              ports 25-143 (6), 10:06:34-10:07:29.500,
#                              M = 1 -> 6, 55 s;
#   --last 1m                  newer than 10:07:59.900 - 60 s = 10:06:59.900:
#                              the --since 10:07 row;
#   --now 10:09:00Z --last 150s
#                              newer than 10:06:30: ports 25-3389 (9),
#                              10:06:34-10:07:59.900, M = 1 -> 9, 85 s;
#   --now 10:20:00Z --last 5m  nothing.
. "$TESTDIR/cases/include/lib.sh"
f=worked_example.netfilter
stage $f
b=2026-03-01T10:05:00Z,203.0.113.50,Suspicious\ Probe
d=2026-03-01T
late="$b,6,1,6,6,\"[110,139,143,443,445,3389]\",52,${d}10:07:07.125Z,${d}10:07:59.900Z,Linux,netfilter"

detect --min-ports 1 --since ${d}10:07:00Z $f
echo "$late" | expect_csv "--since"
detect --min-ports 1 --since ${d}04:07:00-06:00 $f
echo "$late" | expect_csv "--since with an offset"
detect --min-ports 1 --until ${d}10:07:00Z $f
expect_csv "--until" <<END
$b,6,1,6,6,"[21,22,23,25,53,80]",55,${d}10:06:01.250Z,${d}10:06:56.000Z,Linux,netfilter
END
detect --min-ports 1 --since ${d}10:06:30Z --until ${d}10:07:30Z $f
expect_csv "--since and --until" <<END
$b,6,1,6,6,"[25,53,80,110,139,143]",55,${d}10:06:34.000Z,${d}10:07:29.500Z,Linux,netfilter
END
detect --min-ports 1 --last 1m $f
echo "$late" | expect_csv "--last 1m"
detect --min-ports 1 --now ${d}10:09:00Z --last 150s $f
expect_csv "--now and --last" <<END
$b,9,1,9,9,"[25,53,80,110,139,143,443,445,3389]",85,${d}10:06:34.000Z,${d}10:07:59.900Z,Linux,netfilter
END
detect --min-ports 1 --now ${d}10:20:00Z --last 5m $f
expect_csv "--now long after" </dev/null
expect_rc 0 "--now long after"
finish
