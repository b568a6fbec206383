#!/bin/sh
# detection.md section 3: UniqueDestIPs compares addresses, not strings.
# 203.0.113.9 sends to 2001:db8::1, 2001:0db8:0:0::1 (the same address),
# ::ffff:192.0.2.1 and 192.0.2.1 (the same IPv4 address), ports 1-4, all
# at 10:00:10.
# By hand: 4 ports, 2 hosts, 4 attempts; --min-ports 1: Suspicious Probe,
# 4 per minute, 0 s.
. "$TESTDIR/cases/include/lib.sh"
f=spec_hosts_as_addresses.log
stage $f

detect --min-ports 1 $f
expect_csv "distinct hosts" <<'END'
2024-03-03T10:00:00Z,203.0.113.9,Suspicious Probe,4,2,4,4,"[1,2,3,4]",0,2024-03-03T10:00:10.000Z,2024-03-03T10:00:10.000Z,ExampleCo,EdgeFW
END
finish
