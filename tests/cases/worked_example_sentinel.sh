#!/bin/sh
# The worked example of detection.md section 7 under --profile sentinel.
# Every attempt says Deny (CSV, JSON, CEF act) or DROP (the netfilter
# prefix FW-DROP), words the reference accepts; the twelve events lie
# within the hour before the newest one (10:07:59.900), which is the
# sentinel period when --now is not given.  So the row is the one of the
# default profile: ports 12, hosts 1, attempts 12, Port Scan, 12 per
# minute, 118 s.
. "$TESTDIR/cases/include/lib.sh"

ports='"[21,22,23,25,53,80,110,139,143,443,445,3389]"'
row="2026-03-01T10:05:00Z,203.0.113.50,Port Scan,12,1,12,12,$ports,118,\
2026-03-01T10:06:01.250Z,2026-03-01T10:07:59.900Z"

for f in worked_example.csv worked_example.json worked_example.cef \
    worked_example.netfilter; do
	stage "$f"
	detect --profile sentinel "$f"
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
