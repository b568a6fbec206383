#!/usr/bin/env python3
"""Independent reference reader and detector for scanspot's golden tests.

What it is for: an implementation of docs/formats.md (CEF, netfilter and
Microsoft Sentinel CommonSecurityLog exports) and of the reference detection
(detection.md in the shared spec folder), written from those documents
alone, in Python 3 with the standard library only.  Its output is the
expected output of the golden tests under tests/golden/; scanspot is checked
against it, never against itself.

Usage:
  oracle.py events [--tz ZONE] [--profile default|sentinel] [--ref-time T]
                   [--format cef|netfilter|csl|winfw|vpcflow|nsgflow|zeek]
                   [--format leef|asa|filterlog|fortigate|panos|checkpoint|
                   srx|sophos|mikrotik|fast|eve|gcp-firewall|pflog] FILE...
      One TSV line per event, columns
      file line format time action class src dst sport dport proto
      vendor product device.
  oracle.py detect [same options] [--min-ports N] [--min-hosts N]
                   [--min-attempts N] [--bin SECONDS] [--internal CIDR,...]
                   [--now T] FILE...
      The findings as CSV, columns and order of the spec.

--ref-time T (RFC 3339) stands in for the modification time of every input
file (the reference of year-less times and of records without a time).

Readings of the contract where it leaves room (the most literal one):
- netfilter: the host is the token after the syslog time unless it ends in
  ':' or starts with '['; only "kernel:" is a tag; so "Jan  8 03:37:09
  DENY: IN=..." has no host and the prefix "DENY:".  A prefix without a
  vocabulary word gives the action "drop"; [NAME-D|R|A] gives "drop",
  "reject", "accept".  The first vocabulary word of any class is taken.
- CEF: short key before long key; keys are case-sensitive; an empty value
  is absent; leading spaces of a value are kept.  Without a syslog time,
  the first token before "CEF:" is the host unless it ends in ':'.
- Default class: with no action, hint words give deny/allow or "none".
- Year-less times: "previous record" is the previous event of the same
  file, whatever gave its time; ties go to the earlier instant.
- Unreadable CSL TimeGenerated: the record is malformed.
- Distinct destinations do not count an absent destination.
- --internal adds to the default internal networks.

Regenerating the golden files: run tests/oracle/regen.sh from the
repository top (it reads tests/golden/MANIFEST.tsv and the shared corpus);
tests/cases/oracle_golden.sh checks that the oracle still reproduces them.
"""

import calendar
import csv
import datetime as dt
import io
import ipaddress
import json
import os
import re
import sys

sys.modules.setdefault("oracle", sys.modules[__name__])
import oracle_files  # noqa: E402  (whole-file formats; uses this module)
import oracle_lines  # noqa: E402  (line formats but CEF and netfilter)

try:
    import zoneinfo
except ImportError:  # pragma: no cover
    zoneinfo = None

UTC = dt.timezone.utc
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
US = 1000000

# ---------------------------------------------------------------- vocabulary

DENY_WORDS = ("deny denied drop dropped reject rejected block blocked refuse "
              "refused discard discarded reset reset-client reset-server "
              "reset-both prevent prevented").split()
ALLOW_WORDS = ("accept accepted allow allowed permit permitted pass "
               "passed").split()
OTHER_WORDS = ("audit log alert detect detected monitor info match scrub nat "
               "binat rdr intercepted").split()
VOCAB = {}
for _w in DENY_WORDS:
    VOCAB[_w] = "deny"
for _w in ALLOW_WORDS:
    VOCAB[_w] = "allow"
for _w in OTHER_WORDS:
    VOCAB[_w] = "other"

WORD_RE = re.compile(r"[A-Za-z0-9]+")
SENTINEL_DENY = ("deny", "drop", "block", "reject")


def classify(action, hint, profile, verdict=None):
    """Class of an event from its action value and action hint; verdict,
    the class a format decides itself, is taken as is by the default
    profile and not used by the sentinel profile."""
    if profile == "sentinel":
        if action is None:
            return "none"
        if action.lower() in SENTINEL_DENY:
            return "deny"
        return "other"
    if verdict is not None:
        return verdict
    if action is not None:
        whole = VOCAB.get(action.lower())
        if whole is not None:
            return whole
        for word in WORD_RE.findall(action):
            c = VOCAB.get(word.lower())
            if c in ("deny", "allow"):
                return c
        return "unknown"
    if hint is not None:
        for word in WORD_RE.findall(hint):
            c = VOCAB.get(word.lower())
            if c in ("deny", "allow"):
                return c
    return "none"


# ------------------------------------------------------ addresses, protocols

class Malformed(Exception):
    """A record that is recognised but cannot be read."""


def parse_addr(text, what):
    """Returns an ipaddress object (mapped IPv6 becomes IPv4)."""
    if "%" in text or text.strip() != text or text == "":
        raise Malformed("bad " + what + " address")
    try:
        if ":" in text:
            a = ipaddress.IPv6Address(text)
            if a.ipv4_mapped is not None:
                return a.ipv4_mapped
            return a
        return ipaddress.IPv4Address(text)
    except ValueError:
        raise Malformed("bad " + what + " address")


