#!/usr/bin/env python3
"""Writes bench/samples/mikrotik.log: about 2000 MikroTik RouterOS
firewall log lines as a syslog server stores them: input and forward
chains, with and without a log prefix, TCP with flags, UDP, ICMP with
type and code, IPv6 in brackets, dst-nat lines, with documentation
addresses only.  Deterministic: the same file on every run.

	python3 bench/samples/gen_mikrotik.py > bench/samples/mikrotik.log
"""
import random

rng = random.Random(17)
SRC4 = ["203.0.113.%d" % i for i in range(1, 60)] + \
    ["198.51.100.%d" % i for i in range(1, 40)]
DST4 = ["192.0.2.%d" % i for i in range(1, 30)]
SRC6 = ["2001:db8:5::%x" % i for i in range(1, 40)]
DST6 = ["2001:db8:1::%x" % i for i in range(1, 20)]
PORTS = [21, 22, 23, 25, 53, 80, 110, 123, 143, 161, 443, 445, 993, 1433,
         3306, 3389, 5900, 8080, 8443]


def pair(v6, ports):
    src = rng.choice(SRC6 if v6 else SRC4)
    dst = rng.choice(DST6 if v6 else DST4)
    if not ports:
        return "%s->%s" % (src, dst)
    sport, dport = rng.randrange(32768, 61000), rng.choice(PORTS)
    if v6:
        return "[%s]:%d->[%s]:%d" % (src, sport, dst, dport)
    return "%s:%d->%s:%d" % (src, sport, dst, dport)


def line(s):
    v6 = rng.random() < 0.15
    kind = rng.choice(["tcp", "tcp", "tcp", "udp", "icmp"])
    prefix = rng.choice(["", "drop-tcp ", "DROP-WAN ", "scan-drop ",
                         "accept-log "])
    chain = rng.choice(["input", "input", "forward"])
    out = "(unknown 0)" if chain == "input" else "bridge"
    if kind == "icmp":
        proto = "ICMP (type 8, code 0), " + pair(v6, False)
    elif kind == "udp":
        proto = "UDP, " + pair(v6, True)
    else:
        proto = "TCP (%s), %s" % (rng.choice(["SYN", "SYN", "ACK,FIN"]),
                                   pair(v6, True))
    nat = ""
    if chain == "forward" and not v6 and rng.random() < 0.2:
        nat = ", NAT %s->(%s:80->192.0.2.9:80)" % (rng.choice(SRC4),
                                                   rng.choice(DST4))
    return ("Mar  3 %02d:%02d:%02d gw01 firewall,info %s%s: in:ether1 "
            "out:%s, connection-state:new src-mac 00:00:5e:00:53:01, "
            "proto %s%s, len %d"
            % (s // 3600 % 24, s // 60 % 60, s % 60, prefix, chain, out,
               proto, nat, rng.choice([40, 44, 52, 60, 84])))


def main():
    s = 10 * 3600
    for _ in range(2000):
        s += rng.choice([0, 0, 1, 2])
        print(line(s))


main()
