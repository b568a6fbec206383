#!/bin/sh
# gzip and zstd compressed files are read as if plain: the worked example
# (netfilter form) plain, gzipped and zstd-compressed gives the same row,
# the one worked out in worked_example_default.sh.
. "$TESTDIR/cases/include/lib.sh"
command -v gzip >/dev/null 2>&1 || { echo "gzip is not installed"; exit 77; }
command -v zstd >/dev/null 2>&1 || { echo "zstd is not installed"; exit 77; }
stage worked_example.netfilter
gzip -c "$T/worked_example.netfilter" >"$T/worked_example.netfilter.gz"
zstd -q -c "$T/worked_example.netfilter" >"$T/worked_example.netfilter.zst"
# The same bytes under names that do not say how they are compressed.
cp "$T/worked_example.netfilter.gz" "$T/gzipped.log"
cp "$T/worked_example.netfilter.zst" "$T/zstd.log"

for f in worked_example.netfilter worked_example.netfilter.gz \
    worked_example.netfilter.zst gzipped.log zstd.log; do
	detect $f
	expect_csv "$f" <<-'END'
	2026-03-01T10:05:00Z,203.0.113.50,Port Scan,12,1,12,12,"[21,22,23,25,53,80,110,139,143,443,445,3389]",118,2026-03-01T10:06:01.250Z,2026-03-01T10:07:59.900Z,Linux,netfilter
	END
	expect_rc 1 "$f"
done
finish
