#!/bin/sh
# --format NAME reads every input as that format only.  On the mixed file
# of behaviour_mixed_file.sh (worked example as CEF and as netfilter,
# interleaved):
#   --format cef:       only the CEF lines: 12 events, 12 attempts,
#                       ExampleCo, EdgeFW;
#   --format netfilter: only the netfilter lines: 12 attempts, Linux,
#                       netfilter.
# Both rows are otherwise the worked example's.
. "$TESTDIR/cases/include/lib.sh"
f=behaviour_mixed_cef_netfilter.log
stage $f
row='2026-03-01T10:05:00Z,203.0.113.50,Port Scan,12,1,12,12,"[21,22,23,25,53,80,110,139,143,443,445,3389]",118,2026-03-01T10:06:01.250Z,2026-03-01T10:07:59.900Z'

events --format cef $f
tail -n +2 "$T/out" | cut -f 2,3 >"$T/got"
seq 1 2 23 | sed 's/$/	cef/' >"$T/want"
expect_same "$T/want" "$T/got" "events with --format cef"

detect --format cef $f
echo "$row,ExampleCo,EdgeFW" | expect_csv "--format cef"
detect -f netfilter $f
echo "$row,Linux,netfilter" | expect_csv "-f netfilter"
finish