def fmt_addr(a):
    """Canonical text: dotted quad, or RFC 5952 for IPv6."""
    if a is None:
        return "-"
    if a.version == 4:
        return ".".join(str(b) for b in a.packed)
    p = a.packed
    groups = [p[i] * 256 + p[i + 1] for i in range(0, 16, 2)]
    best_start, best_len = -1, 0
    i = 0
    while i < 8:
        if groups[i] == 0:
            j = i
            while j < 8 and groups[j] == 0:
                j += 1
            if j - i > best_len:
                best_start, best_len = i, j - i
            i = j
        else:
            i += 1
    hexes = ["%x" % g for g in groups]
    if best_len < 2:
        return ":".join(hexes)
    left = ":".join(hexes[:best_start])
    right = ":".join(hexes[best_start + best_len:])
    return left + "::" + right


def addr_key(a):
    return (a.version, int(a))


PROTO_NAMES = {"tcp": 6, "udp": 17, "icmp": 1, "icmpv6": 58,
               "ipv6-icmp": 58, "esp": 50, "ah": 51, "gre": 47,
               "sctp": 132, "udplite": 136, "igmp": 2}
PROTO_OUT = {6: "tcp", 17: "udp", 1: "icmp", 58: "icmpv6"}


def parse_proto(value):
    """Protocol number, or None when absent or an unknown name."""
    if value is None or value == "":
        return None
    value = value.split("/", 1)[0]
    if re.match(r"[0-9]", value):
        if not re.fullmatch(r"[0-9]+", value):
            raise Malformed("bad protocol")
        n = int(value)
        if n > 255:
            raise Malformed("bad protocol")
        return n
    return PROTO_NAMES.get(value.lower())


def parse_port(value, what):
    if value is None or value == "":
        return None
    if not re.fullmatch(r"[0-9]+", value):
        raise Malformed("bad " + what + " port")
    n = int(value)
    if n > 65535:
        raise Malformed("bad " + what + " port")
    return n


# --------------------------------------------------------------------- time
#
# A parsed time is one of
#   ("abs", us)                                   exact instant
#   ("wall", y, mo, d, h, mi, s, us, zone)        wall time, zone is a tzinfo
#   ("noyear", mo, d, h, mi, s, us, zone)         same, year to be inferred
# where us is microseconds (since the epoch for "abs").

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}


def frac_us(frac):
    """Microseconds from the digits after the decimal point (truncated)."""
    if not frac:
        return 0
    return int((frac + "000000")[:6])


def offset_zone(sign, hh, mm):
    minutes = int(hh) * 60 + int(mm or 0)
    if sign == "-":
        minutes = -minutes
    return dt.timezone(dt.timedelta(minutes=minutes))


RFC3339_RE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?"
    r"(?:([Zz])|([+-])(\d{2}):?(\d{2})?)?")


def rfc3339_spec(m, default_zone):
    y, mo, d, h, mi, s = (int(m.group(i)) for i in range(1, 7))
    us = frac_us(m.group(7))
    if m.group(8):
        zone = UTC
    elif m.group(9):
        zone = offset_zone(m.group(9), m.group(10), m.group(11))
    else:
        zone = default_zone
    return ("wall", y, mo, d, h, mi, s, us, zone)


def valid_wall(y, mo, d, h, mi, s):
    try:
        dt.datetime(y, mo, d, h, mi, s)
    except ValueError:
        return False
    return True


# Java short zone names, read with their standard fixed offsets.
JAVA_ZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "UT": 0, "WET": 0, "WEST": 60, "BST": 60,
    "CET": 60, "CEST": 120, "MET": 60, "MEST": 120, "EET": 120,
    "EEST": 180, "MSK": 180, "IST": 330, "PKT": 300, "ICT": 420,
    "WIB": 420, "SGT": 480, "HKT": 480, "AWST": 480, "JST": 540,
    "KST": 540, "ACST": 570, "ACDT": 630, "AEST": 600, "AEDT": 660,
    "NZST": 720, "NZDT": 780, "HST": -600, "AKST": -540, "AKDT": -480,
    "PST": -480, "PDT": -420, "MST": -420, "MDT": -360, "CST": -360,
    "CDT": -300, "EST": -300, "EDT": -240, "AST": -240, "ADT": -180,
    "NST": -210, "NDT": -150, "BRT": -180, "ART": -180,
}


def zone_word(word, default_zone):
    """tzinfo of a trailing zone word; None when it is not one."""
    if word is None:
        return default_zone
    m = re.fullmatch(r"([+-])(\d{2}):?(\d{2})?", word)
    if m:
        return offset_zone(m.group(1), m.group(2), m.group(3))
    up = word.upper()
    if up in JAVA_ZONES:
        return dt.timezone(dt.timedelta(minutes=JAVA_ZONES[up]))
    return None


CEF_DATE_RE = re.compile(
    r"([A-Za-z]{3}) +(\d{1,2})(?: +(\d{4}))? +(\d{2}):(\d{2}):(\d{2})"
    r"(?:\.(\d+))?(?: +(\S+))?")


