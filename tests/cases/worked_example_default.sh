#!/bin/sh
# The worked example of detection.md section 7, default profile: twelve
# denied attempts from 203.0.113.50 to 192.0.2.10, ports 21 ... 3389, one
# each, from 10:06:01.250 to 10:07:59.900 on 2026-03-01 (bin 10:05).
# The same attempts as a CommonSecurityLog CSV export, a JSON array, CEF
# lines (rt in epoch milliseconds) and netfilter lines (ISO syslog time).
#
# By hand: ports 12, hosts 1, attempts 12, Port Scan (12 >= 10, < 20);
# duration 10:07:59 - 10:06:01 = 118 s; M = 10:07 - 10:06 = 1 minute, so
# 12 attempts per minute; vendor and product of the 10:06:01.250 event.
. "$TESTDIR/cases/include/lib.sh"

ports='"[21,22,23,25,53,80,110,139,143,443,445,3389]"'
row="2026-03-01T10:05:00Z,203.0.113.50,Port Scan,12,1,12,12,$ports,118,\
2026-03-01T10:06:01.250Z,2026-03-01T10:07:59.900Z"

for f in worked_example.csv worked_example.json worked_example.cef \
    worked_example.netfilter; do
	stage "$f"
	detect "$f"
	case $f in
	*.netfilter) vp=Linux,netfilter ;;
	*) vp=ExampleCo,EdgeFW ;;
	esac
	expect_csv "$f" <<-END
	$row,$vp
	END
	expect_rc 1 "$f: a finding"
done
finish
