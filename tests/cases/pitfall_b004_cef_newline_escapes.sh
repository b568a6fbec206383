#!/bin/sh
# Pitfall B004: "\n" and "\r" escapes in a CEF extension value neither
# stop the parse nor hide the fields around them.  Line 1 is the
# pitfall's line (msg last); line 2 moves msg before dst, act and dpt.
#
# By hand: 203.0.113.50 -> 192.0.2.5:4118 and 203.0.113.51 ->
# 192.0.2.5:4119, both blocked (deny class), time from the file's
# modification time (no time in the lines).
. "$TESTDIR/cases/include/lib.sh"
f=pitfall_b004_cef_newline_escapes.log
stage $f 2024-03-03T10:00:00Z

events $f
expect_events "events" <<'END'
pitfall_b004_cef_newline_escapes.log|1|cef|2024-03-03T10:00:00.000Z|blocked|deny|203.0.113.50|192.0.2.5|-|4118|-|ExampleCo|HostIPS|-
pitfall_b004_cef_newline_escapes.log|2|cef|2024-03-03T10:00:00.000Z|blocked|deny|203.0.113.51|192.0.2.5|-|4119|-|ExampleCo|HostIPS|-
END
finish
