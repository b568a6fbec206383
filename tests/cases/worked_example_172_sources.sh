#!/bin/sh
# The worked example's twelve attempts from two other sources
# (detection.md section 7, last sentences):
#   172.20.0.5  is inside 172.16.0.0/12: dropped by the default profile;
#   172.32.0.9  is outside it: a finding in the default profile, with the
#               same numbers as from 203.0.113.50;
#   172.32.0.9  starts with "172.": dropped by the sentinel profile's text
#               test.
# 172.20.0.5 under sentinel is dropped too (same text test).
. "$TESTDIR/cases/include/lib.sh"

ports='"[21,22,23,25,53,80,110,139,143,443,445,3389]"'
row="2026-03-01T10:05:00Z,172.32.0.9,Port Scan,12,1,12,12,$ports,118,\
2026-03-01T10:06:01.250Z,2026-03-01T10:07:59.900Z"

for f in worked_example.csv worked_example.json worked_example.cef \
    worked_example.netfilter; do
	case $f in
	*.netfilter) vp=Linux,netfilter ;;
	*) vp=ExampleCo,EdgeFW ;;
	esac
	for src in 172.20.0.5 172.32.0.9; do
		sed "s/203\.0\.113\.50/$src/g" "$DATA/$f" >"$T/$src.$f"
	done

	detect "172.20.0.5.$f"
	expect_csv "$f from 172.20.0.5, default: internal" </dev/null
	expect_rc 0 "$f from 172.20.0.5, default"

	detect "172.32.0.9.$f"
	expect_csv "$f from 172.32.0.9, default: external" <<-END
	$row,$vp
	END
	expect_rc 1 "$f from 172.32.0.9, default"

	for src in 172.20.0.5 172.32.0.9; do
		detect --profile sentinel "$src.$f"
		expect_csv "$f from $src, sentinel: 172. prefix" </dev/null
		expect_rc 0 "$f from $src, sentinel"
	done
done
finish
