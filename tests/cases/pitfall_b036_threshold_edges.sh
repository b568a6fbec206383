#!/bin/sh
# Pitfall B036: thresholds are ">=": N-1 is not a finding, N and N+1 are.
#   ports:    203.0.113.9/.10/.11 hit 9/10/11 ports (1001...) of 192.0.2.1,
#             one attempt a second from 10:00:01; --min-ports 10.
#   hosts:    198.51.100.9/.10/.11 make 30 attempts to port 22, one a
#             second from 10:01:00, spread over 9/10/11 hosts
#             (192.0.2.100 + k mod n); --min-hosts 10 --min-attempts 30.
#   attempts: 203.0.113.129/.130/.131 make 29/30/31 attempts to port 22
#             of 5 hosts, one a second from 10:02:00; --min-hosts 5
#             --min-attempts 30.
# By hand (every group within one minute: M = 0, per minute = attempts;
# duration = attempts - 1 seconds):
#   ports: .10 and .11 are Port Scans (10, 11 ports); .9 is not.
#   hosts: .10 and .11 are IP Block Sweeps (hosts >= 10); .9 is not.
#   attempts: .130 and .131 are Limited IP Sweeps (5 hosts); .129 is not.
. "$TESTDIR/cases/include/lib.sh"
for f in pitfall_b036_ports.log pitfall_b036_hosts.log \
    pitfall_b036_attempts.log; do
	stage $f
done

detect --min-ports 10 pitfall_b036_ports.log
expect_csv "ports 9/10/11, --min-ports 10" <<'END'
2024-03-03T10:00:00Z,203.0.113.11,Port Scan,11,1,11,11,"[1001,1002,1003,1004,1005,1006,1007,1008,1009,1010,1011]",10,2024-03-03T10:00:01.000Z,2024-03-03T10:00:11.000Z,Linux,netfilter
2024-03-03T10:00:00Z,203.0.113.10,Port Scan,10,1,10,10,"[1001,1002,1003,1004,1005,1006,1007,1008,1009,1010]",9,2024-03-03T10:00:01.000Z,2024-03-03T10:00:10.000Z,Linux,netfilter
END

detect --min-hosts 10 --min-attempts 30 pitfall_b036_hosts.log
expect_csv "hosts 9/10/11, --min-hosts 10" <<'END'
2024-03-03T10:00:00Z,198.51.100.10,IP Block Sweep,1,10,30,30,"[22]",29,2024-03-03T10:01:00.000Z,2024-03-03T10:01:29.000Z,Linux,netfilter
2024-03-03T10:00:00Z,198.51.100.11,IP Block Sweep,1,11,30,30,"[22]",29,2024-03-03T10:01:00.000Z,2024-03-03T10:01:29.000Z,Linux,netfilter
END

detect --min-hosts 5 --min-attempts 30 pitfall_b036_attempts.log
expect_csv "attempts 29/30/31, --min-attempts 30" <<'END'
2024-03-03T10:00:00Z,203.0.113.131,Limited IP Sweep,1,5,31,31,"[22]",30,2024-03-03T10:02:00.000Z,2024-03-03T10:02:30.000Z,Linux,netfilter
2024-03-03T10:00:00Z,203.0.113.130,Limited IP Sweep,1,5,30,30,"[22]",29,2024-03-03T10:02:00.000Z,2024-03-03T10:02:29.000Z,Linux,netfilter
END
finish
