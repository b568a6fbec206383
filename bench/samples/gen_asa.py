#!/usr/bin/env python3
"""Writes bench/samples/asa.log: about 2000 Cisco ASA, FTD and IOS syslog
lines for the parser benchmark (parse_bench asa bench/samples/asa.log).

Deterministic (fixed seed); documentation addresses only.  The mix is what
a perimeter ASA sends: mostly 106023 denies, access-list hits (106100),
connection set-up and tear-down messages that carry no verdict, a few
threat-detection and IOS access-list lines, under the header shapes the
parser reads.
"""
import random
import sys

LINES = 2000
rng = random.Random(20240303)

SRC4 = ["198.51.100.%d" % i for i in range(1, 255)] + \
    ["203.0.113.%d" % i for i in range(1, 255)]
DST4 = ["192.0.2.%d" % i for i in range(1, 255)]
SRC6 = ["2001:db8:%x::%x" % (rng.randrange(1, 0xffff), i)
        for i in range(1, 64)]
DST6 = ["2001:db8:1::%x" % i for i in range(1, 64)]
PORTS = [21, 22, 23, 25, 53, 80, 110, 135, 139, 143, 443, 445, 993,
         1433, 3306, 3389, 5060, 5900, 8080, 8443]


def stamp(sec):
    """The device time of second sec after 2024-03-03 10:00:00."""
    h, rest = divmod(sec, 3600)
    m, s = divmod(rest, 60)
    return "%02d:%02d:%02d" % (10 + h, m, s)


def header(sec):
    t = stamp(sec)
    kind = rng.randrange(5)
    if kind == 0:
        return "<164>Mar 03 2024 %s: " % t
    if kind == 1:
        return "Mar  3 %s 192.0.2.1 Mar 03 2024 %s: " % (t, t)
    if kind == 2:
        return "<166>Mar 03 2024 %s asa01 : " % t
    if kind == 3:
        return "2024-03-03T%sZ ftd01 : " % t
    return "Mar  3 %s asa02 " % t


def deny_106023(v6):
    src = rng.choice(SRC6 if v6 else SRC4)
    dst = rng.choice(DST6 if v6 else DST4)
    proto = rng.choice(["tcp", "tcp", "tcp", "udp"])
    return ('%%ASA-4-106023: Deny %s src outside:%s/%d dst inside:%s/%d '
            'by access-group "outside_access_in" [0x0, 0x0]' %
            (proto, src, rng.randrange(1024, 65536), dst,
             rng.choice(PORTS)))


def acl_106100():
    verdict = rng.choice(["denied", "denied", "permitted"])
    return ("%%ASA-6-106100: access-list outside_in %s tcp "
            "outside/%s(%d) -> inside/%s(%d) hit-cnt 1 first hit "
            "[0x1d5dc28a, 0x00000000]" %
            (verdict, rng.choice(SRC4), rng.randrange(1024, 65536),
             rng.choice(DST4), rng.choice(PORTS)))


def built_302013():
    a, b = rng.choice(SRC4), rng.choice(DST4)
    p, q = rng.randrange(1024, 65536), rng.choice(PORTS)
    return ("%%ASA-6-302013: Built inbound TCP connection %d for "
            "outside:%s/%d (%s/%d) to inside:%s/%d (%s/%d)" %
            (rng.randrange(1, 10**9), a, p, a, p, b, q, b, q))


def misc():
    k = rng.randrange(6)
    a, b = rng.choice(SRC4), rng.choice(DST4)
    if k == 0:
        return ("%%ASA-2-106001: Inbound TCP connection denied from "
                "%s/%d to %s/%d flags SYN on interface outside" %
                (a, rng.randrange(1024, 65536), b, rng.choice(PORTS)))
    if k == 1:
        return ("%%ASA-2-106006: Deny inbound UDP from %s/%d to %s/%d "
                "on interface outside" %
                (a, rng.randrange(1024, 65536), b, rng.choice(PORTS)))
    if k == 2:
        return ("%%ASA-3-710003: TCP access denied by ACL from %s/%d "
                "to outside:%s/%d" % (a, rng.randrange(1024, 65536), b,
                                      rng.choice(PORTS)))
    if k == 3:
        return ("%ASA-4-733100: [ Scanning] drop rate-1 exceeded. "
                "Current burst rate is 11 per second, max configured "
                "rate is 10; Current average rate is 2 per second, max "
                "configured rate is 5; Cumulative total count is 1302")
    if k == 4:
        return ("%%SEC-6-IPACCESSLOGP: list OUTSIDE-IN denied tcp "
                "%s(%d) -> %s(%d), 1 packet" %
                (a, rng.randrange(1024, 65536), b, rng.choice(PORTS)))
    return ("%%ASA-6-106015: Deny TCP (no connection) from %s/%d to "
            "%s/%d flags RST  on interface outside" %
            (a, rng.randrange(1024, 65536), b, rng.choice(PORTS)))


def main():
    out = sys.stdout
    for i in range(LINES):
        r = rng.random()
        if r < 0.55:
            body = deny_106023(rng.random() < 0.1)
        elif r < 0.70:
            body = acl_106100()
        elif r < 0.85:
            body = built_302013()
        else:
            body = misc()
        out.write(header(i // 4) + body + "\n")


if __name__ == "__main__":
    main()
