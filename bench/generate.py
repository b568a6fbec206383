#!/usr/bin/env python3
"""Writes a benchmark data set: N perimeter firewall events in three forms
and the findings the reference detection gives for them.

    bench/generate.py N OUTDIR

OUTDIR receives the SAME events written three ways:

    cef.log        CEF behind an RFC 3164 header, rt in epoch milliseconds
    netfilter.log  iptables/ufw kernel lines with ISO syslog times (UTC)
    csl.csv        a CommonSecurityLog export of already-parsed columns

and, beside them, the expected findings (the CSV columns and order of
/work/shared/spec/detection.md, default profile), computed here from the
generated events by an independent implementation of the detection:

    expected.csv            for cef.log and csl.csv
    expected-netfilter.csv  for netfilter.log (vendor and product are
                            Linux and netfilter there)
    meta.json               counts: events, bytes, (source, bin) keys, ...

The traffic is 10^7 events a day (a busy perimeter), starting at
2026-03-01T00:00:00Z: background probes from many sources to a handful of
ports, allowed traffic, internal traffic, look-alike public sources, ICMP,
and, once per 50,000 events, a round of embedded scanners of every kind
and edge (see round_scanners()).  Every event has its own millisecond, so
"the earliest event" is never a tie.  The output depends on N only: the
random generator is seeded per bin and per round.

Addresses: the defended network is 192.0.2.0/24; scanners come from
198.51.100.0/24 and 203.0.113.0/24 (documentation), background from
198.18.0.0/15 (benchmarking: 2048 persistent sources, each knocking on at
most four hosts and nine ports, and one-off sources), internal sources from 10/8, 172.16/12 and
192.168/16, look-alikes from 172.32/11, 172.15/16, 192.169/16 and 100.63/16.
"""
import ipaddress
import json
import os
import random
import sys
import time

SEED = 20260301
T0 = 1772323200000          # 2026-03-01T00:00:00Z in milliseconds
BIN = 300000                # 5 minutes
PER_DAY = 10 ** 7           # events a day
EVENTS_PER_ROUND = 50000    # one round of embedded scanners per this many

# The reference detection, default profile (detection.md sections 2 to 4).
MIN_PORTS, MIN_HOSTS, MIN_ATTEMPTS = 10, 5, 30
DENY_WORDS = {"deny", "denied", "drop", "dropped", "reject", "rejected",
              "block", "blocked", "refuse", "refused", "discard",
              "discarded", "reset", "reset-client", "reset-server",
              "reset-both", "prevent", "prevented"}
INTERNAL = [ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
    "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/4",
    "240.0.0.0/4")]

# host, vendor, product, version, CEF signature, inbound interface
DEVICES = [
    ("fw01", "ExampleCo", "EdgeFW", "4.2", "4001", "eth1"),
    ("pa-edge1", "Palo Alto Networks", "PAN-OS", "10.2.4", "end",
     "ethernet1/1"),
    ("fgt-dc1", "Fortinet", "Fortigate", "7.2.5", "0000000013", "port1"),
    ("cp-gw1", "Check Point", "VPN-1 & FireWall-1", "R81.20", "Log",
     "eth0"),
    ("asa-dmz", "Cisco", "ASA", "9.18", "106023", "outside"),
]
# The verdict word of an event and the netfilter log prefix that says it.
NF_PREFIX = {
    "deny": "[FW DENY] ",
    "drop": "Shorewall:net2fw:DROP:",
    "blocked": "[UFW BLOCK] ",
    "reject": "FINAL_REJECT: ",
    "allow": "[UFW ALLOW] ",
}
DENY_ACTS = ("deny", "drop", "blocked", "reject")
PROTO = {6: "TCP", 17: "UDP", 1: "ICMP"}
BG_TCP = (22, 23, 80, 443, 445, 3389, 8080)
BG_UDP = (53, 161)
SERVICES = (21, 22, 23, 25, 53, 80, 110, 111, 135, 139, 143, 443, 445,
            993, 995, 1433, 1521, 1723, 3306, 3389, 5432, 5900, 6379, 8080,
            8443, 9200, 11211, 27017)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
          "Oct", "Nov", "Dec")
