#!/bin/sh
# Pitfall B047: every deny word counts, not only DROP.  From 203.0.113.31
# to 192.0.2.25: a netfilter "RULE 24 -- DENY" line (port 21379), a
# netfilter REJECT line (3389), a CEF act=denied (443, 10:00:19.114) and
# a CEF act=Deny from another vendor (8443, 10:00:18.500, the earliest).
# Two more CEF lines use act=quarantined (not in the vocabulary: class
# unknown, reported, not counted) and act=permitted (allow).
# The pitfall's Cisco IOS and ASA lines are left out: those formats come
# later.  Year-less times take 2024 from the file's mtime.
#
# By hand: 4 counted attempts, 1 host, 4 distinct ports; with
# --min-ports 4 a Suspicious Probe, M = 0 -> 4 per minute,
# 10:00:20 - 10:00:18 = 2 s, vendor and product of the 10:00:18.500
# event (OtherCo, EdgeGW).
. "$TESTDIR/cases/include/lib.sh"
f=pitfall_b047_action_words.log
stage $f 2024-03-03T12:00:00Z

events $f
expect_events "events" <<'END'
pitfall_b047_action_words.log|1|netfilter|2024-03-03T10:00:19.000Z|DENY|deny|203.0.113.31|192.0.2.25|50152|21379|tcp|Linux|netfilter|gw01
pitfall_b047_action_words.log|2|netfilter|2024-03-03T10:00:20.000Z|REJECT|deny|203.0.113.31|192.0.2.25|50153|3389|tcp|Linux|netfilter|gw01
pitfall_b047_action_words.log|3|cef|2024-03-03T10:00:19.114Z|denied|deny|203.0.113.31|192.0.2.25|50150|443|tcp|ExampleCo|EdgeFW|fw01.example.com
pitfall_b047_action_words.log|4|cef|2024-03-03T10:00:18.500Z|Deny|deny|203.0.113.31|192.0.2.25|50151|8443|tcp|OtherCo|EdgeGW|fw01.example.com
pitfall_b047_action_words.log|5|cef|2024-03-03T10:00:21.000Z|quarantined|unknown|203.0.113.31|192.0.2.25|50154|9999|tcp|ExampleCo|EdgeFW|fw01.example.com
pitfall_b047_action_words.log|6|cef|2024-03-03T10:00:21.000Z|permitted|allow|203.0.113.31|192.0.2.25|50155|9998|tcp|ExampleCo|EdgeFW|fw01.example.com
END

detect --min-ports 4 $f
expect_csv "findings with --min-ports 4" <<'END'
2024-03-03T10:00:00Z,203.0.113.31,Suspicious Probe,4,1,4,4,"[443,3389,8443,21379]",2,2024-03-03T10:00:18.500Z,2024-03-03T10:00:20.000Z,OtherCo,EdgeGW
END
finish
