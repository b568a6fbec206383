#!/bin/sh
# The summary on standard error names each line it did not understand as
# file:line, and -q silences it.
#   line 2: a netfilter line with SRC=203.0.113.300 (bad source address);
#   line 4: a CEF line with five header fields instead of seven.
# Lines 1 and 3 are events (203.0.113.5 -> 192.0.2.5, ports 22 and 25).
. "$TESTDIR/cases/include/lib.sh"
f=behaviour_summary_malformed.log
stage $f

run "$SCANSPOT" detect --output csv --tz UTC --min-ports 2 $f
expect_csv "the two good lines" <<'END'
2024-03-03T10:00:00Z,203.0.113.5,Suspicious Probe,2,1,2,2,"[22,25]",2,2024-03-03T10:00:30.000Z,2024-03-03T10:00:32.000Z,Linux,netfilter
END
expect_err_has "$f:2" "line 2 named"
expect_err_has "$f:4" "line 4 named"
grep -F "$f:1" "$T/err" >/dev/null && fail "line 1 named as malformed"
grep -F "$f:3" "$T/err" >/dev/null && fail "line 3 named as malformed"

run "$SCANSPOT" detect --output csv --tz UTC --min-ports 2 -q $f
[ -s "$T/err" ] && { fail "-q: standard error not empty"; cat "$T/err"; }
finish
