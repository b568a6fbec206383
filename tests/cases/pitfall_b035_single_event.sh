#!/bin/sh
# Pitfall B035: a port's value is not a count.  One UDP packet from
# 203.0.113.3 to 192.0.2.53:53 and one TCP SYN from 203.0.113.4 to
# 192.0.2.53:61000.
#
# By hand: each source has 1 port, 1 host, 1 attempt: below 10 ports and
# below 5 hosts / 30 attempts, so no finding, exit status 0.
. "$TESTDIR/cases/include/lib.sh"
f=pitfall_b035_single_event.log
stage $f

detect $f
expect_csv "single events" </dev/null
expect_rc 0 "single events"
finish
