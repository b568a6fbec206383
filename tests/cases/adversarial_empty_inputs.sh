#!/bin/sh
# Empty inputs: a file of no bytes, files of nothing but line ends, an
# empty gzip and an empty zstd file, an empty directory and an empty
# standard input.  Nothing is an error; every output is empty of findings
# and still well formed; the summary counts bytes after decompression
# (scanspot(1), SUMMARY).
#
# By hand: empty.log 0 bytes, 0 lines; lf.log "\n": 1 blank line, 1 byte;
# crlf.log "\r\n\r": 2 blank lines, 3 bytes; empty.gz and empty.zst hold
# 0 bytes of text; emptydir/ holds no input.  So 5 inputs, 3 lines, 4
# bytes, 0 events, 3 blank lines; status 0.
. "$TESTDIR/cases/include/lib.sh"
command -v gzip >/dev/null 2>&1 || { echo "gzip is not installed"; exit 77; }
command -v zstd >/dev/null 2>&1 || { echo "zstd is not installed"; exit 77; }
: >"$T/empty.log"
printf '\n' >"$T/lf.log"
printf '\r\n\r' >"$T/crlf.log"
gzip -n -c <"$T/empty.log" >"$T/empty.gz"
zstd -q -c <"$T/empty.log" >"$T/empty.zst"
mkdir "$T/emptydir"
set -- empty.log lf.log crlf.log empty.gz empty.zst emptydir

events "$@"
expect_events "no events" </dev/null
expect_rc 0 "events"

detect "$@"
expect_csv "csv: the header alone" </dev/null
expect_rc 0 "detect"

run "$SCANSPOT" detect --output jsonl --tz UTC "$@"
[ -s "$T/out" ] && { fail "jsonl: not empty"; cat "$T/out"; }
expect_rc 0 "detect jsonl"
expect_err_has "scanspot: 5 inputs, 3 lines, 4 bytes, 0 events" \
    "first summary line"
expect_err_has "  events by format: none" "no format"
expect_err_has "  blank lines: 3" "blank lines"
expect_err_has "  (source, bin) groups: 0; findings: 0" "no groups"

run "$SCANSPOT" detect --output json --tz UTC -q "$@"
echo '[]' >"$T/want"
expect_same "$T/want" "$T/out" "json: an empty array"

run "$SCANSPOT" detect --output table --tz UTC -q "$@"
[ "$(wc -l <"$T/out")" -eq 1 ] && grep '^TimeGenerated  *SourceIP ' "$T/out" \
    >/dev/null || { fail "table: the header line alone"; cat "$T/out"; }

run sh -c '"$0" detect --output csv --tz UTC - </dev/null' "$SCANSPOT"
expect_csv "empty standard input" </dev/null
expect_rc 0 "empty standard input"
expect_err_has "scanspot: 1 input, 0 lines, 0 bytes, 0 events" \
    "empty standard input summary"
finish
