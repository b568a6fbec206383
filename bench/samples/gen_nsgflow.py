#!/usr/bin/env python3
"""Writes bench/samples/nsgflow.log: Azure NSG flow logs (version 2) for
the parser benchmark (parse_bench nsgflow bench/samples/nsgflow.log).

Deterministic (fixed seed); documentation addresses only.  Network
Watcher writes a blob as {"records":[...]} with one record per line; the
file holds about 2000 lines of such records, each with a few rules and
tuples: inbound denies (state B), allowed flows in states B, C and E.
"""
import json
import random
import sys

RECORDS = 2000
T0 = 1709460000  # 2024-03-03T10:00:00Z
rng = random.Random(20240303)

SRC4 = ["198.51.100.%d" % i for i in range(1, 255)] + \
    ["203.0.113.%d" % i for i in range(1, 255)]
DST4 = ["192.0.2.%d" % i for i in range(1, 255)]
PORTS = [21, 22, 23, 25, 53, 80, 110, 135, 139, 143, 443, 445, 993,
         1433, 3306, 3389, 5060, 5900, 8080, 8443]
NSGS = ["WEB-NSG", "DB-NSG", "EDGE-NSG"]


def tuple_v2(t, deny):
    proto = rng.choice("TTTU")
    if deny:
        return "%d,%s,%s,%d,%d,%s,I,D,B,,,," % (
            t, rng.choice(SRC4), rng.choice(DST4),
            rng.randrange(1024, 65536), rng.choice(PORTS), proto)
    state = rng.choice("BCE")
    counts = ",,,," if state == "B" else "%d,%d,%d,%d" % (
        rng.randrange(1, 50), rng.randrange(60, 9000),
        rng.randrange(1, 50), rng.randrange(60, 9000))
    return "%d,%s,%s,%d,443,T,I,A,%s,%s" % (
        t, rng.choice(SRC4), rng.choice(DST4), rng.randrange(1024, 65536),
        state, counts)


def record(i):
    t = T0 + i * 60
    nsg = rng.choice(NSGS)
    deny = [tuple_v2(t + k, True) for k in range(rng.randrange(2, 6))]
    allow = [tuple_v2(t + k, False) for k in range(rng.randrange(1, 3))]
    return {
        "time": "2024-03-03T%02d:%02d:00.0000000Z" % (
            10 + i // 60 % 14, i % 60),
        "systemId": "5f0d0e0a-1111-2222-3333-444455556666",
        "category": "NetworkSecurityGroupFlowEvent",
        "resourceId": "/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000000"
                      "/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.NETWORK/"
                      "NETWORKSECURITYGROUPS/" + nsg,
        "operationName": "NetworkSecurityGroupFlowEvents",
        "properties": {"Version": 2, "flows": [
            {"rule": "DefaultRule_DenyAllInBound", "flows": [
                {"mac": "000D3AF87856", "flowTuples": deny}]},
            {"rule": "UserRule_AllowHttps", "flows": [
                {"mac": "000D3AF87856", "flowTuples": allow}]},
        ]},
    }


def main():
    lines = [json.dumps(record(i), separators=(",", ":"))
             for i in range(RECORDS)]
    sys.stdout.write('{"records":[' + "\n,".join(lines) + "\n]}\n")


if __name__ == "__main__":
    main()
