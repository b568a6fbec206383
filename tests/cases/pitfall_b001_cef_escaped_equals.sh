#!/bin/sh
# Pitfall B001: "\=" inside a CEF extension value is an escaped "=", not a
# separator.  Line 1 is the pitfall's line: cs1=zone\=dmz, then act=deny,
# which must still be read.  Line 2 puts "zone\=dmz\\" (an escaped "=",
# then an escaped backslash) before act, src, dst and dpt.
# The lines carry no time, so both take the file's modification time.
#
# By hand: 203.0.113.10 -> 192.0.2.20:445/tcp, deny, and 203.0.113.11 ->
# 192.0.2.20:446/tcp, deny; with --min-ports 1 each source is a finding
# of 1 attempt, 1 port, 1 host: Suspicious Probe (ports < 10, hosts < 5).
. "$TESTDIR/cases/include/lib.sh"
f=pitfall_b001_cef_escaped_equals.log
stage $f 2024-03-03T10:00:00Z

events $f
expect_events "events" <<'END'
pitfall_b001_cef_escaped_equals.log|1|cef|2024-03-03T10:00:00.000Z|deny|deny|203.0.113.10|192.0.2.20|-|445|tcp|ExampleCo|EdgeFW|-
pitfall_b001_cef_escaped_equals.log|2|cef|2024-03-03T10:00:00.000Z|deny|deny|203.0.113.11|192.0.2.20|-|446|tcp|ExampleCo|EdgeFW|-
END

detect --min-ports 1 $f
expect_csv "findings with --min-ports 1" <<'END'
2024-03-03T10:00:00Z,203.0.113.10,Suspicious Probe,1,1,1,1,"[445]",0,2024-03-03T10:00:00.000Z,2024-03-03T10:00:00.000Z,ExampleCo,EdgeFW
2024-03-03T10:00:00Z,203.0.113.11,Suspicious Probe,1,1,1,1,"[446]",0,2024-03-03T10:00:00.000Z,2024-03-03T10:00:00.000Z,ExampleCo,EdgeFW
END
finish
