#!/usr/bin/env python3
"""Writes bench/samples/zeek.log: about 2000 Zeek conn.log records in TSV
with the header lines of Zeek 7, documentation addresses only.  The mix
is a scanner's S0 and REJ records among ordinary SF, S1 and UDP traffic.
Deterministic: the same file on every run."""
import os
import random

rnd = random.Random(3)
here = os.path.dirname(os.path.abspath(__file__))
fields = ("ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto service "
          "duration orig_bytes resp_bytes conn_state local_orig local_resp "
          "missed_bytes history orig_pkts orig_ip_bytes resp_pkts "
          "resp_ip_bytes tunnel_parents ip_proto").split()
types = ("time string addr port addr port enum string interval count count "
         "string bool bool count string count count count count set[string] "
         "count").split()
uid_chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def uid():
    return "C" + "".join(rnd.choice(uid_chars) for _ in range(17))


def record(ts):
    kind = rnd.random()
    src = "203.0.113.%d" % rnd.randint(1, 254)
    dst = "192.0.2.%d" % rnd.randint(1, 254)
    sport = rnd.randint(1024, 65535)
    if kind < 0.35:
        return [ts, uid(), src, sport, dst, rnd.randint(1, 10000), "tcp",
                "-", "-", "-", "-", "S0", "F", "T", 0, "S", 1, 44, 0, 0,
                "-", 6]
    if kind < 0.55:
        return [ts, uid(), src, sport, dst, rnd.randint(1, 10000), "tcp",
                "-", "%.6f" % rnd.uniform(0, 0.1), 0, 0, "REJ", "F", "T", 0,
                "Sr", 1, 44, 1, 40, "-", 6]
    if kind < 0.8:
        ob, rb = rnd.randint(100, 5000), rnd.randint(100, 90000)
        return [ts, uid(), "198.51.100.%d" % rnd.randint(1, 254), sport, dst,
                rnd.choice([80, 443, 22, 25]), "tcp",
                rnd.choice(["http", "ssl", "ssh", "smtp"]),
                "%.6f" % rnd.uniform(0, 30), ob, rb,
                rnd.choice(["SF", "S1", "RSTO"]), "F", "T", 0, "ShADadFf",
                rnd.randint(5, 90), ob + 400, rnd.randint(5, 90), rb + 400,
                "-", 6]
    return [ts, uid(), "192.0.2.%d" % rnd.randint(1, 254), sport,
            "198.51.100.53", 53, "udp", "dns", "%.6f" % rnd.uniform(0, 0.05),
            38, 89, rnd.choice(["SF", "S0"]), "T", "F", 0, "Dd", 1, 66, 1,
            117, "-", 17]


def main():
    lines = ["#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)",
             "#unset_field\t-", "#path\tconn", "#open\t2024-03-03-10-00-00",
             "#fields\t" + "\t".join(fields), "#types\t" + "\t".join(types)]
    t = 1709460000.0
    for _ in range(1990):
        t += rnd.uniform(0, 0.5)
        lines.append("\t".join(str(v) for v in record("%.6f" % t)))
    lines.append("#close\t2024-03-03-11-00-00")
    with open(os.path.join(here, "zeek.log"), "w") as fp:
        fp.write("\n".join(lines) + "\n")


main()
