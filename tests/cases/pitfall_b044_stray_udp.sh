#!/bin/sh
# Pitfall B044: late UDP replies from a service port are not a port scan.
#   198.51.100.53 (a resolver) -> 192.0.2.10: 12 UDP packets from source
#     port 53 to ephemeral ports (41873 and 50212, as in the pitfall, and
#     33000 ... 40000, 60000, 65535), 10:00:01-10:00:12;
#   203.0.113.61 (a real UDP scan) -> 192.0.2.10: 12 UDP packets from
#     source port 40000 to 7, 9, 53, 67, 69, 111, 123, 137, 161, 500, 514,
#     1900, 10:01:01-10:01:12.
#
# By hand, without --stray-udp: both are Port Scans of 12 ports, 1 host,
# 12 attempts, 12 per minute, 11 s (equal attempts and bin: address
# order).  With --stray-udp the resolver's packets are attempts, not
# ports: 0 ports, 1 host, 12 attempts, no finding; the scan stays a Port
# Scan.  With --stray-udp --min-hosts 1 --min-attempts 12 the resolver is
# a Suspicious Probe with 0 ports, 12 attempts.
. "$TESTDIR/cases/include/lib.sh"
f=pitfall_b044_stray_udp.log
stage $f
resolver_ports='"[33000,34000,35000,36000,37000,38000,39000,40000,41873,50212,60000,65535]"'
scan='2024-03-03T10:00:00Z,203.0.113.61,Port Scan,12,1,12,12,"[7,9,53,67,69,111,123,137,161,500,514,1900]",11,2024-03-03T10:01:01.000Z,2024-03-03T10:01:12.000Z,Linux,netfilter'

detect $f
expect_csv "without --stray-udp" <<END
2024-03-03T10:00:00Z,198.51.100.53,Port Scan,12,1,12,12,$resolver_ports,11,2024-03-03T10:00:01.000Z,2024-03-03T10:00:12.000Z,Linux,netfilter
$scan
END

detect --stray-udp $f
expect_csv "with --stray-udp" <<END
$scan
END

detect --stray-udp --min-hosts 1 --min-attempts 12 $f
expect_csv "with --stray-udp, --min-hosts 1 --min-attempts 12" <<END
2024-03-03T10:00:00Z,198.51.100.53,Suspicious Probe,0,1,12,12,"[]",11,2024-03-03T10:00:01.000Z,2024-03-03T10:00:12.000Z,Linux,netfilter
$scan
END
finish
