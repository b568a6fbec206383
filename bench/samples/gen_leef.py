#!/usr/bin/env python3
"""Writes bench/samples/leef.log: about 2000 LEEF lines: LEEF 1.0 with
tabs, LEEF 2.0 with "^", and PAN-OS's LEEF 2.0 template with "x7C",
mostly denies of an inbound scan.  The output is the same on every run
(fixed seed); documentation addresses only."""
import random

rng = random.Random(7)
LINES = 2000
T0 = 1772359200  # 2026-03-01T10:00:00Z


def bsd(t):
    return "Mar  1 %02d:%02d:%02d" % (t // 3600 % 24, t // 60 % 60, t % 60)


def main():
    out = []
    for i in range(LINES):
        t = T0 + i // 4
        src = "203.0.113.%d" % rng.randrange(1, 255)
        dst = "192.0.2.%d" % rng.randrange(1, 255)
        sport, dport = rng.randrange(1024, 65536), rng.randrange(1, 1024)
        act = rng.choice(["deny", "deny", "drop", "allow"])
        r = rng.random()
        if r < 0.4:
            out.append("<13>%s qradar-fw LEEF:1.0|ExampleCo|EdgeFW|4.2|"
                       "FW_%s|cat=firewall\tsrc=%s\tdst=%s\tsrcPort=%d\t"
                       "dstPort=%d\tproto=TCP\taction=%s\tsev=5\t"
                       "devTime=%d%03d" % (bsd(t), act.upper(), src, dst,
                                           sport, dport, act, t,
                                           rng.randrange(1000)))
        elif r < 0.7:
            out.append("<13>%s edge-02 LEEF:2.0|ExampleCo|EdgeIPS|1.0|41|"
                       "^|devTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSZ^"
                       "devTime=2026-03-01T%02d:%02d:%02d.%03d+0000^"
                       "src=%s^dst=%s^srcPort=%d^dstPort=%d^proto=6^"
                       "act=%s^usrName=-"
                       % (bsd(t), t // 3600 % 24, t // 60 % 60, t % 60,
                          rng.randrange(1000), src, dst, sport, dport,
                          act))
        else:
            out.append("<14>%s pa-edge-01 LEEF:2.0|Palo Alto Networks|"
                       "PAN-OS Syslog Integration|10.1.0|%s|x7C|"
                       "ReceiveTime=2026/03/01 %02d:%02d:%02d|"
                       "SerialNumber=013201001234|cat=TRAFFIC|"
                       "Subtype=drop|devTime=Mar 01 2026 %02d:%02d:%02d GMT"
                       "|src=%s|dst=%s|srcPostNAT=0.0.0.0|RuleName=deny|"
                       "srcPort=%d|dstPort=%d|proto=tcp|action=%s|"
                       "totalBytes=60"
                       % (bsd(t), act, t // 3600 % 24, t // 60 % 60,
                          t % 60, t // 3600 % 24, t // 60 % 60, t % 60,
                          src, dst, sport, dport, act))
    print("\n".join(out))


main()