def cef_time_spec(value, default_zone):
    """Parsed CEF time; None when the value is absent or empty; raises
    Malformed when a present value cannot be read."""
    if value is None or value == "":
        return None
    bad = Malformed("bad time")
    if re.match(r"[0-9]", value) and not re.match(r"[0-9]{4}-", value):
        if not re.fullmatch(r"[0-9]{1,15}", value):
            raise bad
        n = int(value)
        if 9 <= len(value) <= 11:
            return ("abs", n * US)
        return ("abs", n * 1000)
    m = CEF_DATE_RE.fullmatch(value)
    if m:
        mo = MONTHS.get(m.group(1).lower())
        if mo is None:
            raise bad
        zone = zone_word(m.group(8), default_zone)
        if zone is None:
            raise bad
        d = int(m.group(2))
        h, mi, s = int(m.group(4)), int(m.group(5)), int(m.group(6))
        us = frac_us(m.group(7))
        if m.group(3):
            y = int(m.group(3))
            if not valid_wall(y, mo, d, h, mi, s):
                raise bad
            return ("wall", y, mo, d, h, mi, s, us, zone)
        if not valid_wall(2000, mo, d, h, mi, s):
            raise bad
        return ("noyear", mo, d, h, mi, s, us, zone)
    m = RFC3339_RE.fullmatch(value)
    if m:
        try:
            spec = rfc3339_spec(m, default_zone)
        except (ValueError, KeyError):
            raise bad
        if not valid_wall(*spec[1:7]):
            raise bad
        return spec
    raise bad


def to_us(aware):
    delta = aware - EPOCH
    return (delta.days * 86400 + delta.seconds) * US + delta.microseconds


def wall_candidates(y, mo, d, h, mi, s, us, zone):
    """UTC instants (us) a wall time can mean in zone (1, or 2 if repeated)."""
    naive = dt.datetime(y, mo, d, h, mi, s, us)
    out = []
    for fold in (0, 1):
        aware = naive.replace(tzinfo=zone, fold=fold)
        out.append(to_us(aware.astimezone(UTC)))
    a, b = out
    if a == b:
        return [a]
    # Repeated hour: both readings give back the same wall time.
    back_a = (EPOCH + dt.timedelta(microseconds=a)).astimezone(zone)
    back_b = (EPOCH + dt.timedelta(microseconds=b)).astimezone(zone)
    back_a, back_b = back_a.replace(tzinfo=None), back_b.replace(tzinfo=None)
    if back_a == naive and back_b == naive:
        return sorted([a, b])
    return [a]  # a gap: read with the offset in force before it


def closest(cands, ref):
    if ref is None:
        return cands[0]
    return min(cands, key=lambda t: (abs(t - ref), t))


class TimeState:
    """Per-file and per-stream references used to resolve times."""

    def __init__(self):
        self.stream_prev = None

    def start_file(self, ref_us):
        self.ref = ref_us
        self.file_prev = None


def resolve(spec, st):
    if spec[0] == "abs":
        return spec[1]
    if spec[0] == "wall":
        y, mo, d, h, mi, s, us, zone = spec[1:]
        return closest(wall_candidates(y, mo, d, h, mi, s, us, zone),
                       st.stream_prev)
    mo, d, h, mi, s, us, zone = spec[1:]

    def at_year(y):
        if not valid_wall(y, mo, d, h, mi, s):
            return None
        return closest(wall_candidates(y, mo, d, h, mi, s, us, zone),
                       st.stream_prev)

    if st.file_prev is None:
        ry = year_of(st.ref) + 1
        for y in range(ry, ry - 12, -1):
            t = at_year(y)
            if t is not None and t <= st.ref:
                return t
        raise Malformed("bad time")
    py = year_of(st.file_prev)
    cands = []
    for y in range(py - 4, py + 5):
        t = at_year(y)
        if t is not None:
            cands.append(t)
    # Nearest valid years only matter; Feb 29 may need a wider search.
    return closest(sorted(cands), st.file_prev)


def year_of(us):
    return (EPOCH + dt.timedelta(microseconds=us)).year


