#!/bin/sh
# Pitfall B008: netfilter lines without OUT=, with free-text prefixes
# (Proxmox "0 6 PVEFW-HOST-IN 03/Mar/2024:11:00:03 +0100 policy DROP:",
# a custom "Firewall:") and interface names with "." and "-".
#
# By hand: line 1 is a drop (the prefix's first action word, DROP),
# 198.51.100.23 -> 192.0.2.50:8006; line 2 has no action word, so it takes
# the configured default, drop: -> 192.0.2.51:22; line 3 is ACCEPT, class
# allow, not counted.  With --min-ports 2 the drops make a finding of
# 2 ports [22,8006], 2 hosts, 2 attempts: Suspicious Probe, M = 0 -> 2
# per minute, 1 s.  With --netfilter-default-action accept, line 2 is an
# allow too and no finding is left.
. "$TESTDIR/cases/include/lib.sh"
f=pitfall_b008_netfilter_prefixes.log
stage $f

events $f
expect_events "events" <<'END'
pitfall_b008_netfilter_prefixes.log|1|netfilter|2024-03-03T10:00:03.000Z|DROP|deny|198.51.100.23|192.0.2.50|46363|8006|tcp|Linux|netfilter|pve01
pitfall_b008_netfilter_prefixes.log|2|netfilter|2024-03-03T10:00:04.000Z|drop|deny|198.51.100.23|192.0.2.51|46364|22|tcp|Linux|netfilter|host02
pitfall_b008_netfilter_prefixes.log|3|netfilter|2024-03-03T10:00:05.000Z|ACCEPT|allow|198.51.100.23|192.0.2.52|46365|443|tcp|Linux|netfilter|pve01
END

detect --min-ports 2 $f
expect_csv "findings with --min-ports 2" <<'END'
2024-03-03T10:00:00Z,198.51.100.23,Suspicious Probe,2,2,2,2,"[22,8006]",1,2024-03-03T10:00:03.000Z,2024-03-03T10:00:04.000Z,Linux,netfilter
END

events --netfilter-default-action accept $f
expect_events "events, default action accept" <<'END'
pitfall_b008_netfilter_prefixes.log|1|netfilter|2024-03-03T10:00:03.000Z|DROP|deny|198.51.100.23|192.0.2.50|46363|8006|tcp|Linux|netfilter|pve01
pitfall_b008_netfilter_prefixes.log|2|netfilter|2024-03-03T10:00:04.000Z|accept|allow|198.51.100.23|192.0.2.51|46364|22|tcp|Linux|netfilter|host02
pitfall_b008_netfilter_prefixes.log|3|netfilter|2024-03-03T10:00:05.000Z|ACCEPT|allow|198.51.100.23|192.0.2.52|46365|443|tcp|Linux|netfilter|pve01
END
detect --min-ports 2 --netfilter-default-action accept $f
expect_csv "findings, default action accept" </dev/null
finish