HOSTS = ["192.0.2.%d" % i for i in range(1, 255)]
POOL_DENY = ["198.18.%d.%d" % (i >> 8, i & 255) for i in range(65536)]
POOL_ALLOW = ["198.19.%d.%d" % (i >> 8, i & 255) for i in range(65536)]
PERSISTENT = 2048           # background sources seen all day
SCANNERS = ["%s.%d" % (net, i) for net in ("198.51.100", "203.0.113")
            for i in range(1, 255)]


def is_internal(src, cache={}):
    v = cache.get(src)
    if v is None:
        a = ipaddress.ip_address(src)
        v = cache[src] = any(a in n for n in INTERNAL)
    return v


def act_class(word):
    w = word.lower()
    if w in DENY_WORDS:
        return "deny"
    return "other"


def nf_class(prefix):
    """Class of a netfilter prefix: its first vocabulary word, else drop."""
    word = ""
    for ch in prefix.lower() + " ":
        if ch.isalnum():
            word += ch
            continue
        if word in DENY_WORDS:
            return "deny"
        if word in ("accept", "allow", "permit", "pass"):
            return "allow"
        word = ""
    return "deny"


for _w, _p in NF_PREFIX.items():
    assert (act_class(_w) == "deny") == (nf_class(_p) == "deny"), _w


