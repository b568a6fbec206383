#!/bin/sh
# Under the memory cap the summary is the same from run to run: the
# filter that remembers evicted groups hashes under a fixed key, so the
# count of later events that may have landed on an evicted group does
# not depend on a per-run random key.  400,000 one-event sources, each
# seen once (so every such event is a false hit of the filter), under
# --max-memory 16M; three runs, one summary.
. "$TESTDIR/cases/include/lib.sh"
awk 'BEGIN {
	for (s = 0; s < 400000; s++)
		printf "CEF:0|V|P|1|1|n|5|rt=%.0f act=deny " \
		    "src=%d.%d.%d.1 dst=192.0.2.1 dpt=22\n", \
		    1772359200000 + s * 2, 101 + int(s / 62500),
		    int(s / 250) % 250 + 1, s % 250
}' >"$T/flood.log"
for i in 1 2 3; do
	run "$SCANSPOT" detect --output csv --tz UTC --max-memory 16M -j 1 \
	    flood.log
	cp "$T/err" "$T/err.$i"
done
grep -q "memory cap reached" "$T/err.1" || fail "the cap was not reached"
expect_same "$T/err.2" "$T/err.1" "summary of a second run under the cap"
expect_same "$T/err.3" "$T/err.1" "summary of a third run under the cap"
finish
