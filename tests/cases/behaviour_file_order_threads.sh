#!/bin/sh
# The findings are the same bytes whatever the order of the input files
# and the number of reader threads (detection.md sections 3 and 6).
# Five files:
#   behaviour_order_part1.csv   the worked example's first six attempts
#                               (ports 21-80, CommonSecurityLog, ExampleCo)
#   behaviour_order_part2.log   its last six (ports 110-3389, netfilter)
#   pitfall_b042_sweep_one_port.log, pitfall_b043_grouping_per_source.log,
#   pitfall_b036_ports.log      (see those cases)
# By hand: 203.0.113.50 is the worked example's row across two files and
# two formats, with the vendor of its earliest event (10:06:01.250, in
# the CSV part); the other rows are those of B042, B043 and B036; order:
# attempts 200, 60, 12, 11, 10.
. "$TESTDIR/cases/include/lib.sh"
stage behaviour_order_part1.csv
stage behaviour_order_part2.log
stage pitfall_b042_sweep_one_port.log 2024-03-03T12:00:00Z
stage pitfall_b043_grouping_per_source.log
stage pitfall_b036_ports.log

p50=$(seq -s, 1 50)
cat >"$T/expected" <<END
2024-03-03T10:00:00Z,198.51.100.78,Aggressive Port Scan,200,1,200,200,"[$p50]",99,2024-03-03T10:01:00.000Z,2024-03-03T10:02:39.500Z,Linux,netfilter
2024-03-03T10:00:00Z,203.0.113.120,IP Block Sweep,1,60,60,30,"[445]",177,2024-03-03T10:00:00.000Z,2024-03-03T10:02:57.000Z,Linux,netfilter
2026-03-01T10:05:00Z,203.0.113.50,Port Scan,12,1,12,12,"[21,22,23,25,53,80,110,139,143,443,445,3389]",118,2026-03-01T10:06:01.250Z,2026-03-01T10:07:59.900Z,ExampleCo,EdgeFW
2024-03-03T10:00:00Z,203.0.113.11,Port Scan,11,1,11,11,"[1001,1002,1003,1004,1005,1006,1007,1008,1009,1010,1011]",10,2024-03-03T10:00:01.000Z,2024-03-03T10:00:11.000Z,Linux,netfilter
2024-03-03T10:00:00Z,203.0.113.10,Port Scan,10,1,10,10,"[1001,1002,1003,1004,1005,1006,1007,1008,1009,1010]",9,2024-03-03T10:00:01.000Z,2024-03-03T10:00:10.000Z,Linux,netfilter
END

a=behaviour_order_part1.csv b=behaviour_order_part2.log
c=pitfall_b042_sweep_one_port.log d=pitfall_b043_grouping_per_source.log
e=pitfall_b036_ports.log
for order in "$a $b $c $d $e" "$e $d $c $b $a" "$b $e $a $d $c"; do
	for j in 1 2; do
		# shellcheck disable=SC2086
		detect -j $j $order
		expect_csv "-j $j $order" <"$T/expected"
	done
done

# The summary too: reasons and their first three lines in input order,
# whichever thread read which file or piece.  a.log's line 2 and b.log's
# line 1 are cut CEF headers, c.log's line is no format at all; a.log is
# large enough to be cut into pieces of 4 KiB.
awk 'BEGIN { for (i = 1; i <= 200; i++) printf \
    "CEF:0|V|P|1|1|n|5|rt=1772359200000 act=deny src=203.0.113.7 " \
    "dst=192.0.2.1 dpt=%d\n", i }' >"$T/a.log"
sed -i '2s/.*/CEF:0|V|P|cut/' "$T/a.log"
printf 'CEF:0|V|P|cut\n' >"$T/b.log"
printf 'garbage\n' >"$T/c.log"
printf '%s\n' "    no known format: 1 (c.log:1)" \
    "    cef: fewer than 7 header fields: 2 (a.log:2, b.log:1)" >"$T/want"
for j in "-j 1" "-j 2 --piece-size 4K" "-j 3" "-j 3 --piece-size 4K"; do
	# shellcheck disable=SC2086
	run "$SCANSPOT" detect --output csv --tz UTC $j c.log a.log b.log
	grep -E '^    (cef|no known)' "$T/err" >"$T/got"
	show_diff "$T/want" "$T/got" "summary in input order, $j"
done
finish
