#!/usr/bin/env python3
"""Writes bench/samples/sophos.log: about 2000 Sophos Firewall (SFOS)
key=value log lines, half in the Default syslog format of SFOS 18 and
half in the Central Reporting format of SFOS 19.5 and later: firewall
rule denies and allows, invalid traffic, DoS attack and IDP drops, with
documentation addresses only.  Deterministic: the same file on every run.

	python3 bench/samples/gen_sophos.py > bench/samples/sophos.log
"""
import random

rng = random.Random(13)
SRC4 = ["203.0.113.%d" % i for i in range(1, 60)] + \
    ["198.51.100.%d" % i for i in range(1, 40)]
DST4 = ["192.0.2.%d" % i for i in range(1, 30)]
PORTS = [21, 22, 23, 25, 53, 80, 110, 123, 143, 161, 443, 445, 993, 1433,
         3306, 3389, 5900, 8080, 8443]


def clock(s):
    return "%02d:%02d:%02d" % (s // 3600 % 24, s // 60 % 60, s % 60)


def packet():
    proto = rng.choice(["TCP", "TCP", "TCP", "UDP", "ICMP"])
    if proto == "ICMP":
        return 'protocol="ICMP" icmp_type=8 icmp_code=0'
    return 'protocol="%s" src_port=%d dst_port=%d' % (
        proto, rng.randrange(32768, 61000), rng.choice(PORTS))


def old(s):
    comp, sub, status = rng.choice([
        ("Firewall Rule", "Denied", "Deny"),
        ("Firewall Rule", "Denied", "Deny"),
        ("Firewall Rule", "Allowed", "Allow"),
        ("Invalid Traffic", "Denied", "Deny"),
        ("DoS Attack", "Denied", "Deny")])
    return ('<30>device="SFW" date=2024-03-03 time=%s timezone="UTC" '
            'device_name="XG125w" device_id=SFDemo-763180a '
            'log_id=010102600002 log_type="Firewall" log_component="%s" '
            'log_subtype="%s" status="%s" priority=Information duration=0 '
            'fw_rule_id=1 policy_type=1 user_name="" user_gp="" iap=0 '
            'ips_policy_id=0 appfilter_policy_id=0 application="" '
            'application_risk=0 application_technology="" '
            'application_category="" in_interface="Port2" out_interface="" '
            'src_mac=00:00:5e:00:53:01 src_ip=%s src_country_code= '
            'dst_ip=%s dst_country_code= %s sent_pkts=0 recv_pkts=0 '
            'sent_bytes=0 recv_bytes=0 tran_src_ip= tran_src_port=0 '
            'tran_dst_ip= tran_dst_port=0 srczonetype="" srczone="" '
            'dstzonetype="" dstzone="" dir_disp="" connid="" vconnid="" '
            'hb_health="No Heartbeat" message="" appresolvedby="Signature"'
            % (clock(s), comp, sub, status, rng.choice(SRC4),
               rng.choice(DST4), packet()))


def new(s):
    if rng.random() < 0.1:
        kind = ('log_id="020804402001" log_type="IDP" '
                'log_component="Signatures" log_subtype="Drop"')
    else:
        kind = ('log_id="010102600002" log_type="Firewall" '
                'log_component="Firewall Rule" log_subtype="%s"'
                % rng.choice(["Denied", "Denied", "Allowed"]))
    return ('Mar  3 %s sophos device_name="SFW" '
            'timestamp="2024-03-03T%s+0000" device_model="XGS2100" '
            'device_serial_id="X21000EXAMPLE1" %s log_version=1 '
            'severity="Information" fw_rule_id="5" '
            'fw_rule_name="Drop WAN to LAN" fw_rule_type="USER" '
            'ether_type="IPv4 (0x0800)" in_interface="Port2" '
            'src_mac="00:00:5e:00:53:01" src_ip="%s" src_country="R1" '
            'dst_ip="%s" dst_country="R1" %s hb_status="No Heartbeat" '
            'app_resolved_by="Signature" app_is_cloud="FALSE" '
            'qualifier="New" in_display_interface="Port2"'
            % (clock(s), clock(s), kind, rng.choice(SRC4),
               rng.choice(DST4), packet()))


def main():
    s = 10 * 3600
    for i in range(2000):
        s += rng.choice([0, 0, 1, 2])
        print(old(s) if i % 2 == 0 else new(s))


main()
