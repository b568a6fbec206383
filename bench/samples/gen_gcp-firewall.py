#!/usr/bin/env python3
"""Writes bench/samples/gcp-firewall.log: about 2000 Google Cloud firewall
rules logging entries as JSON lines (what a Cloud Storage sink writes) for
the parser benchmark (parse_bench gcp-firewall bench/samples/...).

Deterministic (fixed seed); documentation addresses only.  Mostly DENIED
ingress probes, some ALLOWED entries, a few IPv6 and ICMP connections;
the protocol is the IANA number, as Google documents it.
"""
import json
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
VMS = ["web-1", "web-2", "db-1"]


def entry(i):
    kind = rng.randrange(20)
    v6 = kind == 0
    allowed = kind in (1, 2, 3)
    conn = {"src_ip": rng.choice(SRC6 if v6 else SRC4),
            "dest_ip": rng.choice(DST6 if v6 else DST4),
            "protocol": 1 if kind == 4 else 17 if kind == 5 else 6}
    if kind != 4:
        conn["src_port"] = rng.randrange(1024, 65536)
        conn["dest_port"] = rng.choice(PORTS)
    sec = i // 2
    stamp = "2024-03-03T%02d:%02d:%02d.%06dZ" % (
        10 + sec // 3600, sec // 60 % 60, sec % 60, rng.randrange(10**6))
    return {
        "insertId": "%015x" % rng.randrange(1 << 60),
        "jsonPayload": {
            "connection": conn,
            "disposition": "ALLOWED" if allowed else "DENIED",
            "instance": {"project_id": "example-project",
                         "region": "us-central1",
                         "vm_name": rng.choice(VMS),
                         "zone": "us-central1-a"},
            "rule_details": {
                "action": "ALLOW" if allowed else "DENY",
                "direction": "INGRESS",
                "priority": 1000,
                "reference": "network:default/firewall:" +
                             ("allow-web" if allowed else "deny-all"),
                "source_range": ["0.0.0.0/0"]},
            "vpc": {"project_id": "example-project",
                    "subnetwork_name": "default", "vpc_name": "default"},
        },
        "logName": "projects/example-project/logs/"
                   "compute.googleapis.com%2Ffirewall",
        "receiveTimestamp": stamp,
        "resource": {"labels": {"location": "us-central1-a",
                                "project_id": "example-project",
                                "subnetwork_id": "1234567890",
                                "subnetwork_name": "default"},
                     "type": "gce_subnetwork"},
        "timestamp": stamp,
    }


def main():
    for i in range(LINES):
        sys.stdout.write(json.dumps(entry(i), separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
