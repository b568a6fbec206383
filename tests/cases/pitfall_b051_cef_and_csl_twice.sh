#!/bin/sh
# Pitfall B051: one firewall event collected twice, as a CEF syslog line
# (pitfall_b051_syslog.log, rt 1709460023000 = 2024-03-03T10:00:23Z) and
# as a CommonSecurityLog row (pitfall_b051_commonsecuritylog.json), both
# 203.0.113.20:51000 -> 192.0.2.1:22/tcp, deny, ExampleCo EdgeFW.
#
# By hand, with --min-ports 1: without --dedup 2 attempts; with --dedup
# the second copy is dropped: 1 attempt.
. "$TESTDIR/cases/include/lib.sh"
stage pitfall_b051_syslog.log
stage pitfall_b051_commonsecuritylog.json

detect --min-ports 1 pitfall_b051_syslog.log \
    pitfall_b051_commonsecuritylog.json
expect_csv "without --dedup" <<'END'
2024-03-03T10:00:00Z,203.0.113.20,Suspicious Probe,1,1,2,2,"[22]",0,2024-03-03T10:00:23.000Z,2024-03-03T10:00:23.000Z,ExampleCo,EdgeFW
END

detect --dedup --min-ports 1 pitfall_b051_syslog.log \
    pitfall_b051_commonsecuritylog.json
expect_csv "with --dedup" <<'END'
2024-03-03T10:00:00Z,203.0.113.20,Suspicious Probe,1,1,1,1,"[22]",0,2024-03-03T10:00:23.000Z,2024-03-03T10:00:23.000Z,ExampleCo,EdgeFW
END
finish
