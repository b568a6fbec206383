#!/usr/bin/env python3
"""Writes bench/samples/checkpoint.log: about 2000 Check Point Log
Exporter syslog lines ([key:"value"; ...]), mostly drops of an inbound
scan, with accepted connections, a few aggregated drop records with a
packets list, and RFC 5424 structured-data records.  The output is the
same on every run (fixed seed); documentation addresses only."""
import random

rng = random.Random(11)
LINES = 2000
T0 = 1772359200  # 2026-03-01T10:00:00Z


def iso(t):
    return "2026-03-01T%02d:%02d:%02dZ" % (t // 3600 % 24, t // 60 % 60,
                                           t % 60)


def record(t, action, src, sport, dst, dport):
    return ('<134>1 %s gw-01 CheckPoint 16700 - [action:"%s"; '
            'flags:"411908"; ifdir:"inbound"; ifname:"eth0"; logid:"0"; '
            'loguid:"{0x%x,0x0,0x6401a8c0,0x108620ab}"; '
            'origin:"192.0.2.254"; originsicname:"cn=cp_mgmt,o=gw-01..x1"; '
            'sequencenum:"1"; time:"%d"; version:"5"; dst:"%s"; '
            'inzone:"External"; layer_name:"Network"; match_id:"1"; '
            'parent_rule:"0"; rule_action:"%s"; rule_name:"Cleanup rule"; '
            'outzone:"Internal"; product:"VPN-1 & FireWall-1"; proto:"6"; '
            's_port:"%d"; service:"%d"; src:"%s"]'
            % (iso(t), action, rng.randrange(1 << 32), t, dst, action,
               sport, dport, src))


def aggregated(t, src):
    pk = " ".join("<%s,%d,192.0.2.%d,%d,6;eth0>"
                  % (src, rng.randrange(1024, 65536), rng.randrange(1, 255),
                     rng.randrange(1, 1024)) for _ in range(5))
    return ('<134>1 %s gw-01 CheckPoint 16700 - [action:"Drop"; '
            'flags:"409600"; ifdir:"inbound"; origin:"192.0.2.254"; '
            'time:"%d"; version:"5"; drop_reason:"matched optimized drop"; '
            'packet_amount:"5"; packets:" %s"]' % (iso(t), t, pk))


def structured(t, src, sport, dst, dport):
    return ('<85>1 %s 192.0.2.254 CP-GW - Log [Fields@1.3.6.1.4.1.2620 '
            'inzone="External" outzone="Internal" service_id="ssh" '
            'src="%s" dst="%s" proto="6" action="Drop" '
            'ProductName="VPN-1 & FireWall-1" svc="%d" sport_svc="%d" '
            'ProductFamily="Network" ]' % (iso(t), src, dst, dport, sport))


def main():
    out = []
    for i in range(LINES):
        t = T0 + i // 4
        src = "203.0.113.%d" % rng.randrange(1, 255)
        dst = "192.0.2.%d" % rng.randrange(1, 255)
        sport, dport = rng.randrange(1024, 65536), rng.randrange(1, 1024)
        r = rng.random()
        if r < 0.65:
            out.append(record(t, "Drop", src, sport, dst, dport))
        elif r < 0.85:
            out.append(record(t, "Accept", "198.51.100.%d"
                              % rng.randrange(1, 255), sport, dst, 443))
        elif r < 0.90:
            out.append(aggregated(t, src))
        else:
            out.append(structured(t, src, sport, dst, dport))
    print("\n".join(out))


main()
