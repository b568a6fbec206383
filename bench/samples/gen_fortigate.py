#!/usr/bin/env python3
"""Writes bench/samples/fortigate.log: about 2000 FortiGate key=value log
lines as FortiOS 6.2 to 7.x sends them to syslog: forward and local
traffic (deny, implicit deny with policy 0, accept, close, timeout,
client-rst), IPS and DoS anomaly records, some behind an RFC 3164
header, with documentation addresses only.  Deterministic: the same file
on every run.

	python3 bench/samples/gen_fortigate.py > bench/samples/fortigate.log
"""
import random

rng = random.Random(11)
SRC4 = ["203.0.113.%d" % i for i in range(1, 60)] + \
    ["198.51.100.%d" % i for i in range(1, 40)]
DST4 = ["192.0.2.%d" % i for i in range(1, 30)]
SRC6 = ["2001:db8:5::%x" % i for i in range(1, 40)]
DST6 = ["2001:db8:1::%x" % i for i in range(1, 20)]
PORTS = [21, 22, 23, 25, 53, 80, 110, 123, 143, 161, 443, 445, 993, 1433,
         3306, 3389, 5900, 8080, 8443]
EPOCH = 1709460000  # 2024-03-03T10:00:00Z


def head(i, t):
    s = t - EPOCH + 10 * 3600
    clock = "%02d:%02d:%02d" % (s // 3600 % 24, s // 60 % 60, s % 60)
    pre = ""
    if i % 3 == 0:
        pre = "<189>Mar  3 %s fgt-edge-01 " % clock
    return pre + ('date=2024-03-03 time=%s devname="FGT-EDGE-01" '
                  'devid="FGT60F0000000001" eventtime=%d%09d tz="+0000" '
                  % (clock, t, rng.randrange(10 ** 9)))


def traffic(i, t):
    v6 = rng.random() < 0.15
    src = rng.choice(SRC6 if v6 else SRC4)
    dst = rng.choice(DST6 if v6 else DST4)
    proto = rng.choice([6, 6, 6, 6, 17, 1])
    action, policy = rng.choice([("deny", 0), ("deny", 0), ("deny", 7),
                                 ("accept", 3), ("close", 3),
                                 ("timeout", 4), ("client-rst", 3)])
    sub = rng.choice(["forward", "forward", "local"])
    sport = dport = ""
    if proto != 1:
        sport = "srcport=%d " % rng.randrange(32768, 61000)
        dport = "dstport=%d " % rng.choice(PORTS)
    act = 'action="%s" ' % action if policy or rng.random() < 0.7 else ""
    return (head(i, t) + 'logid="0000000013" type="traffic" '
            'subtype="%s" level="notice" vd="root" srcip=%s %s'
            'srcintf="wan1" srcintfrole="wan" dstip=%s %sdstintf="internal" '
            'dstintfrole="lan" srccountry="Reserved" dstcountry="Reserved" '
            'sessionid=%d proto=%d %spolicyid=%d policytype="policy" '
            'service="tcp/%d" trandisp="noop" duration=%d sentbyte=%d '
            'rcvdbyte=0 sentpkt=1 rcvdpkt=0 appcat="unscanned" crscore=5 '
            'craction=262144 crlevel="low"'
            % (sub, src, sport, dst, dport, rng.randrange(1, 10 ** 7),
               proto, act,
               policy, rng.choice(PORTS), rng.randrange(0, 60),
               rng.randrange(40, 2000)))


def utm(i, t):
    src, dst = rng.choice(SRC4), rng.choice(DST4)
    if rng.random() < 0.5:
        return (head(i, t) + 'logid="0419016384" type="utm" subtype="ips" '
                'eventtype="signature" level="alert" vd="root" '
                'severity="high" srcip=%s srccountry="Reserved" dstip=%s '
                'srcintf="wan1" dstintf="internal" sessionid=%d '
                'action="dropped" proto=6 service="HTTP" policyid=3 '
                'attack="Web.Server.Password.Files.Access" srcport=%d '
                'dstport=80 direction="outgoing" attackid=12345 '
                'profile="default" msg="web_misc: Web.Server.Password.'
                'Files.Access," crscore=50 craction=4096 crlevel="critical"'
                % (src, dst, rng.randrange(1, 10 ** 7),
                   rng.randrange(32768, 61000)))
    return (head(i, t) + 'logid="0720018432" type="utm" subtype="anomaly" '
            'eventtype="anomaly" level="alert" vd="root" '
            'severity="critical" srcip=%s dstip=%s srcintf="wan1" '
            'sessionid=0 action="%s" proto=6 service="tcp/%d" count=%d '
            'attack="tcp_port_scan" srcport=%d dstport=%d attackid=100663397 '
            'policyid=1 policytype="DoS-policy" msg="anomaly: '
            'tcp_port_scan, 1001 > threshold 1000"'
            % (src, dst, rng.choice(["detected", "clear_session"]),
               rng.choice(PORTS), rng.randrange(1, 50),
               rng.randrange(32768, 61000), rng.choice(PORTS)))


def main():
    t = EPOCH
    for i in range(2000):
        t += rng.choice([0, 0, 1, 1, 2])
        print(utm(i, t) if rng.random() < 0.15 else traffic(i, t))


main()
