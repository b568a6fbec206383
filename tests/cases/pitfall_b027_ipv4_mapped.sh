#!/bin/sh
# Pitfall B027: an IPv4-mapped IPv6 source is the IPv4 address, for the
# source key, the internal networks and the trusted list alike.
#   ::ffff:198.51.100.14 (CEF) -> 192.0.2.80 ports 1-5, 10:00:15-10:00:19
#   198.51.100.14 (netfilter)  -> 192.0.2.80 ports 6-10, 10:00:20-10:00:24
#   ::ffff:10.1.2.3 (CEF)      -> 192.0.2.80 ports 1-10, 10:00:30
#
# By hand: events show the sources as 198.51.100.14 and 10.1.2.3.  The
# first two groups are one key, 198.51.100.14: ports 10, hosts 1,
# attempts 10, Port Scan, M = 0 -> 10 per minute, 24 - 15 = 9 s, vendor
# of the 10:00:15 CEF event.  10.1.2.3 is internal: no row.  With
# --trusted 198.51.100.0/24 the mapped and the plain form are both
# trusted: no finding.
. "$TESTDIR/cases/include/lib.sh"
f=pitfall_b027_ipv4_mapped.log
stage $f

events $f
cut -f 7 "$T/out" | sort -u >"$T/got"
printf '%s\n' 10.1.2.3 198.51.100.14 src >"$T/want"
expect_same "$T/want" "$T/got" "event sources"

detect $f
expect_csv "one source key" <<'END'
2024-03-03T10:00:00Z,198.51.100.14,Port Scan,10,1,10,10,"[1,2,3,4,5,6,7,8,9,10]",9,2024-03-03T10:00:15.000Z,2024-03-03T10:00:24.000Z,ExampleCo,EdgeFW
END
expect_rc 1 "one source key"

detect --trusted 198.51.100.0/24 $f
expect_csv "--trusted 198.51.100.0/24" </dev/null
expect_rc 0 "--trusted 198.51.100.0/24"
finish