def fmt_time(us):
    if us is None:
        return "-"
    t = EPOCH + dt.timedelta(microseconds=us)
    base = t.strftime("%Y-%m-%dT%H:%M:%S")
    if t.microsecond % 1000:
        return "%s.%06dZ" % (base, t.microsecond)
    return "%s.%03dZ" % (base, t.microsecond // 1000)


def fmt_bin(sec):
    t = EPOCH + dt.timedelta(seconds=sec)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_rfc3339_arg(text):
    m = RFC3339_RE.fullmatch(text)
    if not m:
        raise SystemExit("oracle: bad time %r" % text)
    spec = rfc3339_spec(m, UTC)
    y, mo, d, h, mi, s, us, zone = spec[1:]
    return to_us(dt.datetime(y, mo, d, h, mi, s, us, tzinfo=zone))


def load_zone(name):
    if name in ("UTC", "Z", "GMT", "Etc/UTC"):
        return UTC
    if name is None:
        name = os.environ.get("TZ")
        if not name:
            try:
                link = os.readlink("/etc/localtime")
                name = link.split("zoneinfo/", 1)[1]
            except (OSError, IndexError):
                return UTC
        name = name.lstrip(":")
    return zoneinfo.ZoneInfo(name)


# ------------------------------------------------------------ syslog header

PRI_RE = re.compile(r"<(\d{1,3})>")
BSD_RE = re.compile(
    r"([A-Za-z]{3}) +(\d{1,2})(?: (\d{4}))? (\d{2}):(\d{2}):(\d{2})"
    r"(?:\.(\d+))?:?(?= |$)")
ISO_RE = re.compile(RFC3339_RE.pattern + r"(?= |$)")
SD_RE = re.compile(r'-|(?:\[(?:[^\]"\\]|\\.|"(?:[^"\\]|\\.)*")*\])+')


def syslog_header(text, zone):
    """Reads a syslog header at the start of text.

    Returns (time spec or None, host or None, rest of the text, had_time).
    The host is only taken right after a recognised time."""
    pos = 0
    m = PRI_RE.match(text)
    if m:
        pos = m.end()
    m5 = re.compile(r"(\d{1,2}) ").match(text, pos) if pos else None
    if m5:
        # RFC 5424: VERSION TIMESTAMP HOST APP PROCID MSGID SD
        p = m5.end()
        toks = []
        ok = True
        for _ in range(5):
            tm = re.compile(r"(\S+) ").match(text, p)
            if not tm:
                ok = False
                break
            toks.append(tm.group(1))
            p = tm.end()
        if ok:
            sd = SD_RE.match(text, p)
            if sd:
                p = sd.end()
                ts, host = toks[0], toks[1]
                spec = None
                if ts != "-":
                    tmm = RFC3339_RE.fullmatch(ts)
                    if tmm and valid_wall(*(int(tmm.group(i))
                                            for i in range(1, 7))):
                        spec = rfc3339_spec(tmm, zone)
                return (spec, None if host == "-" else host,
                        text[p:], spec is not None)
    m = BSD_RE.match(text, pos)
    spec = None
    if m:
        mo = MONTHS.get(m.group(1).lower())
        d = int(m.group(2))
        h, mi, s = int(m.group(4)), int(m.group(5)), int(m.group(6))
        us = frac_us(m.group(7))
        if m.group(3) and mo and valid_wall(int(m.group(3)), mo, d, h, mi,
                                            s):
            spec = ("wall", int(m.group(3)), mo, d, h, mi, s, us, zone)
        elif not m.group(3) and mo and valid_wall(2000, mo, d, h, mi, s):
            spec = ("noyear", mo, d, h, mi, s, us, zone)
    if spec is None:
        m = ISO_RE.match(text, pos)
        if m and valid_wall(*(int(m.group(i)) for i in range(1, 7))):
            spec = rfc3339_spec(m, zone)
    if spec is None:
        return (None, None, text[pos:], False)
    rest = text[m.end():]
    host = None
    hm = re.match(r" +([^ ]+)", rest)
    if hm and not hm.group(1).endswith(":") and not hm.group(1).startswith(
            "["):
        host = hm.group(1)
        rest = rest[hm.end():]
    return (spec, host, rest, True)


# ---------------------------------------------------------------------- CEF

CEF_RE = re.compile(r"CEF: *[0-9]+")
KEY_RE = re.compile(r"(?:^|(?<= ))([A-Za-z0-9_.-]+)=")


def split_header(text):
    """Splits on unescaped pipes, at most 7 times; unescapes the fields."""
    fields = []
    cur = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if len(fields) == 7:
            fields.append(text[i:])
            return fields
        if c == "\\" and i + 1 < n and text[i + 1] in "|\\":
            cur.append(text[i + 1])
            i += 2
            continue
        if c == "|":
            fields.append("".join(cur))
            cur = []
            i += 1
            continue
        cur.append(c)
        i += 1
    if len(fields) == 7:
        fields.append("")
    else:
        fields.append("".join(cur))
    return fields


def unescape_value(v):
    out = []
    i = 0
    while i < len(v):
        c = v[i]
        if c == "\\" and i + 1 < len(v):
            nx = v[i + 1]
            rep = {"\\": "\\", "=": "=", "n": "\n", "r": "\r"}.get(nx)
            if rep is not None:
                out.append(rep)
                i += 2
                continue
        out.append(c)
        i += 1
    return "".join(out)


def cef_extension(ext):
    """dict of the first value of each key."""
    keys = list(KEY_RE.finditer(ext))
    pairs = {}
    for k, m in enumerate(keys):
        end = keys[k + 1].start() - 1 if k + 1 < len(keys) else len(ext)
        raw = ext[m.end():max(end, m.end())]
        val = unescape_value(raw.rstrip(" "))
        if m.group(1) not in pairs:
            pairs[m.group(1)] = val
    return pairs


def first_key(pairs, *names):
    for name in names:
        v = pairs.get(name)
        if v is not None and v != "":
            return v
    return None


def parse_cef(line, zone):
    """Returns an event dict, or raises Malformed."""
    m = CEF_RE.search(line)
    before = line[:m.start()]
    fields = split_header(line[m.start() + 4:])
    if len(fields) < 7:
        raise Malformed("fewer than 7 header fields")
    ext = fields[7] if len(fields) > 7 else ""
    pairs = cef_extension(ext)
    hspec, hhost, rest, had_time = syslog_header(before, zone)
    if not had_time:
        tok = before.strip(" ").split(" ")[0] if before.strip(" ") else ""
        if tok and not tok.endswith(":") and not tok.startswith("<"):
            hhost = tok
    # the first of rt, end, start that is present decides (formats.md)
    spec = None
    for names in (("rt", "deviceReceiptTime"), ("end", "endTime"),
                  ("start", "startTime")):
        value = first_key(pairs, *names)
        if value is not None and value != "":
            spec = cef_time_spec(value, zone)
            break
    if spec is None:
        spec = hspec
    src = first_key(pairs, "src", "sourceAddress")
    if src is None:
        src = first_key(pairs, "c6a2", "deviceCustomIPv6Address2")
    dst = first_key(pairs, "dst", "destinationAddress")
    if dst is None:
        dst = first_key(pairs, "c6a3", "deviceCustomIPv6Address3")
    device = first_key(pairs, "deviceExternalId")
    if device is None:
        device = first_key(pairs, "dvchost", "deviceHostName")
    if device is None and hhost:
        device = hhost
    if device is None:
        device = first_key(pairs, "dvc", "deviceAddress")
    return {
        "format": "cef",
        "time": spec,
        "action": first_key(pairs, "act", "deviceAction"),
        "hint": fields[5] if fields[5] != "" else None,
        "src": parse_addr(src, "source") if src is not None else None,
        "dst": parse_addr(dst, "destination") if dst is not None else None,
        "sport": parse_port(first_key(pairs, "spt", "sourcePort"), "source"),
        "dport": parse_port(first_key(pairs, "dpt", "destinationPort"),
                            "destination"),
        "proto": parse_proto(first_key(pairs, "proto", "transportProtocol")),
        "vendor": fields[1],
        "product": fields[2],
        "device": device,
    }


# ---------------------------------------------------------------- netfilter

EDGE_RE = re.compile(r"\[[^\[\]]*-([DRA])\]|[A-Za-z0-9]+")
EDGE_WORD = {"D": "drop", "R": "reject", "A": "accept"}


def netfilter_action(prefix, default_action):
    for m in EDGE_RE.finditer(prefix):
        if m.group(1):
            return EDGE_WORD[m.group(1)]
        if m.group(0).lower() in VOCAB:
            return m.group(0)
    return default_action


def is_netfilter(line):
    i = line.find("IN=")
    if i < 0:
        return False
    j = line.find("SRC=", i)
    return j >= 0 and line.find("DST=", i) >= 0


def parse_netfilter(line, zone, default_action="drop"):
    i = line.find("IN=")
    spec, host, rest, _ = syslog_header(line[:i], zone)
    rest = rest.strip(" ")
    if rest.startswith("kernel:"):
        rest = rest[len("kernel:"):].lstrip(" ")
    um = re.match(r"\[ *[0-9]+\.[0-9]+\]", rest)
    if um:
        rest = rest[um.end():]
    prefix = rest.strip(" ")
    body = {}
    for tok in line[i:].split(" "):
        if tok == "":
            continue
        if tok.startswith("["):
            break
        if "=" in tok:
            k, v = tok.split("=", 1)
            if k not in body:
                body[k] = v
    src = body.get("SRC")
    dst = body.get("DST")
    if not src:
        raise Malformed("no source address")
    if not dst:
        raise Malformed("no destination address")
    return {
        "format": "netfilter",
        "time": spec,
        "action": netfilter_action(prefix, default_action),
        "hint": None,
        "src": parse_addr(src, "source"),
        "dst": parse_addr(dst, "destination"),
        "sport": parse_port(body.get("SPT"), "source"),
        "dport": parse_port(body.get("DPT"), "destination"),
        "proto": parse_proto(body.get("PROTO")),
        "vendor": "Linux",
        "product": "netfilter",
        "device": host,
    }


# ---------------------------------------------------------------------- CSL

CSL_COLUMNS = ("TimeGenerated", "DeviceAction", "Activity", "SourceIP",
               "DestinationIP", "SourcePort", "DestinationPort", "Protocol",
               "DeviceVendor", "DeviceProduct", "DeviceExternalID",
               "Computer")
LOCALE_RE = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4}),? +(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?"
    r"(?: *([AaPp][Mm]))?")


