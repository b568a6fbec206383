#!/usr/bin/env python3
"""Writes bench/samples/cef.log: 2000 CEF firewall lines behind an RFC 3164
header, mostly denies of a scan and background probes, with allowed
connections mixed in.  The same on every run (fixed seed); documentation
addresses only."""
import random
import sys

rng = random.Random(1)
T0 = 1772359200000  # 2026-03-01T10:00:00Z, milliseconds


def main():
    out = []
    for i in range(2000):
        src = "%s.%d" % (rng.choice(["203.0.113", "198.51.100"]),
                         rng.randrange(1, 255))
        act = "deny" if rng.random() < 0.9 else "allow"
        out.append("<134>Mar  1 10:%02d:%02d fw01 CEF:0|ExampleCo|EdgeFW|4.2|"
                   "4001|Inbound %s|5|rt=%d act=%s src=%s spt=%d "
                   "dst=192.0.2.%d dpt=%d proto=TCP dvchost=fw01"
                   % (i // 60 % 60, i % 60, act, T0 + i * 500, act, src,
                      rng.randrange(1024, 65535), rng.randrange(1, 255),
                      rng.randrange(1, 1024)))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
