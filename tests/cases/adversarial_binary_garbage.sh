#!/bin/sh
# Binary garbage: 1 MiB of a fixed pseudo-random byte stream (an LCG,
# x = 1103515245 x + 12345 mod 2^31, byte = bits 16..23, seed 1), read as
# a log.  It must not crash or hang and yields no event.  The lines are
# cut at LF, CRLF and lone CR; lines of spaces, tabs and CRs only are
# blank.  Read as detected, every other line is either "no known format"
# or claimed by a line-based parser that then finds it malformed (the
# stream holds a lone "[" line and lines opening with "{", which the
# Google Cloud parser takes for a JSON array whose entries may span
# lines); read with --format netfilter or cef, every other line is "not
# this format" and every blank line is counted as "blank line", each
# with its file:line.  The same bytes behind a gzip or a zstd magic
# number are a corrupt compressed input: named, status 3.
#
# By hand: the counts come from a separate reading of the same bytes in
# Python below (the model of line ends and blank lines of
# docs/formats.md / scanspot(1)), not from scanspot.
. "$TESTDIR/cases/include/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "python3 is not installed"; exit 77; }
f=garbage.bin
python3 - "$T" <<'END' || { echo "cannot make the fixture"; exit 1; }
import re, sys
d = sys.argv[1]
x, out = 1, bytearray()
for _ in range(1 << 20):
    x = (1103515245 * x + 12345) & 0x7fffffff
    out.append((x >> 16) & 0xff)
data = bytes(out)
open(d + "/garbage.bin", "wb").write(data)
open(d + "/gzip.bin", "wb").write(b"\x1f\x8b" + data)
open(d + "/zstd.bin", "wb").write(b"\x28\xb5\x2f\xfd" + data)
lines = re.split(rb"\r\n|\r|\n", data)
if data.endswith((b"\r", b"\n")):
    lines.pop()    # the last end ends the last line
blank = [i + 1 for i, l in enumerate(lines) if l.strip(b" \t\r") == b""]
other = [i + 1 for i, l in enumerate(lines) if l.strip(b" \t\r") != b""]
with open(d + "/model", "w") as m:
    m.write("%d %d %d %d %s\n" % (len(data), len(lines), len(blank),
        len(other), " ".join(map(str, other[:3]))))
END
read -r bytes lines blank other s1 s2 s3 <"$T/model"

to=
command -v timeout >/dev/null 2>&1 && to="timeout 120"
run $to "$SCANSPOT" events --tz UTC $f
[ "$RC" -eq 124 ] && fail "hung"
expect_events "no events" </dev/null
expect_rc 0 "events"
expect_err_has "scanspot: 1 input, $lines lines, $bytes bytes, 0 events" \
    "first summary line"
expect_err_has "  blank lines: $blank" "blank lines"
expect_err_has "    no known format: " "lines of no known format"
expect_err_has " ($f:$s1, $f:$s2, $f:$s3, ...)" "the first three named"

for fmt in netfilter cef; do
	run $to "$SCANSPOT" events --tz UTC --format $fmt $f
	expect_events "$fmt: no events" </dev/null
	expect_err_has "scanspot: 1 input, $lines lines, $bytes bytes, 0 events" \
	    "$fmt: first summary line"
	expect_err_has "    $fmt: not this format: $other ($f:$s1, $f:$s2, $f:$s3, ...)" \
	    "$fmt: every non-blank line named"
	expect_err_has "    $fmt: blank line: $blank (" "$fmt: the blank lines"
	n=$(grep -c '^    ' "$T/err")
	[ "$n" -eq 2 ] || { fail "$fmt: two reasons, found $n"; cat "$T/err"; }
done

run $to "$SCANSPOT" detect --output csv --tz UTC -q $f
expect_csv "no findings" </dev/null
expect_rc 0 "detect"

run $to "$SCANSPOT" detect --output csv --tz UTC -q gzip.bin zstd.bin $f
expect_csv "no findings from the false compressed files" </dev/null
expect_rc 3 "detect with corrupt compressed inputs"
expect_err_has "scanspot: gzip.bin: gzip data corrupt or truncated near byte " \
    "the false gzip file"
expect_err_has "scanspot: zstd.bin: zstd data corrupt or truncated near byte " \
    "the false zstd file"
finish
