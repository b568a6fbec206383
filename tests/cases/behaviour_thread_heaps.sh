#!/bin/sh
# Threads grow their detections without an mprotect() per allocation.
# glibc makes a thread's heap writable only as far as each allocation
# needs, and every such call takes the address-space lock the other
# threads' page faults wait on; scanspot asks for a top pad as large as a
# thread heap when the cap leaves room for it, so a heap is made writable
# once.  The input: 400,000 denied CEF records, each from its own source,
# over two hours (24 bins), read by two threads in pieces of 1 MiB: about
# 1,600 chunks of groups, each an allocation at the top of a thread heap.
# Without the pad strace counts one mprotect() per chunk; with it, a few
# per heap.  Skipped (77) without a working strace, or for a sanitizer
# build (its allocator is not glibc's).
. "$(dirname "$0")/include/lib.sh"

if ! command -v strace >/dev/null 2>&1; then
	echo "strace is not installed"
	exit 77
fi
if ! strace -f -o /dev/null true 2>/dev/null; then
	echo "strace cannot trace here"
	exit 77
fi
if command -v ldd >/dev/null 2>&1 && ldd "$SCANSPOT" | grep -q libasan; then
	echo "sanitizer build"
	exit 77
fi
# glibc settings from the environment would change what is measured
unset GLIBC_TUNABLES MALLOC_ARENA_MAX MALLOC_TOP_PAD_
awk -v n=400000 -v span=7200 '
BEGIN {
	t0 = 1709460000
	for (i = 0; i < n; i++) {
		t = t0 + int(i * span / n)
		a = 16777216 + i
		printf "CEF:0|ExampleCo|EdgeFW|1.0|100|deny|5|rt=%d000 " \
		    "act=deny src=%d.%d.%d.%d dst=192.0.2.%d spt=%d dpt=445 " \
		    "proto=TCP\n", t, int(a / 16777216) % 256,
		    int(a / 65536) % 256, int(a / 256) % 256, a % 256,
		    i % 200 + 1, 1024 + i % 60000
	}
}' >"$T/flow.cef"

run strace -f -c -o "$T/calls" "$SCANSPOT" detect --output csv --tz UTC -q \
    -j 2 --piece-size 1M --max-memory 4G flow.cef
expect_rc 0 "no findings"
calls=$(awk '$NF == "mprotect" { print $4 }' "$T/calls")
[ -n "$calls" ] || calls=0
if [ "$calls" -ge 200 ]; then
	echo "FAIL: $calls mprotect() calls for two thread heaps"
	STATUS=1
fi
echo "mprotect calls: $calls"
finish
