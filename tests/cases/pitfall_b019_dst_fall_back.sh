#!/bin/sh
# Pitfall B019: the hour repeated when daylight saving time ends.  In
# America/Chicago clocks went back from 02:00 CDT to 01:00 CST on
# 2024-11-03.  Two netfilter lines without zone or year, in this order:
# 01:58:12 and then 01:08:49; the file's mtime, 2024-11-03T08:00:00Z,
# gives the year.
#
# By hand: 01:58:12 is the first pass through the hour, CDT (UTC-5):
# 06:58:12Z, bin 06:55.  01:08:49 comes after it, so it is the repeat,
# CST (UTC-6): 07:08:49Z, bin 07:05 (as CDT it would be 06:08:49Z, before
# the previous record).  The earlier-looking line is not dropped.
. "$TESTDIR/cases/include/lib.sh"
f=pitfall_b019_dst_fall_back.log
stage $f 2024-11-03T08:00:00Z

run "$SCANSPOT" events -q --tz America/Chicago $f
expect_events "events" <<'END'
pitfall_b019_dst_fall_back.log|1|netfilter|2024-11-03T06:58:12.000Z|DROP|deny|203.0.113.80|192.0.2.80|40001|80|tcp|Linux|netfilter|gw01
pitfall_b019_dst_fall_back.log|2|netfilter|2024-11-03T07:08:49.000Z|DROP|deny|203.0.113.80|192.0.2.80|40002|8080|tcp|Linux|netfilter|gw01
END

run "$SCANSPOT" detect -q --output csv --tz America/Chicago --min-ports 1 $f
expect_csv "findings with --min-ports 1" <<'END'
2024-11-03T06:55:00Z,203.0.113.80,Suspicious Probe,1,1,1,1,"[80]",0,2024-11-03T06:58:12.000Z,2024-11-03T06:58:12.000Z,Linux,netfilter
2024-11-03T07:05:00Z,203.0.113.80,Suspicious Probe,1,1,1,1,"[8080]",0,2024-11-03T07:08:49.000Z,2024-11-03T07:08:49.000Z,Linux,netfilter
END
finish
