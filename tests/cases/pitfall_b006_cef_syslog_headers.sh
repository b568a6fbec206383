#!/bin/sh
# Pitfall B006: one CEF event in four forms: behind an RFC 3164 header,
# behind an RFC 5424 header, behind an RFC 3164 header with "CEF: 0"
# (rsyslog's re-templating), and bare.  The bare form is last so that,
# having no time of its own, it takes the previous record's time; the
# file's modification time (11:00) differs from the logged 10:00, so a
# header time that was not read would show.
#
# By hand: four times 203.0.113.20 -> 192.0.2.1:22, deny, at
# 2024-03-03T10:00:00Z (year 2024: the latest that keeps Mar 3 10:00 at
# or before the mtime); the device is the syslog host, none when bare.
# Together: 4 attempts, 1 port, 1 host; with --min-ports 1 a Suspicious
# Probe, 4 per minute (M = 0, taken as 1), 0 s.
. "$TESTDIR/cases/include/lib.sh"
f=pitfall_b006_cef_syslog_headers.log
stage $f 2024-03-03T11:00:00Z

events $f
expect_events "events" <<'END'
pitfall_b006_cef_syslog_headers.log|1|cef|2024-03-03T10:00:00.000Z|deny|deny|203.0.113.20|192.0.2.1|-|22|-|ExampleCo|EdgeFW|fw01.example.com
pitfall_b006_cef_syslog_headers.log|2|cef|2024-03-03T10:00:00.000Z|deny|deny|203.0.113.20|192.0.2.1|-|22|-|ExampleCo|EdgeFW|fw01.example.com
pitfall_b006_cef_syslog_headers.log|3|cef|2024-03-03T10:00:00.000Z|deny|deny|203.0.113.20|192.0.2.1|-|22|-|ExampleCo|EdgeFW|fw01.example.com
pitfall_b006_cef_syslog_headers.log|4|cef|2024-03-03T10:00:00.000Z|deny|deny|203.0.113.20|192.0.2.1|-|22|-|ExampleCo|EdgeFW|-
END

detect --min-ports 1 $f
expect_csv "findings with --min-ports 1" <<'END'
2024-03-03T10:00:00Z,203.0.113.20,Suspicious Probe,1,1,4,4,"[22]",0,2024-03-03T10:00:00.000Z,2024-03-03T10:00:00.000Z,ExampleCo,EdgeFW
END
finish
