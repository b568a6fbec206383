#!/bin/sh
# A file with CEF and netfilter lines interleaved (the worked example in
# both forms, CEF line first: behaviour_mixed_cef_netfilter.log) is read
# line by line in each format.
# By hand: 24 events, lines 1-24, 12 cef and 12 netfilter.  One group:
# 12 ports, 1 host, 24 attempts, Port Scan, M = 1 -> 24 per minute,
# 118 s; the earliest time, 10:06:01.250, is on lines 1 (CEF) and 2
# (netfilter): the first in input order gives ExampleCo, EdgeFW.
. "$TESTDIR/cases/include/lib.sh"
f=behaviour_mixed_cef_netfilter.log
stage $f

events $f
tail -n +2 "$T/out" | cut -f 2 >"$T/got"
seq 1 24 >"$T/want"
expect_same "$T/want" "$T/got" "every line an event"
tail -n +2 "$T/out" | cut -f 3 | sort | uniq -c | awk '{ print $2, $1 }' \
    >"$T/got"
printf 'cef 12\nnetfilter 12\n' >"$T/want"
expect_same "$T/want" "$T/got" "events by format"

detect $f
expect_csv "findings" <<'END'
2026-03-01T10:05:00Z,203.0.113.50,Port Scan,12,1,24,24,"[21,22,23,25,53,80,110,139,143,443,445,3389]",118,2026-03-01T10:06:01.250Z,2026-03-01T10:07:59.900Z,ExampleCo,EdgeFW
END
finish
