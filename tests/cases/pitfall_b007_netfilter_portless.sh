#!/bin/sh
# Pitfall B007: netfilter lines without SPT/DPT (an ICMP echo request,
# with ID= twice, and a GRE packet, PROTO=47) must parse, with no
# destination port.  The year comes from the file's modification time
# (2024-03-03T12:00Z).
#
# By hand: events at 10:00:01 (icmp) and 10:00:02 (47) from 203.0.113.77
# to 192.0.2.10 and 192.0.2.11.  Without --include-portless they are not
# counted (no destination port): no finding even with --min-hosts 2
# --min-attempts 2.  With it: attempts 2, hosts 2, ports 0, and ScanType
# uses the fixed cut-offs (ports < 20, < 10, hosts < 10, < 5): Suspicious
# Probe; M = 0 -> 2 per minute; 1 s; PortsTargeted empty.
. "$TESTDIR/cases/include/lib.sh"
f=pitfall_b007_netfilter_portless.log
stage $f 2024-03-03T12:00:00Z

events $f
expect_events "events" <<'END'
pitfall_b007_netfilter_portless.log|1|netfilter|2024-03-03T10:00:01.000Z|DROP|deny|203.0.113.77|192.0.2.10|-|-|icmp|Linux|netfilter|gw01
pitfall_b007_netfilter_portless.log|2|netfilter|2024-03-03T10:00:02.000Z|DROP|deny|203.0.113.77|192.0.2.11|-|-|47|Linux|netfilter|gw01
END

detect --min-hosts 2 --min-attempts 2 $f
expect_csv "without --include-portless" </dev/null
expect_rc 0 "without --include-portless"

detect --include-portless --min-hosts 2 --min-attempts 2 $f
expect_csv "with --include-portless" <<'END'
2024-03-03T10:00:00Z,203.0.113.77,Suspicious Probe,0,2,2,2,"[]",1,2024-03-03T10:00:01.000Z,2024-03-03T10:00:02.000Z,Linux,netfilter
END
expect_rc 1 "with --include-portless"
finish
