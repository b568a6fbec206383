#!/usr/bin/env python3
"""Writes bench/samples/vpcflow.log: about 2000 AWS VPC Flow Logs records
for the parser benchmark (parse_bench vpcflow bench/samples/vpcflow.log).

Deterministic (fixed seed); documentation addresses only.  The file is
what S3 delivery writes for the default version 2 format: the header line,
then records, mostly REJECTs of inbound probes, some ACCEPTs, IPv6, ICMP,
and a few NODATA and SKIPDATA records.
"""
import random
import sys

LINES = 2000
T0 = 1709460000  # 2024-03-03T10:00:00Z
rng = random.Random(20240303)

SRC4 = ["198.51.100.%d" % i for i in range(1, 255)] + \
    ["203.0.113.%d" % i for i in range(1, 255)]
DST4 = ["192.0.2.%d" % i for i in range(1, 255)]
SRC6 = ["2001:db8:%x::%x" % (rng.randrange(1, 0xffff), i)
        for i in range(1, 64)]
DST6 = ["2001:db8:1::%x" % i for i in range(1, 64)]
PORTS = [21, 22, 23, 25, 53, 80, 110, 135, 139, 143, 443, 445, 993,
         1433, 3306, 3389, 5060, 5900, 8080, 8443]
ENIS = ["eni-%017x" % rng.randrange(1 << 64) for _ in range(8)]
ACCOUNT = "123456789012"


def record(i):
    eni = rng.choice(ENIS)
    start = T0 + i // 4
    end = start + 60
    kind = rng.randrange(40)
    if kind == 0:
        return "2 %s %s - - - - - - - %d %d - NODATA" % (
            ACCOUNT, eni, start, end)
    if kind == 1:
        return "2 %s %s - - - - - - - %d %d - SKIPDATA" % (
            ACCOUNT, eni, start, end)
    v6 = kind < 6
    src = rng.choice(SRC6 if v6 else SRC4)
    dst = rng.choice(DST6 if v6 else DST4)
    if kind == 7:
        return "2 %s %s %s %s 0 0 1 4 336 %d %d REJECT OK" % (
            ACCOUNT, eni, src, dst, start, end)
    proto = 17 if kind in (8, 9) else 6
    action = "ACCEPT" if kind < 14 else "REJECT"
    packets = rng.randrange(1, 40)
    return "2 %s %s %s %s %d %d %d %d %d %d %d %s OK" % (
        ACCOUNT, eni, src, dst, rng.randrange(1024, 65536),
        rng.choice(PORTS), proto, packets, packets * 52, start, end,
        action)


def main():
    out = ["version account-id interface-id srcaddr dstaddr srcport "
           "dstport protocol packets bytes start end action log-status"]
    out += [record(i) for i in range(LINES - 1)]
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
