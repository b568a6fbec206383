#!/usr/bin/env python3
"""Writes bench/samples/fast.log: about 2000 Snort and Suricata fast alert
lines, documentation addresses only: Suricata IPS drops and alerts with a
four-digit year, Snort 2 alerts without a year, IPv6 and ICMP lines.
Deterministic: the same file on every run."""
import os
import random

rnd = random.Random(5)
here = os.path.dirname(os.path.abspath(__file__))
rules = [
    (2010935, "ET SCAN Suspicious inbound to MSSQL port 1433",
     "Potentially Bad Traffic", 2),
    (2001219, "ET SCAN Potential SSH Scan", "Attempted Information Leak", 2),
    (2008578, "ET SCAN Sipvicious Scan", "Attempted Information Leak", 2),
    (2024364, "ET SCAN Possible Nmap User-Agent Observed",
     "Web Application Attack", 1),
]


def stamp(t, year):
    sec = int(t)
    usec = int((t - sec) * 1e6)
    h, m, s = 10 + sec // 3600 % 12, sec // 60 % 60, sec % 60
    date = "03/03/2024" if year else "03/03"
    return "%s-%02d:%02d:%02d.%06d" % (date, h, m, s, usec)


def line(t):
    sid, msg, cls, prio = rnd.choice(rules)
    suricata = rnd.random() < 0.6
    marker = ""
    if suricata and rnd.random() < 0.5:
        marker = rnd.choice(["[Drop] ", "[wDrop] "])
    kind = rnd.random()
    if kind < 0.8:
        proto = rnd.choice(["TCP", "UDP"])
        pkt = "{%s} 203.0.113.%d:%d -> 192.0.2.%d:%d" % (
            proto, rnd.randint(1, 254), rnd.randint(1024, 65535),
            rnd.randint(1, 254), rnd.randint(1, 10000))
    elif kind < 0.9:
        pkt = "{TCP} 2001:db8:%x::%x:%d -> 2001:db8::%x:%d" % (
            rnd.randint(1, 0xffff), rnd.randint(1, 0xffff),
            rnd.randint(1024, 65535), rnd.randint(1, 0xffff),
            rnd.randint(1, 10000))
    else:
        pkt = "{ICMP} 198.51.100.%d%s -> 192.0.2.%d%s" % (
            rnd.randint(1, 254), ":8" if suricata else "",
            rnd.randint(1, 254), ":0" if suricata else "")
    return "%s  %s[**] [1:%d:%d] %s [**] [Classification: %s] " \
        "[Priority: %d] %s" % (stamp(t, suricata), marker, sid,
                               rnd.randint(1, 9), msg, cls, prio, pkt)


def main():
    t = 0.0
    lines = []
    for _ in range(2000):
        t += rnd.uniform(0, 2)
        lines.append(line(t))
    with open(os.path.join(here, "fast.log"), "w") as fp:
        fp.write("\n".join(lines) + "\n")


main()
