#!/usr/bin/env python3
"""Writes bench/samples/panos.log: about 2000 PAN-OS CSV syslog lines,
mostly TRAFFIC drops and denies of an inbound scan, with allowed sessions,
THREAT scan and vulnerability records (some with the PAN-OS 10 High
Resolution Timestamp) and quoted fields holding commas.  The output is
the same on every run (fixed seed); documentation addresses only."""
import random

rng = random.Random(5)
LINES = 2000
T0 = 1772359200  # 2026-03-01T10:00:00Z


def pan(t):
    return "2026/03/01 %02d:%02d:%02d" % (t // 3600 % 24, t // 60 % 60,
                                          t % 60)


def bsd(t):
    return "Mar  1 %02d:%02d:%02d" % (t // 3600 % 24, t // 60 % 60, t % 60)


def traffic(t, sub, src, sport, dst, dport, proto, action, rule):
    return ("<14>%s pa-edge-01 1,%s,013201001234,TRAFFIC,%s,2561,%s,%s,%s,"
            "0.0.0.0,0.0.0.0,%s,,,not-applicable,vsys1,untrust,trust,"
            "ethernet1/1,,default,%s,%d,1,%d,%d,0,0,0x0,%s,%s,60,60,0,1,"
            "%s,0,any,0,%d,0x0,NL,192.0.2.0-192.0.2.255,0,1,0,policy-deny,"
            "0,0,0,0,,pa-edge-01,from-policy,,,0,,0,,N/A,0,0,0,0"
            % (bsd(t), pan(t), sub, pan(t), src, dst, rule, pan(t),
               rng.randrange(1, 1 << 20), sport, dport, proto, action,
               pan(t), rng.randrange(1 << 40)))


def threat(t, sub, src, dst, dport, action, name, hires):
    line = ("<14>%s pa-edge-01 1,%s,013201001234,THREAT,%s,2561,%s,%s,%s,"
            "0.0.0.0,0.0.0.0,\"inbound, default\",,,not-applicable,vsys1,"
            "untrust,trust,ethernet1/1,,default,%s,0,1,%d,%d,0,0,0x0,tcp,"
            "%s,,%s,any,critical,client-to-server,%d,0x0,NL,"
            "192.0.2.0-192.0.2.255,0,"
            % (bsd(t), pan(t), sub, pan(t), src, dst, pan(t),
               rng.randrange(1024, 65536), dport, action, name,
               rng.randrange(1 << 40)))
    if hires:
        line += "," * 65 + "2026-03-01T%02d:%02d:%02d.%03dZ,,,,," % (
            t // 3600 % 24, t // 60 % 60, t % 60, rng.randrange(1000))
    return line


def main():
    out = []
    for i in range(LINES):
        t = T0 + i // 4
        src = "203.0.113.%d" % rng.randrange(1, 255)
        dst = "192.0.2.%d" % rng.randrange(1, 255)
        r = rng.random()
        if r < 0.70:
            out.append(traffic(t, rng.choice(["drop", "deny"]), src,
                               rng.randrange(1024, 65536), dst,
                               rng.randrange(1, 1024), "tcp",
                               rng.choice(["deny", "drop", "reset-both"]),
                               "deny-inbound"))
        elif r < 0.88:
            out.append(traffic(t, "end", "198.51.100.%d"
                               % rng.randrange(1, 255),
                               rng.randrange(1024, 65536), dst, 443,
                               "tcp", "allow", "allow-web"))
        elif r < 0.94:
            out.append(threat(t, "scan", src, dst, 0, "block-ip",
                              "TCP Port Scan(8001)", False))
        else:
            out.append(threat(t, "vulnerability", src, dst, 22,
                              "reset-both", "SSH Brute Force(40015)",
                              True))
    print("\n".join(out))


main()
