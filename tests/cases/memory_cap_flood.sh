#!/bin/sh
# Issue: bounded memory under a flood of spoofed sources.  Ten million
# denied VPC flow records from ten million distinct sources, spread over
# ten minutes (two bins), with two real scanners hidden in the first
# seconds: 203.0.113.1 probes ports 1..100 of 192.0.2.10 (one probe every
# thousand flood records from record 500), 203.0.113.2 port 22 of
# 192.0.2.101..140 (one every two thousand from record 700).  With
# --max-memory 256M the process must stay under the cap (plus a small
# fixed allowance for buffers and the program), say how many events left
# exact counting, and still report both scanners with exact counts.
#
# Worked out by hand: record i is at 10:00:00 + floor(i * 600 / 10^7) s.
# Scanner 1: i = 500, 1500, ..., 99500, so 10:00:00 .. 10:00:05 (99500 *
# 6e-5 = 5.97): 100 attempts, 100 ports, 1 host, duration 5 s, M = 0, so
# 100 per minute.  Scanner 2: i = 700 .. 78700: 10:00:00 .. 10:00:04:
# 40 attempts, 40 hosts, port 22, duration 4 s, 40 per minute.
. "$(dirname "$0")/include/lib.sh"

[ -x /usr/bin/time ] || { echo "/usr/bin/time is not installed"; exit 77; }
cap_mib=256
allow_mib=16
awk -v n=10000000 -v span=600 '
BEGIN {
	t0 = 1709460000
	for (i = 0; i < n; i++) {
		t = t0 + int(i * span / n)
		a = 16777216 + i
		printf "2 123456789012 eni-0a1b2c3d %d.%d.%d.%d 192.0.2.%d " \
		    "%d 445 6 1 40 %d %d REJECT OK\n", int(a / 16777216) % 256,
		    int(a / 65536) % 256, int(a / 256) % 256, a % 256,
		    i % 200 + 1, 1024 + i % 60000, t, t + 1
		if (i % 1000 == 500 && p < 100) {
			p++
			printf "2 123456789012 eni-0a1b2c3d 203.0.113.1 " \
			    "192.0.2.10 40000 %d 6 1 40 %d %d REJECT OK\n",
			    p, t, t + 1
		}
		if (i % 2000 == 700 && h < 40) {
			h++
			printf "2 123456789012 eni-0a1b2c3d 203.0.113.2 " \
			    "192.0.2.%d 40001 22 6 1 40 %d %d REJECT OK\n",
			    100 + h, t, t + 1
		}
	}
}' | /usr/bin/time -f '%M' -o "$T/rss" "$SCANSPOT" detect -f vpcflow \
    --tz UTC --max-memory ${cap_mib}M -j 1 -o csv - >"$T/out" 2>"$T/err"
RC=$?
LAST="scanspot detect -f vpcflow --max-memory ${cap_mib}M (10^7 records)"
expect_rc 1 "findings reported"

ports=$(seq -s, 1 50)
expect_csv "the two scanners, exact" <<EOF2
2024-03-03T10:00:00Z,203.0.113.1,Aggressive Port Scan,100,1,100,100,"[$ports]",5,2024-03-03T10:00:00.000Z,2024-03-03T10:00:05.000Z,AWS,VPC Flow Logs
2024-03-03T10:00:00Z,203.0.113.2,IP Block Sweep,1,40,40,40,"[22]",4,2024-03-03T10:00:00.000Z,2024-03-03T10:00:04.000Z,AWS,VPC Flow Logs
EOF2
expect_err_has "10000140 events" "every record read"
expect_err_has "left exact counting" "the summary says what the cap dropped"

rss_kib=$(tail -n 1 "$T/rss")
limit_kib=$(( (cap_mib + allow_mib) * 1024 ))
if [ "$rss_kib" -gt "$limit_kib" ]; then
	echo "FAIL: peak resident memory $rss_kib KiB over $limit_kib KiB"
	STATUS=1
fi
echo "peak resident memory: $rss_kib KiB (cap $cap_mib MiB)"
finish
