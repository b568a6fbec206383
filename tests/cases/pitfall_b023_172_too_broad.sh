#!/bin/sh
# Pitfall B023: "private" must not mean all of 172.*.  One denied attempt
# to 192.0.2.15:445 from each boundary of 172.16.0.0/12 and from the
# pitfall's 172.32.0.9.
#
# By hand, default profile (by mask): 172.15.255.255 external,
# 172.16.0.0 internal, 172.31.255.255 internal, 172.32.0.0 external,
# 172.32.0.9 external.  With --min-ports 1 the three external sources are
# Suspicious Probes of 1 port, 1 host, 1 attempt, in address order.
# The sentinel profile keeps the reference's text test ("172." is
# private) on purpose (detection.md 2.2): no finding at all.
. "$TESTDIR/cases/include/lib.sh"
f=pitfall_b023_172_too_broad.log
stage $f

detect --min-ports 1 $f
expect_csv "default profile" <<'END'
2024-03-03T10:00:00Z,172.15.255.255,Suspicious Probe,1,1,1,1,"[445]",0,2024-03-03T10:00:14.000Z,2024-03-03T10:00:14.000Z,Linux,netfilter
2024-03-03T10:00:00Z,172.32.0.0,Suspicious Probe,1,1,1,1,"[445]",0,2024-03-03T10:00:14.000Z,2024-03-03T10:00:14.000Z,Linux,netfilter
2024-03-03T10:00:00Z,172.32.0.9,Suspicious Probe,1,1,1,1,"[445]",0,2024-03-03T10:00:14.000Z,2024-03-03T10:00:14.000Z,Linux,netfilter
END
expect_rc 1 "default profile"

detect --profile sentinel --min-ports 1 $f
expect_csv "sentinel profile" </dev/null
expect_rc 0 "sentinel profile"
finish