class Scanners:
    """Builds the events of embedded scanners and remembers what each
    (source, bin) was meant to give, to check the design against the
    computed findings."""

    def __init__(self, rng, r, start):
        self.rng, self.r, self.start = rng, r, start
        self.events, self.intent = [], {}
        self.dev = r % len(DEVICES)

    def src(self, net=None):
        if net is None:
            self.n = getattr(self, "n", 0) + 1
            return SCANNERS[(self.r * 40 + self.n) % len(SCANNERS)]
        return net % (self.r % 100 + 1, self.rng.randrange(1, 255))

    def emit(self, src, pairs, intent, at=None, gap=None, acts=None,
             proto=6, dev=None, straddle=False):
        """pairs: (dst, dport) per attempt.  Events start at offset `at`
        (seconds into the bin) every `gap` ms; a straddling run is centred
        on the end of the bin."""
        rng = self.rng
        n = len(pairs)
        if gap is None:
            gap = max(20, min(3000, 90000 // n))
        if straddle:
            t = self.start + BIN - (n // 2) * gap + gap // 2
        else:
            if at is None:
                at = rng.randrange(2, 200)
            t = self.start + at * 1000 + rng.randrange(1000)
        for i, (dst, dport) in enumerate(pairs):
            act = acts[i] if acts else DENY_ACTS[(self.r + i) % 4]
            d = self.dev if dev is None else dev[i]
            self.events.append((t + i * gap, src, dst, dport, proto, act, d))
        first = self.start // BIN
        for b in range(first, (t + (n - 1) * gap) // BIN + 1):
            self.intent[(src, b)] = intent[b - first] \
                if isinstance(intent, list) else intent


def ports(rng, n, pool=None):
    if pool is not None and n <= len(pool):
        return rng.sample(pool, n)
    return rng.sample(range(1, 65536), n)


def round_scanners(r, start):
    """The embedded scanners of round r, in the bin starting at `start`
    (ms) and, for the straddling ones, the next.  Returns (events, intent)
    where intent maps (source, bin) to the ScanType meant (None: none)."""
    rng = random.Random(SEED * 7919 + r)
    s = Scanners(rng, r, start)
    h = rng.choice(HOSTS)
    one = lambda ps, host=None: [(host or h, p) for p in ps]

    # Vertical scans: 9 (just under), 10, 19, 20 and 100 to 1000 ports.
    s.emit(s.src(), one(ports(rng, 9, SERVICES)), None)
    s.emit(s.src(), one(ports(rng, 10, SERVICES)), "Port Scan")
    s.emit(s.src(), one(ports(rng, 19, SERVICES)), "Port Scan")
    s.emit(s.src(), one(ports(rng, 20, SERVICES)), "Aggressive Port Scan")
    big = 100 + 150 * (r % 7)
    s.emit(s.src(), one(sorted(ports(rng, big))), "Aggressive Port Scan")
    s.emit(s.src(), one(ports(rng, 25, SERVICES), h), "Aggressive Port Scan",
           proto=17)
    # 10 ports with three attempts each; 10 "ports" of which one is 0.
    ps = ports(rng, 10, SERVICES)
    s.emit(s.src(), one(ps + ps + ps), "Port Scan")
    s.emit(s.src(), one(ports(rng, 9, SERVICES) + [0]), None)

    # Sweeps: 5 hosts and 30 attempts (both edges), 5..9 hosts, 4 hosts,
    # 5 hosts and 29 attempts, 10 hosts, a whole /24, 12 hosts x 9 ports.
    def sweep(n_hosts, attempts, port_list):
        hs = rng.sample(HOSTS, n_hosts)
        return [(hs[i % n_hosts], port_list[i % len(port_list)])
                for i in range(attempts)]
    s.emit(s.src(), sweep(5, 30, [445]), "Limited IP Sweep")
    k = 5 + r % 5
    s.emit(s.src(), sweep(k, 30 + r % 20, [22, 23]), "Limited IP Sweep")
    s.emit(s.src(), sweep(4, 40, [3389]), None)
    s.emit(s.src(), sweep(5, 29, [445]), None)
    s.emit(s.src(), sweep(10, 30, [22]), "IP Block Sweep")
    s.emit(s.src(), [(x, p) for x in HOSTS for p in (22, 3389)],
           "IP Block Sweep", gap=150)
    nine = ports(rng, 9, SERVICES)
    s.emit(s.src(), [(x, p) for x in rng.sample(HOSTS, 12) for p in nine],
           "IP Block Sweep")

    # Straddling the bin end: 10 ports as 5 + 5, 8 hosts x 40 attempts as
    # 20 + 20 (none found), and 30 ports as 15 + 15 (two findings).
    s.emit(s.src(), one(ports(rng, 10, SERVICES)), [None, None], gap=1500,
           straddle=True)
    s.emit(s.src(), sweep(8, 40, [80]), [None, None], gap=700,
           straddle=True)
    s.emit(s.src(), one(ports(rng, 30, SERVICES + (8000, 8001, 8888))),
           ["Port Scan", "Port Scan"], gap=900, straddle=True)

    # Private sources (never found) and look-alikes (public: found).
    s.emit(s.src("10.9.%d.%d"), one(ports(rng, 30)), None)
    s.emit(s.src("172.%d.%%d.%%d" % (16 + r % 16)), sweep(12, 40, [22]), None)
    s.emit(s.src("172.31.%d.%d"), one(ports(rng, 12, SERVICES)), None)
    s.emit(s.src("192.168.%d.%d"), one(ports(rng, 25)), None)
    s.emit(s.src("100.64.%d.%d"), one(ports(rng, 15, SERVICES)), None)
    s.emit(s.src("172.32.%d.%d"), one(ports(rng, 15, SERVICES)), "Port Scan")
    s.emit(s.src("172.15.%d.%d"), one(ports(rng, 12, SERVICES)), "Port Scan")
    s.emit(s.src("192.169.%d.%d"), sweep(6, 36, [23]), "Limited IP Sweep")
    s.emit(s.src("100.63.%d.%d"), sweep(11, 33, [5900]), "IP Block Sweep")

    # Verdicts: all allowed; 12 ports of which 3 allowed (9 left); 15 of
    # which 3 allowed (12 left); an ICMP sweep (no port, not counted).
    s.emit(s.src(), one(ports(rng, 30, SERVICES)), None, acts=["allow"] * 30)
    mix = ["allow", "deny", "drop", "blocked"] * 3
    s.emit(s.src(), one(ports(rng, 12, SERVICES)), None, acts=mix)
    mix = ["allow"] * 3 + ["reject", "drop", "deny", "blocked"] * 3
    s.emit(s.src(), one(ports(rng, 15, SERVICES)), "Port Scan", acts=mix)
    s.emit(s.src(), [(x, None) for x in rng.sample(HOSTS, 20)], None,
           proto=1)

    # One scanner seen by several firewalls: the earliest event's device
    # names the vendor and product.
    devs = [(r + 1 + i) % len(DEVICES) for i in range(12)]
    s.emit(s.src(), one(ports(rng, 12, SERVICES)), "Port Scan", dev=devs)
    return s.events, s.intent


class Bins:
    """The reference detection over events given in time order, one bin
    at a time (all events of a bin arrive before the next bin's)."""

    def __init__(self):
        self.found, self.keys, self.counted = [], 0, 0
        self.groups, self.bin = {}, None
        self.outcome = {}

    def add(self, ms, src, dst, dport, act, dev):
        if act_class(act) != "deny" or dport is None or dport <= 0 or \
                is_internal(src):
            return
        b = ms // BIN
        if b != self.bin:
            self.close()
            self.bin = b
        self.counted += 1
        g = self.groups.get(src)
        if g is None:
            self.groups[src] = [{dport}, {dst}, 1, ms, ms, dev]
            return
        g[0].add(dport)
        g[1].add(dst)
        g[2] += 1
        g[4] = ms

    def close(self):
        for src, (ps, hs, n, first, last, dev) in self.groups.items():
            self.keys += 1
            kind = scan_type(len(ps), len(hs), n)
            self.outcome[(src, self.bin)] = kind
            if kind is not None:
                self.found.append((self.bin, src, kind, ps, len(hs), n,
                                   first, last, dev))
        self.groups = {}


def scan_type(n_ports, n_hosts, n):
    if not (n_ports >= MIN_PORTS or (n_hosts >= MIN_HOSTS and
                                     n >= MIN_ATTEMPTS)):
        return None
    if n_ports >= 20:
        return "Aggressive Port Scan"
    if n_ports >= 10:
        return "Port Scan"
    if n_hosts >= 10:
        return "IP Block Sweep"
    if n_hosts >= 5:
        return "Limited IP Sweep"
    return "Suspicious Probe"


def iso_ms(ms):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ms // 1000)) + \
        ".%03dZ" % (ms % 1000)


def write_findings(path, found, vendor_of):
    key = lambda f: (-f[5], f[0], int(ipaddress.ip_address(f[1])))
    with open(path, "w") as fp:
        fp.write("TimeGenerated,SourceIP,ScanType,UniqueDestPorts,"
                 "UniqueDestIPs,TotalAttempts,AttemptsPerMinute,"
                 "PortsTargeted,ScanDurationSeconds,FirstSeen,LastSeen,"
                 "DeviceVendor,DeviceProduct\n")
        for b, src, kind, ps, nh, n, first, last, dev in sorted(found,
                                                                key=key):
            minutes = max(last // 60000 - first // 60000, 1)
            vendor, product = vendor_of(dev)
            fp.write("%s,%s,%s,%d,%d,%d,%d,\"[%s]\",%d,%s,%s,%s,%s\n" % (
                time.strftime("%Y-%m-%dT%H:%M:%SZ",
                              time.gmtime(b * BIN // 1000)),
                src, kind, len(ps), nh, n, n // minutes,
                ",".join(map(str, sorted(ps)[:50])),
                last // 1000 - first // 1000, iso_ms(first), iso_ms(last),
                vendor, product))


class Writer:
    """Formats one event three ways; caches the per-second time text."""

    def __init__(self, outdir):
        self.cef = open(os.path.join(outdir, "cef.log"), "w")
        self.nf = open(os.path.join(outdir, "netfilter.log"), "w")
        self.csl = open(os.path.join(outdir, "csl.csv"), "w")
        self.csl.write("TimeGenerated,DeviceAction,SourceIP,DestinationIP,"
                       "DestinationPort,Protocol,DeviceVendor,"
                       "DeviceProduct\n")
        self.sec = None

    def times(self, sec):
        if sec != self.sec:
            tm = time.gmtime(sec)
            self.sec = sec
            self.hdr = "%s %2d %02d:%02d:%02d" % (
                MONTHS[tm.tm_mon - 1], tm.tm_mday, tm.tm_hour, tm.tm_min,
                tm.tm_sec)
            self.iso = time.strftime("%Y-%m-%dT%H:%M:%S", tm)
        return self.hdr, self.iso

    def write(self, events, rng):
        cef, nf, csl = [], [], []
        rr = rng.randrange
        for ms, src, dst, dport, proto, act, d in events:
            hdr, iso = self.times(ms // 1000)
            host, vendor, product, ver, sig, ifc = DEVICES[d]
            frac = ms % 1000
            pname = PROTO[proto]
            sport = rr(1024, 65536)
            if dport is None:
                cspt = cdpt = ""
                nports = "TYPE=8 CODE=0 ID=%d SEQ=%d" % (rr(65536), rr(256))
                dp = ""
            elif proto == 6:
                cspt, cdpt = "spt=%d " % sport, "dpt=%d " % dport
                nports = "SPT=%d DPT=%d WINDOW=1024 RES=0x00 SYN URGP=0" % (
                    sport, dport)
                dp = dport
            else:
                cspt, cdpt = "spt=%d " % sport, "dpt=%d " % dport
                nports = "SPT=%d DPT=%d LEN=%d" % (sport, dport, rr(8, 520))
                dp = dport
            cef.append(
                "<134>%s %s CEF:0|%s|%s|%s|%s|Inbound %s|5|rt=%d act=%s "
                "src=%s %sdst=%s %sproto=%s deviceInboundInterface=%s "
                "cs1Label=Rule cs1=inbound-default dvchost=%s cnt=1\n" % (
                    hdr, host, vendor, product, ver, sig, act, ms, act, src,
                    cspt, dst, cdpt, pname, ifc, host))
            nf.append(
                "%s.%03d000+00:00 %s kernel: [%d.%03d] %sIN=eth0 OUT= "
                "MAC=00:00:5e:00:53:01:00:00:5e:00:53:02:08:00 SRC=%s DST=%s "
                "LEN=44 TOS=0x00 PREC=0x00 TTL=%d ID=%d PROTO=%s %s\n" % (
                    iso, frac, host, (ms - T0) // 1000 + 86400, frac,
                    NF_PREFIX[act], src, dst, rr(30, 250), rr(65536), pname,
                    nports))
            csl.append("%s.%03dZ,%s,%s,%s,%s,%s,%s,%s\n" % (
                iso, frac, act, src, dst, dp, pname, vendor, product))
        self.cef.write("".join(cef))
        self.nf.write("".join(nf))
        self.csl.write("".join(csl))

    def close(self):
        for fp in (self.cef, self.nf, self.csl):
            fp.close()


def background(rng, start, k):
    """k background events in the bin starting at `start`, each at its own
    millisecond; returns them and the set of milliseconds used."""
    rnd, rr = rng.random, rng.randrange
    out = []
    used = set(rng.sample(range(BIN), k))
    for off in used:
        u = rnd()
        ms = start + off
        dst = HOSTS[rr(254)]
        d = rr(len(DEVICES))
        if u < 0.65:        # the same few thousand probing all day
            i = int(PERSISTENT * rnd() ** 2)
            src = POOL_DENY[i]
            dst = HOSTS[(i * 37 + rr(4) * 61) % 254]
            act = DENY_ACTS[rr(4)]
            if rnd() < 0.85:
                out.append((ms, src, dst, BG_TCP[rr(7)], 6, act, d))
            else:
                out.append((ms, src, dst, BG_UDP[rr(2)], 17, act, d))
        elif u < 0.70:      # one-off probes from anywhere
            src = POOL_DENY[rr(PERSISTENT, 65536)]
            out.append((ms, src, dst, BG_TCP[rr(7)], 6, DENY_ACTS[rr(4)], d))
        elif u < 0.85:      # allowed service traffic
            src = POOL_ALLOW[rr(65536)]
            out.append((ms, src, HOSTS[9 + rr(2)], (443, 80)[rr(2)], 6,
                        "allow", d))
        elif u < 0.93:      # internal sources, any port, any verdict
            src = "%s.%d.%d" % (("10.20", "172.20", "192.168")[rr(3)],
                                rr(16), rr(1, 255))
            act = ("allow", "deny", "drop")[rr(3)]
            out.append((ms, src, dst, rr(1, 65536), 6, act, d))
        elif u < 0.975:     # public look-alikes of private ranges
            src = "%s.%d.%d" % (("172.33", "192.169")[rr(2)],
                                rr(128, 192), rr(1, 255))
            out.append((ms, src, dst, BG_TCP[rr(7)], 6, DENY_ACTS[rr(4)], d))
        elif u < 0.995:     # pings
            src = POOL_DENY[rr(65536)]
            out.append((ms, src, dst, None, 1, DENY_ACTS[rr(4)], d))
        else:               # port 0
            src = POOL_DENY[rr(65536)]
            out.append((ms, src, dst, 0, 17, DENY_ACTS[rr(4)], d))
    return out, used


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: generate.py N OUTDIR")
    total = int(float(sys.argv[1]))
    outdir = sys.argv[2]
    if total < 10 ** 4:
        sys.exit("generate.py: N must be at least 10000")
    os.makedirs(outdir, exist_ok=True)
    n_bins = -(-total * 86400 * 1000 // PER_DAY // BIN)
    n_bins = max(n_bins, 2)
    n_rounds = max(1, total // EVENTS_PER_ROUND)

    # Embedded scanners, placed round by round over the first n_bins - 1
    # bins (a straddling scan ends in the bin after its round's).
    scan = {}
    intent = {}
    for r in range(n_rounds):
        start = T0 + (r * (n_bins - 1) // n_rounds) * BIN
        evs, it = round_scanners(r, start)
        intent.update(it)
        for e in evs:
            scan.setdefault((e[0] - T0) // BIN, []).append(e)
    n_scan = sum(len(v) for v in scan.values())
    if n_scan > total // 2:
        sys.exit("generate.py: N too small for the embedded scanners")
    n_bg = total - n_scan

    w = Writer(outdir)
    bins = Bins()
    for b in range(n_bins):
        rng = random.Random(SEED * 104729 + b)
        start = T0 + b * BIN
        k = n_bg * (b + 1) // n_bins - n_bg * b // n_bins
        evs, used = background(rng, start, k)
        for e in scan.get(b, ()):
            ms = e[0]
            while ms - start in used:
                ms += 1
            used.add(ms - start)
            evs.append((ms,) + e[1:])
        evs.sort()
        w.write(evs, rng)
        for ms, src, dst, dport, proto, act, d in evs:
            bins.add(ms, src, dst, dport, act, d)
    bins.close()
    w.close()

    # The design must hold: every embedded scanner gives what it meant to.
    wrong = [(k, v, bins.outcome.get(k)) for k, v in intent.items()
             if bins.outcome.get(k) != v]
    if wrong:
        sys.exit("generate.py: scanners not as designed: %r" % wrong[:5])

    write_findings(os.path.join(outdir, "expected.csv"), bins.found,
                   lambda d: DEVICES[d][1:3])
    write_findings(os.path.join(outdir, "expected-netfilter.csv"),
                   bins.found, lambda d: ("Linux", "netfilter"))
    kinds = {}
    for f in bins.found:
        kinds[f[2]] = kinds.get(f[2], 0) + 1
    meta = {
        "events": total, "scanner_events": n_scan, "bins": n_bins,
        "rounds": n_rounds, "counted_events": bins.counted,
        "source_bin_keys": bins.keys, "findings": len(bins.found),
        "findings_by_type": kinds,
        "bytes": {f: os.path.getsize(os.path.join(outdir, f))
                  for f in ("cef.log", "netfilter.log", "csl.csv")},
    }
    with open(os.path.join(outdir, "meta.json"), "w") as fp:
        json.dump(meta, fp, indent=1, sort_keys=True)
        fp.write("\n")


if __name__ == "__main__":
    main()
