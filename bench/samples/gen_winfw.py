#!/usr/bin/env python3
"""Writes bench/samples/winfw.log: a Windows Defender Firewall log
(pfirewall.log) with its W3C header and about 2000 records: inbound drops
of a scan, allowed and outbound records, ICMP and a lost-events notice.
The output is the same on every run (fixed seed); documentation
addresses only."""
import random
import sys

rng = random.Random(5)
LINES = 2000

HEADER = """#Version: 1.5
#Software: Microsoft Windows Firewall
#Time Format: Local
#Fields: date time action protocol src-ip dst-ip src-port dst-port size \
tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path pid
"""


def when(i):
    t = 10 * 3600 + i // 3
    return "2026-03-01 %02d:%02d:%02d" % (t // 3600, t // 60 % 60, t % 60)


def main():
    out = [HEADER.rstrip("\n")]
    for i in range(LINES):
        ext = "203.0.113.%d" % rng.randrange(1, 255)
        host = "192.0.2.%d" % rng.randrange(1, 255)
        sport = rng.randrange(1024, 65536)
        r = rng.random()
        if r < 0.6:
            out.append("%s DROP TCP %s %s %d %d 52 S %d 0 64240 - - - "
                       "RECEIVE 4" % (when(i), ext, host, sport,
                                      rng.randrange(1, 1024),
                                      rng.randrange(1 << 32)))
        elif r < 0.7:
            out.append("%s DROP UDP %s %s %d %d 78 - - - - - - - RECEIVE 4"
                       % (when(i), ext, host, sport, rng.randrange(1, 1024)))
        elif r < 0.75:
            out.append("%s DROP ICMP %s %s - - 60 - - - - 8 0 - RECEIVE 0"
                       % (when(i), ext, host))
        elif r < 0.85:
            out.append("%s ALLOW TCP %s 198.51.100.%d %d 443 0 - - - - - - - "
                       "SEND 1234" % (when(i), host, rng.randrange(1, 255),
                                      sport))
        elif r < 0.999:
            out.append("%s ALLOW UDP %s 192.0.2.53 %d 53 0 - - - - - - - "
                       "SEND 2345" % (when(i), host, sport))
        else:
            out.append("%s INFO-EVENTS-LOST - - - - - - - - - - - - %d - -"
                       % (when(i), rng.randrange(1, 100)))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
