#!/bin/sh
# Pitfall B013 (its netfilter and CEF side; Cisco ASA is a later format):
# port 0 and protocol 0 are values, not "absent"; a port above 65535 or a
# protocol above 255 makes the record malformed.
#   198.51.100.200 (netfilter, lines 1-5) and 198.51.100.201 (CEF, lines
#   6-9) each send: DPT=0, DPT=1, DPT=65536, and a portless packet of
#   protocol 0; netfilter line 5 has PROTO=256.
#
# By hand: events are lines 1, 2, 4, 6, 7, 9 (dport 0 shown as 0, the
# protocol-0 lines with proto 0 and no port); lines 3, 5, 8 are malformed
# and named file:line in the summary.  Port 0 does not count
# (detection.md 2.3): each source has 1 counted attempt, port 1, so with
# --min-ports 2 there is no finding (counting port 0 would make 2), and
# with --min-ports 1 each is a Suspicious Probe of 1 port, 1 host,
# 1 attempt.
. "$TESTDIR/cases/include/lib.sh"
f=pitfall_b013_port_zero_and_range.log
stage $f

events $f
expect_events "events" <<'END'
pitfall_b013_port_zero_and_range.log|1|netfilter|2024-03-03T10:00:10.000Z|DROP|deny|198.51.100.200|192.0.2.70|40000|0|tcp|Linux|netfilter|gw01
pitfall_b013_port_zero_and_range.log|2|netfilter|2024-03-03T10:00:11.000Z|DROP|deny|198.51.100.200|192.0.2.70|40001|1|tcp|Linux|netfilter|gw01
pitfall_b013_port_zero_and_range.log|4|netfilter|2024-03-03T10:00:13.000Z|DROP|deny|198.51.100.200|192.0.2.71|-|-|0|Linux|netfilter|gw01
pitfall_b013_port_zero_and_range.log|6|cef|2024-03-03T10:00:10.000Z|deny|deny|198.51.100.201|192.0.2.70|40000|0|tcp|ExampleCo|EdgeFW|-
pitfall_b013_port_zero_and_range.log|7|cef|2024-03-03T10:00:11.000Z|deny|deny|198.51.100.201|192.0.2.70|40001|1|tcp|ExampleCo|EdgeFW|-
pitfall_b013_port_zero_and_range.log|9|cef|2024-03-03T10:00:13.000Z|deny|deny|198.51.100.201|192.0.2.71|-|-|0|ExampleCo|EdgeFW|-
END

run "$SCANSPOT" detect --output csv --tz UTC --min-ports 2 $f
expect_csv "findings with --min-ports 2" </dev/null
for n in 3 5 8; do
	expect_err_has "$f:$n" "malformed line $n in the summary"
done

detect --min-ports 1 $f
expect_csv "findings with --min-ports 1" <<'END'
2024-03-03T10:00:00Z,198.51.100.200,Suspicious Probe,1,1,1,1,"[1]",0,2024-03-03T10:00:11.000Z,2024-03-03T10:00:11.000Z,Linux,netfilter
2024-03-03T10:00:00Z,198.51.100.201,Suspicious Probe,1,1,1,1,"[1]",0,2024-03-03T10:00:11.000Z,2024-03-03T10:00:11.000Z,ExampleCo,EdgeFW
END
finish