def column_name(raw):
    """(name without bracketed suffix, zone kind 'utc' or 'local')."""
    m = re.fullmatch(r"(.*?)\s*\[([^\]]*)\]\s*", raw)
    if not m:
        return raw.strip(), "utc"
    kind = "local" if m.group(2).strip().lower() == "local time" else "utc"
    return m.group(1), kind


def csl_text(v):
    if v is None:
        return None
    if isinstance(v, bool):
        v = "true" if v else "false"
    if isinstance(v, (int, float)):
        v = json.dumps(v)
    if not isinstance(v, str):
        v = json.dumps(v)
    return None if v == "" else v


def csl_number(v, what, kind):
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        raise Malformed("bad " + what)
    if isinstance(v, int):
        v = str(v)
    elif isinstance(v, float):
        if v != int(v):
            raise Malformed("bad " + what)
        v = str(int(v))
    elif not isinstance(v, str):
        raise Malformed("bad " + what)
    if kind == "port":
        return parse_port(v, what)
    return parse_proto(v)


def csl_time(v, kind, zone, date_order):
    v = csl_text(v)
    if v is None:
        return None
    zone_used = zone if kind == "local" else UTC
    m = RFC3339_RE.fullmatch(v)
    if m:
        spec = rfc3339_spec(m, zone_used)
        if valid_wall(*spec[1:7]):
            return spec
        raise Malformed("bad time")
    m = LOCALE_RE.fullmatch(v)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        mo, d = (b, a) if date_order == "dmy" else (a, b)
        h, mi, s = int(m.group(4)), int(m.group(5)), int(m.group(6))
        ampm = (m.group(8) or "").lower()
        if ampm:
            if not 1 <= h <= 12:
                raise Malformed("bad time")
            h = h % 12 + (12 if ampm == "pm" else 0)
        if not valid_wall(y, mo, d, h, mi, s):
            raise Malformed("bad time")
        return ("wall", y, mo, d, h, mi, s, frac_us(m.group(7)), zone_used)
    raise Malformed("bad time")


