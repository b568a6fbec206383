#!/usr/bin/env python3
"""Writes bench/samples/srx.log: about 2000 Juniper SRX RT_FLOW lines,
mostly structured deny records of a scan, with created and closed
sessions, AppTrack records and plain-text denies mixed in.  The output is
the same on every run (fixed seed); documentation addresses only."""
import random
import sys

rng = random.Random(3)
LINES = 2000
T0 = 1772359200  # 2026-03-01T10:00:00Z


def stamp(t, ms):
    h, m, s = t // 3600 % 24, t // 60 % 60, t % 60
    return "2026-03-01T%02d:%02d:%02d.%03dZ" % (h, m, s, ms)


def bsd(t):
    return "Mar  1 %02d:%02d:%02d" % (t // 3600 % 24, t // 60 % 60, t % 60)


def sd_deny(t, ms, src, sport, dst, dport, proto, sid):
    return ('<14>1 %s srx-edge-01 RT_FLOW - RT_FLOW_SESSION_DENY '
            '[junos@2636.1.1.1.2.129 source-address="%s" source-port="%d" '
            'destination-address="%s" destination-port="%d" '
            'connection-tag="0" service-name="None" protocol-id="%d" '
            'icmp-type="0" policy-name="default-deny" '
            'source-zone-name="untrust" destination-zone-name="trust" '
            'application="UNKNOWN" nested-application="UNKNOWN" '
            'username="N/A" roles="N/A" '
            'packet-incoming-interface="ge-0/0/0.0" encrypted="No" '
            'reason="policy deny" session-id-32="%d" '
            'application-category="N/A" application-sub-category="N/A" '
            'application-risk="-1" application-characteristics="N/A"]'
            % (stamp(t, ms), src, sport, dst, dport, proto, sid))


def sd_session(kind, t, ms, src, sport, dst, dport, proto, sid):
    extra = ""
    if kind == "CLOSE":
        extra = ('packets-from-client="6" bytes-from-client="337" '
                 'packets-from-server="4" bytes-from-server="535" '
                 'elapsed-time="1" ')
    reason = 'reason="TCP FIN" ' if kind == "CLOSE" else ""
    return ('<14>1 %s srx-edge-01 RT_FLOW - RT_FLOW_SESSION_%s '
            '[junos@2636.1.1.1.2.129 %ssource-address="%s" '
            'source-port="%d" destination-address="%s" '
            'destination-port="%d" connection-tag="0" '
            'service-name="junos-https" nat-source-address="198.51.100.1" '
            'nat-source-port="%d" nat-destination-address="%s" '
            'nat-destination-port="%d" nat-connection-tag="0" '
            'src-nat-rule-type="source rule" src-nat-rule-name="nat1" '
            'dst-nat-rule-type="N/A" dst-nat-rule-name="N/A" '
            'protocol-id="%d" policy-name="trust-to-untrust" '
            'source-zone-name="trust" destination-zone-name="untrust" '
            'session-id-32="%d" %susername="N/A" roles="N/A" '
            'packet-incoming-interface="ge-0/0/1.0" application="UNKNOWN" '
            'nested-application="UNKNOWN" encrypted="UNKNOWN"]'
            % (stamp(t, ms), kind, reason, src, sport, dst, dport,
               sport, dst, dport, proto, sid, extra))


def plain_deny(t, src, sport, dst, dport, proto):
    return ('%s srx-edge-02 RT_FLOW: RT_FLOW_SESSION_DENY: session denied '
            '%s/%d->%s/%d 0x0 None %d(0) default-deny(global) untrust '
            'trust UNKNOWN UNKNOWN N/A(N/A) ge-0/0/0.0 No policy deny %d '
            'N/A N/A -1 N/A N/A N/A'
            % (bsd(t), src, sport, dst, dport, proto, rng.randrange(1, 9999)))


def apptrack(t, ms, src, sport, dst, dport):
    return ('<14>1 %s srx-edge-01 RT_FLOW - APPTRACK_SESSION_CLOSE '
            '[junos@2636.1.1.1.2.129 reason="TCP FIN" source-address="%s" '
            'source-port="%d" destination-address="%s" '
            'destination-port="%d" service-name="junos-https" '
            'application="HTTPS" nested-application="UNKNOWN" '
            'protocol-id="6" policy-name="trust-to-untrust"]'
            % (stamp(t, ms), src, sport, dst, dport))


def main():
    out = []
    for i in range(LINES):
        t = T0 + i // 4
        ms = rng.randrange(1000)
        ext = "203.0.113.%d" % rng.randrange(1, 255)
        inside = "192.0.2.%d" % rng.randrange(1, 255)
        sport = rng.randrange(1024, 65536)
        dport = rng.randrange(1, 1024)
        proto = rng.choice((6, 6, 6, 17))
        r = rng.random()
        if r < 0.6:
            out.append(sd_deny(t, ms, ext, sport, inside, dport, proto, i))
        elif r < 0.7:
            out.append(plain_deny(t, ext, sport, inside, dport, proto))
        elif r < 0.8:
            out.append(sd_session("CREATE", t, ms, inside, sport,
                                  "198.51.100.%d" % (i % 250 + 1), 443, 6, i))
        elif r < 0.9:
            out.append(sd_session("CLOSE", t, ms, inside, sport,
                                  "198.51.100.%d" % (i % 250 + 1), 443, 6, i))
        else:
            out.append(apptrack(t, ms, inside, sport,
                                "198.51.100.%d" % (i % 250 + 1), 443))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
