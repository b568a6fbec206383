#!/bin/sh
# Pitfall B003: an escaped "\|" in the CEF header is part of the field
# (signature id "scan|probe"), not a separator.  Split wrongly, the
# seventh "|" would fall after the event name and the extension would
# start at "7|src=...", losing src.
#   line 1: the pitfall's line: 198.51.100.4 -> 192.0.2.8:3389, blocked.
#   line 2: no act; the event name "Blocked probe" (header field 6, only
#           right when the header is split right) is the hint that makes
#           it a deny (formats.md, Action).  The action column stays "-".
#   line 3: "\\" in the header is a backslash: vendor "Example\" (printed
#           "Example\\" by scanspot events); a "|" in the extension is
#           literal.
# No time in the lines: the file's modification time.  No proto: "-".
. "$TESTDIR/cases/include/lib.sh"
f=pitfall_b003_cef_escaped_pipe_header.log
stage $f 2024-03-03T10:00:00Z

events $f
expect_events "events" <<'END'
pitfall_b003_cef_escaped_pipe_header.log|1|cef|2024-03-03T10:00:00.000Z|blocked|deny|198.51.100.4|192.0.2.8|-|3389|-|ExampleCo|ExampleIPS|-
pitfall_b003_cef_escaped_pipe_header.log|2|cef|2024-03-03T10:00:00.000Z|-|deny|198.51.100.5|192.0.2.8|-|3389|-|ExampleCo|ExampleIPS|-
pitfall_b003_cef_escaped_pipe_header.log|3|cef|2024-03-03T10:00:00.000Z|blocked|deny|198.51.100.6|192.0.2.8|-|3389|-|Example\\|ExampleIPS|-
END
finish