def csl_event(row, kinds, zone, date_order):
    """row: dict column -> value (already first-wins, suffix-stripped)."""
    def get(name):
        return row.get(name)
    src = csl_text(get("SourceIP"))
    dst = csl_text(get("DestinationIP"))
    device = csl_text(get("DeviceExternalID"))
    if device is None:
        device = csl_text(get("Computer"))
    return {
        "format": "csl",
        "time": csl_time(get("TimeGenerated"),
                         kinds.get("TimeGenerated", "utc"), zone,
                         date_order),
        "action": csl_text(get("DeviceAction")),
        "hint": csl_text(get("Activity")),
        "src": parse_addr(src, "source") if src is not None else None,
        "dst": parse_addr(dst, "destination") if dst is not None else None,
        "sport": csl_number(get("SourcePort"), "source port", "port"),
        "dport": csl_number(get("DestinationPort"), "destination port",
                            "port"),
        "proto": csl_number(get("Protocol"), "protocol", "proto"),
        "vendor": csl_text(get("DeviceVendor")),
        "product": csl_text(get("DeviceProduct")),
        "device": device,
    }


def first_wins(pairs):
    d = {}
    for k, v in pairs:
        if k not in d:
            d[k] = v
    return d


def json_objects(text):
    """Yields (line, value or Malformed) for a JSON array or JSON lines."""
    dec = json.JSONDecoder(object_pairs_hook=lambda p: ("obj", p))
    i = len(text) - len(text.lstrip())
    if text[i:i + 1] == "[":
        i += 1
        while True:
            while i < len(text) and text[i] in " \t\r\n":
                i += 1
            if i < len(text) and text[i] == "]":
                return
            line = text.count("\n", 0, i) + 1
            try:
                val, end = dec.raw_decode(text, i)
            except ValueError:
                yield line, Malformed("invalid JSON")
                return
            yield line, val
            i = end
            while i < len(text) and text[i] in " \t\r\n":
                i += 1
            if i < len(text) and text[i] == ",":
                i += 1
            elif i < len(text) and text[i] == "]":
                return
            else:
                yield text.count("\n", 0, i) + 1, Malformed("invalid JSON")
                return
    for n, ln in enumerate(text.split("\n"), 1):
        if ln.strip() == "":
            continue
        try:
            yield n, dec.decode(ln)
        except ValueError:
            yield n, Malformed("invalid JSON")


def csl_json_records(text, zone, date_order):
    for line, val in json_objects(text):
        if isinstance(val, Malformed):
            yield line, val
            continue
        if not (isinstance(val, tuple) and val[0] == "obj"):
            yield line, Malformed("not an object")
            continue
        pairs = []
        kinds = {}
        for k, v in val[1]:
            name, kind = column_name(k)
            if isinstance(v, tuple) and len(v) == 2 and v[0] == "obj":
                v = dict(v[1])
            pairs.append((name, v))
            kinds.setdefault(name, kind)
        try:
            yield line, csl_event(first_wins(pairs), kinds, zone, date_order)
        except Malformed as e:
            yield line, e


def csl_table_records(text, zone, date_order):
    first = text.split("\n", 1)[0]
    delim = "\t" if "\t" in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    header = None
    kinds = {}
    names = []
    prev = 0
    for row in reader:
        start = prev + 1
        prev = reader.line_num
        if row == [] or row == [""]:
            continue
        if header is None:
            header = row
            for raw in row:
                name, kind = column_name(raw)
                names.append(name)
                kinds.setdefault(name, kind)
            continue
        if len(row) != len(header):
            yield start, Malformed("wrong number of fields")
            continue
        try:
            yield start, csl_event(first_wins(zip(names, row)), kinds, zone,
                                   date_order)
        except Malformed as e:
            yield start, e


def looks_like_csl_table(text):
    first = text.split("\n", 1)[0]
    delim = "\t" if "\t" in first else ","
    cols = [column_name(c.strip('"'))[0] for c in first.rstrip("\r").split(
        delim)]
    return any(c in ("TimeGenerated", "SourceIP", "DestinationIP",
                     "DeviceAction") for c in cols)


def looks_like_csl_json(head):
    """JSON that names a CommonSecurityLog column (as a key, any case) in
    its first 64 KiB; other JSON (EVE, GCP lines) is read line by line."""
    low = head[:65536].lower()
    return any('"%s"' % c.lower() in low for c in (
        "TimeGenerated", "SourceIP", "DestinationIP", "DeviceAction"))


# ------------------------------------------------------------------ reading

def read_text(path):
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(path, "rb") as f:
            data = f.read()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.decode("utf-8", "surrogateescape")


def cef_line(line, zone):
    if not CEF_RE.search(line):
        return None
    try:
        return [parse_cef(line, zone)]
    except Malformed as e:
        return [e]


def netfilter_line(line, zone):
    if not is_netfilter(line):
        return None
    try:
        return [parse_netfilter(line, zone)]
    except Malformed as e:
        return [e]


# The line formats in the program's registry order: the first that
# recognises a line reads it (oracle_lines.py holds all but two).
LINE_ORDER = ("cef leef asa filterlog fortigate panos checkpoint srx sophos "
              "mikrotik netfilter fast eve gcp-firewall pflog").split()


def line_parser(name):
    if name == "cef":
        return cef_line
    if name == "netfilter":
        return netfilter_line
    return oracle_lines.PARSERS[name]


