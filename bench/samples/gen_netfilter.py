#!/usr/bin/env python3
"""Writes bench/samples/netfilter.log: 2000 ufw/iptables kernel lines with
ISO syslog times, mostly blocked probes, some allowed.  The same on every
run (fixed seed); documentation addresses only."""
import random
import sys

rng = random.Random(2)


def main():
    out = []
    for i in range(2000):
        src = "%s.%d" % (rng.choice(["203.0.113", "198.51.100"]),
                         rng.randrange(1, 255))
        prefix = "UFW BLOCK" if rng.random() < 0.9 else "UFW ALLOW"
        out.append("2026-03-01T10:%02d:%02d.%06d+00:00 gw01 kernel: [%s] "
                   "IN=eth0 OUT= MAC=00:00:5e:00:53:01:00:00:5e:00:53:02:"
                   "08:00 SRC=%s DST=192.0.2.%d LEN=44 TOS=0x00 PREC=0x00 "
                   "TTL=49 ID=%d PROTO=TCP SPT=%d DPT=%d WINDOW=1024 "
                   "RES=0x00 SYN URGP=0"
                   % (i // 60 % 60, i % 60, rng.randrange(10 ** 6), prefix,
                      src, rng.randrange(1, 255), rng.randrange(65536),
                      rng.randrange(1024, 65535), rng.randrange(1, 1024)))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
