#!/bin/sh
# detection.md section 5: ScanDurationSeconds counts second boundaries
# crossed and AttemptsPerMinute divides by minute boundaries crossed
# (at least 1), with integer division.
#   203.0.113.9: the spec's example, 45 attempts to port 22 of 5 hosts
#                from 10:01:50 to 10:02:10: M = 1, 45 per minute, 20 s;
#                hosts 5 and attempts >= 30: Limited IP Sweep.
#   203.0.113.8: 10:03:59.900 and 10:04:00.100 (0.2 s apart): 1 s, M = 1,
#                2 per minute.
#   203.0.113.7: 10:00:00.100 and 10:00:00.900 (0.8 s apart): 0 s, M = 0
#                taken as 1, 2 per minute.
# With the default thresholds only .9 is a finding; with --min-ports 1 the
# others (2 ports each) follow, same bin, in address order.
. "$TESTDIR/cases/include/lib.sh"
f=spec_truncated_durations.log
stage $f
nine='2024-03-03T10:00:00Z,203.0.113.9,Limited IP Sweep,1,5,45,45,"[22]",20,2024-03-03T10:01:50.000Z,2024-03-03T10:02:10.000Z,ExampleCo,EdgeFW'

detect $f
echo "$nine" | expect_csv "default thresholds"

detect --min-ports 1 $f
expect_csv "--min-ports 1" <<END
$nine
2024-03-03T10:00:00Z,203.0.113.7,Suspicious Probe,2,1,2,2,"[80,443]",0,2024-03-03T10:00:00.100Z,2024-03-03T10:00:00.900Z,ExampleCo,EdgeFW
2024-03-03T10:00:00Z,203.0.113.8,Suspicious Probe,2,1,2,2,"[80,443]",1,2024-03-03T10:03:59.900Z,2024-03-03T10:04:00.100Z,ExampleCo,EdgeFW
END
finish