def line_records(text, zone, forced):
    """(line, event or Malformed) of every record, line by line; a line
    may give several (Check Point packets lists, GCP entries)."""
    order = [f for f in LINE_ORDER if forced in (None, f)]
    gcp = oracle_lines.Gcp()
    for n, line in enumerate(text.split("\n"), 1):
        if line.endswith("\r"):
            line = line[:-1]
        if gcp.pending is not None:
            for r in gcp.line(n, line):
                yield r
            continue
        if line.strip() == "":
            continue
        for name in order:
            if name == "gcp-firewall":
                res = gcp.line(n, line)
                if res is not None:
                    for r in res:
                        yield r
                    break
                continue
            res = line_parser(name)(line, zone)
            if res is not None:
                for r in res:
                    yield n, r
                break
    for r in gcp.finish():
        yield r


def file_records(text, zone, forced, date_order):
    if forced in oracle_files.FORMATS:
        return oracle_files.records(forced, text, zone)
    whole = oracle_files.sniff(text) if forced is None else None
    if whole is not None:
        return oracle_files.records(whole, text, zone)
    head = text.lstrip()
    if forced == "csl" or (forced is None and head[:1] in ("[", "{") and
                           looks_like_csl_json(head)):
        if head[:1] in ("[", "{"):
            return csl_json_records(text, zone, date_order)
        return csl_table_records(text, zone, date_order)
    if forced is None and looks_like_csl_table(text):
        return csl_table_records(text, zone, date_order)
    return line_records(text, zone, forced)


# years 1 to 9999, in microseconds since the epoch
TIME_MIN = -62135596800 * 1000000
TIME_MAX = 253402300800 * 1000000 - 1


def read_events(paths, opts):
    """All events of the inputs, in input order, times resolved."""
    st = TimeState()
    events = []
    for path in paths:
        if opts["ref"] is not None:
            ref = opts["ref"]
        elif path == "-":
            ref = to_us(dt.datetime.now(UTC))
        else:
            ref = os.stat(path).st_mtime_ns // 1000
        st.start_file(ref)
        text = read_text(path)
        for line, ev in file_records(text, opts["zone"], opts["format"],
                                     opts["date_order"]):
            if isinstance(ev, Malformed):
                continue
            if ev["time"] is not None:
                try:
                    t = resolve(ev["time"], st)
                except Malformed:
                    continue
            elif st.file_prev is not None:
                t = st.file_prev
            else:
                t = st.ref      # dated by arrival: the file's time
            if t is not None:
                if not (TIME_MIN <= t <= TIME_MAX):
                    continue    # time out of range: malformed
                st.file_prev = t
                st.stream_prev = t
            ev["time"] = t
            ev["file"] = path
            ev["line"] = line
            ev["class"] = classify(ev["action"], ev["hint"],
                                   opts["profile"], ev.get("verdict"))
            events.append(ev)
    return events


# ------------------------------------------------------------------ outputs

def esc(text):
    if text is None or text == "":
        return "-"
    out = []
    for c in text:
        o = ord(c)
        if c == "\t":
            out.append("\\t")
        elif c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif c == "\\":
            out.append("\\\\")
        elif o < 0x20 or o == 0x7f:
            out.append("\\x%02x" % o)
        else:
            out.append(c)
    return "".join(out)


def opt_num(n):
    return "-" if n is None else str(n)


def fmt_proto(p):
    if p is None:
        return "-"
    return PROTO_OUT.get(p, str(p))


EVENT_COLUMNS = ("file line format time action class src dst sport dport "
                 "proto vendor product device").split()


def write_events(events, out):
    out.write("\t".join(EVENT_COLUMNS) + "\n")
    for e in events:
        row = [esc(e["file"]), str(e["line"]), e["format"],
               fmt_time(e["time"]), esc(e["action"]), e["class"],
               fmt_addr(e["src"]), fmt_addr(e["dst"]), opt_num(e["sport"]),
               opt_num(e["dport"]), fmt_proto(e["proto"]), esc(e["vendor"]),
               esc(e["product"]), esc(e["device"])]
        out.write("\t".join(row) + "\n")


DEFAULT_INTERNAL = ("0.0.0.0/8 10.0.0.0/8 100.64.0.0/10 127.0.0.0/8 "
                    "169.254.0.0/16 172.16.0.0/12 192.168.0.0/16 224.0.0.0/4 "
                    "240.0.0.0/4 255.255.255.255/32 ::/128 ::1/128 fc00::/7 "
                    "fe80::/10 ff00::/8").split()


def is_external(src, profile, nets):
    if src is None:
        return False
    if profile == "sentinel":
        s = fmt_addr(src)
        return s != "" and not (s.startswith("10.") or
                                s.startswith("192.168.") or
                                s.startswith("172."))
    for net in nets:
        if net.version == src.version and src in net:
            return False
    return True


def scan_type(ports, hosts):
    if ports >= 20:
        return "Aggressive Port Scan"
    if ports >= 10:
        return "Port Scan"
    if hosts >= 10:
        return "IP Block Sweep"
    if hosts >= 5:
        return "Limited IP Sweep"
    return "Suspicious Probe"


