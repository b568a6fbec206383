#!/usr/bin/env python3
"""Writes bench/samples/eve.log: about 2000 Suricata eve.json records,
documentation addresses only: alerts (blocked and allowed), drops, flows
with and without replies, and the http, dns, tls and stats records a real
eve.json is mostly made of.  Deterministic: the same file on every run."""
import json
import os
import random

rnd = random.Random(21)
here = os.path.dirname(os.path.abspath(__file__))


def stamp(t):
    sec = int(t)
    usec = int((t - sec) * 1e6)
    h, m, s = sec // 3600 % 24, sec // 60 % 60, sec % 60
    return "2024-03-03T%02d:%02d:%02d.%06d-0500" % ((h + 19) % 24, m, s, usec)


def common(t, etype, proto="TCP"):
    return {"timestamp": stamp(t), "flow_id": rnd.randint(10**14, 10**15),
            "in_iface": "eth0", "event_type": etype,
            "src_ip": "203.0.113.%d" % rnd.randint(1, 254),
            "src_port": rnd.randint(1024, 65535),
            "dest_ip": "192.0.2.%d" % rnd.randint(1, 254),
            "dest_port": rnd.randint(1, 10000), "proto": proto}


def record(t):
    kind = rnd.random()
    if kind < 0.2:
        r = common(t, "alert")
        r["alert"] = {"action": rnd.choice(["blocked", "allowed"]), "gid": 1,
                      "signature_id": 2010935, "rev": 3,
                      "signature": "ET SCAN Suspicious inbound to MSSQL "
                                   "port 1433", "category":
                      "Potentially Bad Traffic", "severity": 2}
        r["flow"] = {"pkts_toserver": 1, "pkts_toclient": 0,
                     "bytes_toserver": 60, "bytes_toclient": 0,
                     "start": stamp(t)}
    elif kind < 0.3:
        r = common(t, "drop")
        r["drop"] = {"len": 60, "tos": 0, "ttl": 49, "ipid": 4242,
                     "tcpseq": 1, "tcpack": 0, "tcpwin": 1024, "syn": True,
                     "ack": False, "psh": False, "rst": False, "urg": False,
                     "fin": False, "tcpres": 0, "tcpurgp": 0}
    elif kind < 0.55:
        r = common(t, "flow")
        reply = rnd.random() < 0.4
        r["app_proto"] = "failed"
        r["flow"] = {"pkts_toserver": 1, "pkts_toclient": 1 if reply else 0,
                     "bytes_toserver": 60, "bytes_toclient": 54 if reply
                     else 0, "start": stamp(t - 60), "end": stamp(t - 60),
                     "age": 0, "state": "closed" if reply else "new",
                     "reason": "timeout", "alerted": False}
        r["tcp"] = {"tcp_flags": "16" if reply else "02",
                    "tcp_flags_ts": "02", "tcp_flags_tc": "14" if reply
                    else "00", "syn": True, "state": "closed" if reply
                    else "syn_sent"}
    elif kind < 0.75:
        r = common(t, "http")
        r["http"] = {"hostname": "www.example.com", "url": "/index.html",
                     "http_user_agent": "Mozilla/5.0 (X11; Linux x86_64)",
                     "http_content_type": "text/html", "http_method": "GET",
                     "protocol": "HTTP/1.1", "status": 200, "length": 5120}
    elif kind < 0.9:
        r = common(t, "dns", "UDP")
        r["dns"] = {"type": "query", "id": rnd.randint(1, 65535),
                    "rrname": "www.example.org", "rrtype": "A", "tx_id": 0}
    else:
        r = common(t, "tls")
        r["tls"] = {"subject": "CN=www.example.net", "issuerdn":
                    "CN=Example CA", "serial": "0D:CE:DC:BC",
                    "fingerprint": "18:3c:11:45:46:e9:26:c7", "sni":
                    "www.example.net", "version": "TLS 1.2"}
    return json.dumps(r, separators=(",", ":"))


def main():
    t = 1709460000.0
    lines = []
    for _ in range(2000):
        t += rnd.uniform(0, 0.5)
        lines.append(record(t))
    with open(os.path.join(here, "eve.log"), "w") as fp:
        fp.write("\n".join(lines) + "\n")


main()
