#!/bin/sh
# Pitfall B021, in CEF: event times with offsets in every written form.
# One moment, 2024-03-03T10:00:13Z (with .123 or .123456 where the line
# has a fraction), written as rt in RFC 3339 with -05:00, +05:30 and Z,
# with the offset as -0500 and +0100 (no colon, as Suricata writes it),
# in the CEF date form with -0500, CST (UTC-6) and UTC, and as end= with
# -06:00.  Each line targets its own port, 5900 + line - 1.
# The file's mtime is a day later: a time that was not read would fall
# back to it and show.
#
# By hand: every event at 10:00:13Z, bin 10:00; line 4 keeps its
# microseconds (10:00:13.123456Z).  With --min-ports 9 the nine lines
# make one Suspicious Probe: 9 ports, 1 host, 9 attempts, 0 s,
# FirstSeen 10:00:13.000Z, LastSeen 10:00:13.123456Z.
. "$TESTDIR/cases/include/lib.sh"
f=pitfall_b021_cef_time_offsets.log
stage $f 2024-03-04T00:00:00Z

events $f
expect_events "events" <<'END'
pitfall_b021_cef_time_offsets.log|1|cef|2024-03-03T10:00:13.123Z|blocked|deny|203.0.113.101|192.0.2.33|-|5900|-|ExampleCo|EdgeFW|-
pitfall_b021_cef_time_offsets.log|2|cef|2024-03-03T10:00:13.123Z|blocked|deny|203.0.113.101|192.0.2.33|-|5901|-|ExampleCo|EdgeFW|-
pitfall_b021_cef_time_offsets.log|3|cef|2024-03-03T10:00:13.123Z|blocked|deny|203.0.113.101|192.0.2.33|-|5902|-|ExampleCo|EdgeFW|-
pitfall_b021_cef_time_offsets.log|4|cef|2024-03-03T10:00:13.123456Z|blocked|deny|203.0.113.101|192.0.2.33|-|5903|-|ExampleCo|EdgeFW|-
pitfall_b021_cef_time_offsets.log|5|cef|2024-03-03T10:00:13.000Z|blocked|deny|203.0.113.101|192.0.2.33|-|5904|-|ExampleCo|EdgeFW|-
pitfall_b021_cef_time_offsets.log|6|cef|2024-03-03T10:00:13.123Z|blocked|deny|203.0.113.101|192.0.2.33|-|5905|-|ExampleCo|EdgeFW|-
pitfall_b021_cef_time_offsets.log|7|cef|2024-03-03T10:00:13.000Z|blocked|deny|203.0.113.101|192.0.2.33|-|5906|-|ExampleCo|EdgeFW|-
pitfall_b021_cef_time_offsets.log|8|cef|2024-03-03T10:00:13.000Z|blocked|deny|203.0.113.101|192.0.2.33|-|5907|-|ExampleCo|EdgeFW|-
pitfall_b021_cef_time_offsets.log|9|cef|2024-03-03T10:00:13.000Z|blocked|deny|203.0.113.101|192.0.2.33|-|5908|-|ExampleCo|EdgeFW|-
END

detect --min-ports 9 $f
expect_csv "findings with --min-ports 9" <<'END'
2024-03-03T10:00:00Z,203.0.113.101,Suspicious Probe,9,1,9,9,"[5900,5901,5902,5903,5904,5905,5906,5907,5908]",0,2024-03-03T10:00:13.000Z,2024-03-03T10:00:13.123456Z,ExampleCo,EdgeFW
END
finish