def detect(events, opts):
    nets = [ipaddress.ip_network(n) for n in DEFAULT_INTERNAL]
    nets += [ipaddress.ip_network(n.strip(), strict=False)
             for n in opts["internal"]]
    low = high = None
    if opts["profile"] == "sentinel":
        now = opts["now"]
        timed = [e["time"] for e in events if e["time"] is not None]
        if now is None and timed:
            now = max(timed)
        if now is not None:
            low, high = now - 3600 * US, now
    binw = opts["bin"]
    groups = {}
    order = []
    for e in events:
        if e["time"] is None:
            continue            # no time: not counted
        if e["class"] != "deny":
            continue
        if not is_external(e["src"], opts["profile"], nets):
            continue
        if e["dport"] is None or e["dport"] <= 0:
            continue
        if low is not None and not e["time"] > low:
            continue
        if high is not None and not e["time"] <= high:
            continue
        b = (e["time"] // US) // binw * binw
        key = (addr_key(e["src"]), b)
        g = groups.get(key)
        if g is None:
            g = groups[key] = {"src": e["src"], "bin": b, "ports": set(),
                               "dsts": set(), "n": 0, "first": None,
                               "last": None, "vp": None}
            order.append(key)
        g["ports"].add(e["dport"])
        if e["dst"] is not None:
            g["dsts"].add(addr_key(e["dst"]))
        g["n"] += 1
        if g["first"] is None or e["time"] < g["first"]:
            g["first"] = e["time"]
            g["vp"] = (e["vendor"], e["product"])
        if g["last"] is None or e["time"] > g["last"]:
            g["last"] = e["time"]
    rows = []
    for key in order:
        g = groups[key]
        ports, hosts, n = len(g["ports"]), len(g["dsts"]), g["n"]
        if not (ports >= opts["min_ports"] or
                (hosts >= opts["min_hosts"] and n >= opts["min_attempts"])):
            continue
        fs, ls = g["first"] // US, g["last"] // US
        minutes = ls // 60 - fs // 60
        rows.append({
            "bin": g["bin"], "src": g["src"], "type": scan_type(ports, hosts),
            "ports": ports, "hosts": hosts, "n": n,
            "apm": n // max(minutes, 1),
            "list": sorted(g["ports"])[:50], "dur": ls - fs,
            "first": g["first"], "last": g["last"],
            "vendor": g["vp"][0], "product": g["vp"][1]})
    rows.sort(key=lambda r: (-r["n"], r["bin"], addr_key(r["src"])))
    return rows


def csv_field(text):
    if text is None:
        text = ""
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


FINDING_COLUMNS = ("TimeGenerated,SourceIP,ScanType,UniqueDestPorts,"
                   "UniqueDestIPs,TotalAttempts,AttemptsPerMinute,"
                   "PortsTargeted,ScanDurationSeconds,FirstSeen,LastSeen,"
                   "DeviceVendor,DeviceProduct")


def write_findings(rows, out):
    out.write(FINDING_COLUMNS + "\n")
    for r in rows:
        vals = [fmt_bin(r["bin"]), fmt_addr(r["src"]), r["type"],
                str(r["ports"]), str(r["hosts"]), str(r["n"]),
                str(r["apm"]),
                "[" + ",".join(str(p) for p in r["list"]) + "]",
                str(r["dur"]), fmt_time(r["first"]), fmt_time(r["last"]),
                r["vendor"], r["product"]]
        # scanspot(1): PortsTargeted "is always quoted"
        fields = [csv_field(v) for v in vals]
        fields[7] = '"' + vals[7] + '"'
        out.write(",".join(fields) + "\n")


# --------------------------------------------------------------------- main

USAGE = ("usage: oracle.py events|detect [--tz ZONE] [--profile P] "
         "[--ref-time T] [--format F] [--date-order mdy|dmy] "
         "[--min-ports N] [--min-hosts N] [--min-attempts N] [--bin S] "
         "[--internal CIDR,...] [--now T] FILE...")


def main(argv):
    if len(argv) < 2 or argv[1] not in ("events", "detect"):
        sys.stderr.write(USAGE + "\n")
        return 2
    cmd = argv[1]
    opts = {"tz": None, "profile": "default", "ref": None, "format": None,
            "date_order": "mdy", "min_ports": 10, "min_hosts": 5,
            "min_attempts": 30, "bin": 300, "internal": [], "now": None}
    files = []
    args = argv[2:]
    i = 0
    valued = {"--tz", "--profile", "--ref-time", "--format", "--date-order",
              "--min-ports", "--min-hosts", "--min-attempts", "--bin",
              "--internal", "--now"}
    while i < len(args):
        a = args[i]
        if a in valued:
            if i + 1 >= len(args):
                sys.stderr.write(USAGE + "\n")
                return 2
            v = args[i + 1]
            i += 2
            if a == "--tz":
                opts["tz"] = v
            elif a == "--profile":
                opts["profile"] = v
            elif a == "--ref-time":
                opts["ref"] = parse_rfc3339_arg(v)
            elif a == "--format":
                opts["format"] = v
            elif a == "--date-order":
                opts["date_order"] = v
            elif a == "--min-ports":
                opts["min_ports"] = int(v)
            elif a == "--min-hosts":
                opts["min_hosts"] = int(v)
            elif a == "--min-attempts":
                opts["min_attempts"] = int(v)
            elif a == "--bin":
                opts["bin"] = int(v)
            elif a == "--internal":
                opts["internal"] = [x for x in v.split(",") if x.strip()]
            elif a == "--now":
                opts["now"] = parse_rfc3339_arg(v)
            continue
        files.append(a)
        i += 1
    if not files:
        files = ["-"]
    opts["zone"] = load_zone(opts["tz"])
    events = read_events(files, opts)
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8",
                           errors="surrogateescape", newline="\n")
    if cmd == "events":
        write_events(events, out)
    else:
        write_findings(detect(events, opts), out)
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
