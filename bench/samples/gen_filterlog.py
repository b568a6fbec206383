#!/usr/bin/env python3
"""Writes bench/samples/filterlog.log: about 2000 pfSense and OPNsense
filterlog lines (BSD and RFC 5424 framing, IPv4 and IPv6, TCP, UDP, ICMP),
with documentation addresses only.  Deterministic: the same file on every
run.

	python3 bench/samples/gen_filterlog.py > bench/samples/filterlog.log
"""
import random

rng = random.Random(3)
SRC4 = ["203.0.113.%d" % i for i in range(1, 60)] + \
    ["198.51.100.%d" % i for i in range(1, 40)]
DST4 = ["192.0.2.%d" % i for i in range(1, 30)]
SRC6 = ["2001:db8:5::%x" % i for i in range(1, 40)]
DST6 = ["2001:db8:1::%x" % i for i in range(1, 20)]
PORTS = [21, 22, 23, 25, 53, 80, 110, 123, 143, 161, 443, 445, 993, 1433,
         3306, 3389, 5900, 8080, 8443]


def stamp(i):
    s = 7 * 3600 + i * 3
    return "Mar  3 %02d:%02d:%02d" % (s // 3600, s // 60 % 60, s % 60)


def iso(i):
    s = 7 * 3600 + i * 3
    return "2024-03-03T%02d:%02d:%02d.%06dZ" % (
        s // 3600, s // 60 % 60, s % 60, rng.randrange(1000000))


def header(i, opn):
    if opn and i % 2:
        return "<134>1 %s opnsense.example filterlog %d - " \
            "[meta sequenceId=\"%d\"] " % (iso(i), 40000 + i % 7, i)
    if i % 3 == 0:
        return "<134>%s filterlog[66047]: " % stamp(i)
    return "%s pfsense.example filterlog[66047]: " % stamp(i)


def common(opn, action, direction, ver):
    label = "%032x" % rng.getrandbits(128) if opn else \
        str(1000000000 + rng.randrange(1000000))
    return "%d,,,%s,igb0,match,%s,%s,%d," % (
        rng.randrange(1, 200), label, action, direction, ver)


def tail(proto, sport, dport):
    if proto == 6:
        return "%d,%d,0,S,%d,,64240,,mss;sackOK;TS;nop;wscale" % (
            sport, dport, rng.getrandbits(32))
    if proto == 17:
        return "%d,%d,%d" % (sport, dport, rng.randrange(8, 200))
    return "datalength=64,echoreq,0,%d,1," % rng.randrange(65536)


def line(i):
    opn = i % 4 == 1
    action = "block" if rng.random() < 0.85 else "pass"
    direction = "in" if rng.random() < 0.95 else "out"
    proto = rng.choice([6, 6, 6, 6, 17, 17, 1])
    sport, dport = rng.randrange(32768, 61000), rng.choice(PORTS)
    name = {6: "tcp", 17: "udp", 1: "icmp"}[proto]
    if rng.random() < 0.2:
        if proto == 1:
            proto, name = 58, "ICMPv6"
        return header(i, opn) + common(opn, action, direction, 6) + \
            "0x00,0x%05x,64,%s,%d,40,%s,%s,%s" % (
                rng.randrange(1 << 20), name.upper(), proto,
                rng.choice(SRC6), rng.choice(DST6),
                tail(proto, sport, dport))
    return header(i, opn) + common(opn, action, direction, 4) + \
        "0x0,,%d,%d,0,%s,%d,%s,60,%s,%s,%s" % (
            rng.randrange(30, 128), rng.randrange(65536),
            rng.choice(["DF", "none"]), proto, name,
            rng.choice(SRC4), rng.choice(DST4), tail(proto, sport, dport))


for n in range(2000):
    print(line(n))
