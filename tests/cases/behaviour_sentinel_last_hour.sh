#!/bin/sh
# The sentinel profile keeps only the last hour before --now, which
# defaults to the newest event.  CEF, act=Deny:
#   203.0.113.70 -> 192.0.2.70 ports 1-12, 08:30:00-08:30:11 (2026-03-01)
#   203.0.113.71 -> 192.0.2.70 ports 1-12, 09:30:00-09:30:11
#   203.0.113.72 -> 192.0.2.70 port 80 at 10:00:00, the newest event
# By hand: each scanner is a Port Scan of 12 ports, 1 host, 12 attempts,
# 12 per minute, 11 s.  Default profile (no period): both, ordered by
# bin.  Sentinel: the hour before 10:00:00 holds only .71.  Default with
# --last 1h: the same.  Sentinel with --now 12:00Z: nothing.
. "$TESTDIR/cases/include/lib.sh"
f=behaviour_sentinel_last_hour.log
stage $f
p='"[1,2,3,4,5,6,7,8,9,10,11,12]"'
a="2026-03-01T08:30:00Z,203.0.113.70,Port Scan,12,1,12,12,$p,11,2026-03-01T08:30:00.000Z,2026-03-01T08:30:11.000Z,ExampleCo,EdgeFW"
b="2026-03-01T09:30:00Z,203.0.113.71,Port Scan,12,1,12,12,$p,11,2026-03-01T09:30:00.000Z,2026-03-01T09:30:11.000Z,ExampleCo,EdgeFW"

detect $f
printf '%s\n' "$a" "$b" | expect_csv "default profile"
detect --profile sentinel $f
echo "$b" | expect_csv "sentinel profile"
detect --last 1h $f
echo "$b" | expect_csv "default profile, --last 1h"
detect --profile sentinel --now 2026-03-01T12:00:00Z $f
expect_csv "sentinel profile, --now 12:00" </dev/null
finish
