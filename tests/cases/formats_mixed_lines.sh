#!/bin/sh
# One file mixing lines of every line-based format (CEF, LEEF, Cisco ASA,
# FTD and IOS, filterlog, FortiGate, PAN-OS, Check Point, Juniper SRX,
# Sophos, MikroTik, netfilter, Snort/Suricata fast alerts, Suricata EVE,
# Google Cloud firewall, pflog), line by line: every line is read by its
# own format, skipped or not understood exactly as docs/formats.md says.
# The fixture holds the edge cases of each section (syslog headers or
# none, device times, repeat wrappers, IOS lists, truncated-ip,
# direction rules, implicit-deny policy 0, quoted CSV, packets lists,
# structured and plain SRX, time zones by name, IPv6 sides, markers,
# flow verdicts, several GCP entries on one line and an entry spread over
# lines, short pf captures) and lines that must not be claimed.
#
# The expected events (default and sentinel profile) were written by the
# independent oracle, never by scanspot:
#   cd tests/cases/data && python3 ../../oracle/oracle.py events [--profile
#   sentinel] --tz UTC --ref-time 2026-03-05T00:00:00Z formats_mixed_lines.log
# and the oracle is checked to still give them when python3 is there.
. "$TESTDIR/cases/include/lib.sh"
f=formats_mixed_lines.log
ref=2026-03-05T00:00:00Z
stage $f $ref

events $f
expect_same "$DATA/formats_mixed_lines.events.tsv" "$T/out" \
    "events, default profile"
events --profile sentinel $f
expect_same "$DATA/formats_mixed_lines.sentinel.events.tsv" "$T/out" \
    "events, sentinel profile"

if command -v python3 >/dev/null 2>&1; then
	run python3 "$TESTDIR/oracle/oracle.py" events --tz UTC \
	    --ref-time $ref $f
	expect_same "$DATA/formats_mixed_lines.events.tsv" "$T/out" \
	    "the oracle still gives the expected events"
	run python3 "$TESTDIR/oracle/oracle.py" events --profile sentinel \
	    --tz UTC --ref-time $ref $f
	expect_same "$DATA/formats_mixed_lines.sentinel.events.tsv" \
	    "$T/out" "the oracle still gives the expected sentinel events"
fi
finish
