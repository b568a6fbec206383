#!/usr/bin/env python3
"""Writes the example logs that `make demo` runs scanspot on.

Deterministic: the same files every time.  Attackers use the documentation
ranges 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 and 2001:db8::/32;
the protected hosts sit in 192.0.2.0/24 too, plus a few internal sources
that the detection must ignore.

    python3 scripts/make-examples.py    (run from the repository's top)
"""
import gzip
import random
from datetime import datetime, timedelta, timezone

rng = random.Random(1595)
BASE = datetime(2026, 3, 1, 10, 0, 0, tzinfo=timezone.utc)
TOP_PORTS = [21, 22, 23, 25, 53, 80, 110, 111, 135, 139, 143, 443, 445,
             993, 995, 1433, 1723, 3306, 3389, 5432, 5900, 6379, 8080, 8443]


def at(seconds):
    return BASE + timedelta(seconds=seconds)


def cef_line(t, act, src, dst, spt, dpt, proto="TCP"):
    ms = int(t.timestamp() * 1000)
    host = "edge-fw01.example.net"
    stamp = t.strftime("%b %d %H:%M:%S").replace(" 0", "  ", 1)
    return (f"<134>{stamp} {host} CEF:0|ExampleCo|EdgeFW|4.2|4001|"
            f"Inbound {act}|5|rt={ms} act={act} src={src} spt={spt} "
            f"dst={dst} dpt={dpt} proto={proto} dvchost={host}")


def nf_line(t, prefix, src, dst, spt, dpt, proto="TCP"):
    stamp = t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond:06d}+00:00"
    tail = (f"SPT={spt} DPT={dpt} WINDOW=1024 RES=0x00 SYN URGP=0"
            if proto == "TCP" else f"SPT={spt} DPT={dpt} LEN=40")
    ipid = rng.randrange(1, 65535)
    return (f"{stamp} gw01 kernel: [{prefix}] IN=eth0 OUT= "
            f"MAC=00:00:5e:00:53:01:00:00:5e:00:53:02:08:00 SRC={src} "
            f"DST={dst} LEN=44 TOS=0x00 PREC=0x00 TTL=49 ID={ipid} "
            f"PROTO={proto} {tail}")


def edge_cef():
    rows = []
    # a vertical scan of 24 common ports on one host
    for i, port in enumerate(TOP_PORTS):
        rows.append((at(361 + i * 4.5), "deny", "203.0.113.50",
                     "192.0.2.10", 40000 + i, port))
    # a slow sweep of port 3389 over 12 hosts, 3 tries each
    for i in range(36):
        rows.append((at(900 + i * 7), "blocked", "198.51.100.77",
                     f"192.0.2.{20 + i % 12}", 50000 + i, 3389))
    # background noise: single probes from many sources
    for i in range(120):
        rows.append((at(rng.uniform(0, 1800)), "deny",
                     f"198.51.100.{100 + i % 90}",
                     f"192.0.2.{rng.randrange(1, 60)}",
                     rng.randrange(1024, 65535), rng.choice(TOP_PORTS)))
    # internal hosts and allowed traffic do not count
    for i in range(40):
        rows.append((at(rng.uniform(0, 1800)), "deny", "10.20.30.40",
                     "192.0.2.5", 33000 + i, 1000 + i))
        rows.append((at(rng.uniform(0, 1800)), "allow", "203.0.113.9",
                     "192.0.2.80", 34000 + i, 443))
    rows.sort(key=lambda r: r[0])
    return [cef_line(*r) for r in rows]


def kern_log():
    rows = []
    # an IPv6 scan of 30 ports, logged by ip6tables
    for i in range(30):
        rows.append((at(1210 + i * 0.8), "UFW BLOCK", "2001:db8:beef::66",
                     "2001:db8:1::10", 61000, 1000 + i * 7))
    # stray DNS replies and a handful of allowed connections
    for i in range(8):
        rows.append((at(1300 + i * 9), "UFW BLOCK", "198.51.100.53",
                     "192.0.2.10", 53, 40000 + i * 977, "UDP"))
        rows.append((at(1300 + i * 11), "UFW ALLOW", "203.0.113.7",
                     "192.0.2.10", 45000 + i, 22))
    rows.sort(key=lambda r: r[0])
    return [nf_line(*r) for r in rows]


def sentinel_csv():
    head = ("TimeGenerated [UTC],DeviceVendor,DeviceProduct,DeviceAction,"
            "SourceIP,DestinationIP,DestinationPort,Protocol,Computer")
    lines = [head]
    for i in range(45):
        t = at(1500 + i * 2)
        stamp = t.strftime("%-m/%-d/%Y, %-I:%M:%S.") + \
            f"{t.microsecond // 1000:03d} " + t.strftime("%p")
        lines.append(f'"{stamp}",Palo Alto Networks,PAN-OS,Drop,'
                     f"192.0.2.200,192.0.2.{30 + i % 9},{[22, 445][i % 2]},"
                     f"TCP,pa-fw01")
    return lines


def main():
    with open("examples/edge-fw.cef.log", "w") as f:
        f.write("\n".join(edge_cef()) + "\n")
    with gzip.GzipFile("examples/kern.log.gz", "wb", mtime=0) as f:
        f.write(("\n".join(kern_log()) + "\n").encode())
    with open("examples/CommonSecurityLog.csv", "w") as f:
        f.write("\r\n".join(sentinel_csv()) + "\r\n")


if __name__ == "__main__":
    main()
