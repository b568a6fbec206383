#!/usr/bin/env python3
"""Writes bench/samples/pflog.log: about 2000 lines of OpenBSD pf log text
as tcpdump -n -e -ttt -r /var/log/pflog prints it (IPv4 and IPv6, TCP,
UDP, ICMP), with documentation addresses only.  Deterministic: the same
file on every run.

	python3 bench/samples/gen_pflog.py > bench/samples/pflog.log
"""
import random

rng = random.Random(5)
SRC4 = ["203.0.113.%d" % i for i in range(1, 60)] + \
    ["198.51.100.%d" % i for i in range(1, 40)]
DST4 = ["192.0.2.%d" % i for i in range(1, 30)]
SRC6 = ["2001:db8:5::%x" % i for i in range(1, 40)]
DST6 = ["2001:db8:1::%x" % i for i in range(1, 20)]
PORTS = [21, 22, 23, 25, 53, 80, 110, 123, 143, 161, 443, 445, 993, 1433,
         3306, 3389, 5900, 8080, 8443]


def stamp(i):
    s = 7 * 3600 + i * 3
    return "Mar 03 %02d:%02d:%02d.%06d" % (
        s // 3600, s // 60 % 60, s % 60, rng.randrange(1000000))


def packet(v6):
    src = rng.choice(SRC6 if v6 else SRC4)
    dst = rng.choice(DST6 if v6 else DST4)
    kind = rng.choice(["tcp", "tcp", "tcp", "tcp", "udp", "icmp"])
    sport, dport = rng.randrange(32768, 61000), rng.choice(PORTS)
    if kind == "icmp":
        word = "icmp6" if v6 else "icmp"
        return "%s > %s: %s: echo request" % (src, dst, word)
    if kind == "udp":
        return "%s.%d > %s.%d: udp %d" % (src, sport, dst, dport,
                                          rng.randrange(8, 200))
    seq = rng.getrandbits(32)
    return "%s.%d > %s.%d: S %d:%d(0) win %d <mss 1460,nop,nop," \
        "sackOK,nop,wscale 7> (DF)" % (src, sport, dst, dport, seq, seq,
                                       rng.choice([512, 1024, 64240]))


def line(i):
    action = "block" if rng.random() < 0.85 else "pass"
    direction = "in" if rng.random() < 0.95 else "out"
    return "%s rule %d/(match) %s %s on em0: %s" % (
        stamp(i), rng.randrange(1, 40), action, direction,
        packet(rng.random() < 0.2))


for n in range(2000):
    print(line(n))
