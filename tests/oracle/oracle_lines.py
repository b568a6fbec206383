"""Line formats of docs/formats.md for the independent oracle.

LEEF, Cisco ASA/FTD/IOS, filterlog, pflog, FortiGate, PAN-OS, Check Point,
Juniper SRX, Sophos, MikroTik, Snort/Suricata fast alerts, Suricata EVE and
Google Cloud firewall logs, each written from its section of
docs/formats.md alone.  Every parser takes one line and returns None (not
this format) or a list of results: event dicts (as oracle.py builds them,
with an optional "verdict", the class a format sets itself) and Malformed
instances.  A skipped record is an empty list.

Readings where the contract leaves room (the most literal one):
- Syslog header of the text before a format's body: optional <PRI>; RFC
  5424 (after <PRI>, VERSION TIMESTAMP HOST APP PROCID MSGID [SD]; the
  fields may stop early); else RFC 3164 or ISO time, then a host (a token
  not ending in ':' nor starting with '['), then a tag `name[pid]:`.
- LEEF/FortiGate/Sophos/MikroTik: without a recognised syslog time there
  is no syslog host.
- ASA 401004: both addresses are read without an interface.  A port is
  checked (1..5 digits, at most 65535) even when the protocol drops it.
- filterlog: the short-packet markers other than truncated-ip take no
  field of the layout.
- FortiGate/Sophos: the first occurrence of a key wins even when empty.
- fast: an absent protocol is read as a portless one.
- EVE: a flow without flow.action is checked, in order: bypassed (other),
  pkts_toclient 0 (deny, or other with a client ACK), server RST without
  SYN (deny), pkts_toclient above 0 (allow), else other.
- GCP: an entry on a line that names "disposition" but has none is
  skipped.
"""

import datetime as dt
import json
import re

import oracle as O

# ------------------------------------------------------------------ helpers


def mal(reason):
    return O.Malformed(reason)


def event(fmt, **kw):
    e = {"format": fmt, "time": None, "action": None, "hint": None,
         "src": None, "dst": None, "sport": None, "dport": None,
         "proto": None, "vendor": None, "product": None, "device": None,
         "verdict": None}
    e.update(kw)
    return e


def addr(text, what):
    if text is None or text == "":
        raise mal("no " + what + " address")
    return O.parse_addr(text, what)


def port(text, what):
    """A port 0..65535 from digits; None when absent."""
    return O.parse_port(text, what)


def first_wins_hook(pairs):
    d = {}
    for k, v in pairs:
        if k not in d:
            d[k] = v
    return d


class Hdr:
    def __init__(self):
        self.found = False   # a syslog time or RFC 5424 header was read
        self.spec = None
        self.host = None
        self.tag = None
        self.msg = ""
        self.kind = None      # "5424", "bsd", "iso"


TOKEN_RE = re.compile(r"(\S+)(?: |$)")
TAG_RE = re.compile(r" *([^ \[\]:]+)(?:\[[^\]]*\])?:(?= |$) *")
PRI_RE = re.compile(r"<(\d{1,3})>")
V5424_RE = re.compile(r"(\d{1,2}) ")


def header(text, zone):
    """Reads a syslog header at the start of text (see the module note)."""
    h = Hdr()
    pos = 0
    m = PRI_RE.match(text)
    if m:
        pos = m.end()
        v = V5424_RE.match(text, pos)
        if v:
            return header_5424(text, v.end(), zone)
    m = O.BSD_RE.match(text, pos)
    spec = None
    if m:
        mo = O.MONTHS.get(m.group(1).lower())
        d = int(m.group(2))
        hh, mi, s = int(m.group(4)), int(m.group(5)), int(m.group(6))
        us = O.frac_us(m.group(7))
        y = int(m.group(3)) if m.group(3) else None
        if mo and O.valid_wall(y or 2000, mo, d, hh, mi, s):
            spec = (("wall", y, mo, d, hh, mi, s, us, zone) if y else
                    ("noyear", mo, d, hh, mi, s, us, zone))
            h.kind = "bsd"
    if spec is None:
        m = O.ISO_RE.match(text, pos)
        if m and O.valid_wall(*(int(m.group(i)) for i in range(1, 7))):
            spec = O.rfc3339_spec(m, zone)
            h.kind = "iso"
    if spec is None:
        h.msg = text[pos:]
        return h
    h.found = True
    h.spec = spec
    rest = text[m.end():]
    hm = re.match(r" +([^ ]+)", rest)
    if hm and not hm.group(1).endswith(":") and not hm.group(1).startswith(
            "["):
        h.host = hm.group(1)
        rest = rest[hm.end():]
    tm = TAG_RE.match(rest)
    if tm:
        h.tag = tm.group(1)
        rest = rest[tm.end():]
    h.msg = rest.lstrip(" ")
    return h


SD_RE = re.compile(r'-|(?:\[(?:[^\]"\\]|\\.|"(?:[^"\\]|\\.)*")*\])+')


def header_5424(text, p, zone):
    h = Hdr()
    h.found = True
    h.kind = "5424"
    toks = []
    while len(toks) < 5:
        tm = TOKEN_RE.match(text, p)
        if not tm:
            break
        toks.append(tm.group(1))
        p = tm.end()
    toks += [None] * (5 - len(toks))
    ts, host, app = toks[0], toks[1], toks[2]
    if ts is not None and ts != "-":
        tmm = O.RFC3339_RE.fullmatch(ts)
        if tmm and O.valid_wall(*(int(tmm.group(i)) for i in range(1, 7))):
            h.spec = O.rfc3339_spec(tmm, zone)
    h.host = None if host in (None, "-") else host
    h.tag = None if app in (None, "-") else app
    if toks[4] is not None:
        sd = SD_RE.match(text, p)
        if sd:
            p = sd.end()
            if text[p:p + 1] == " ":
                p += 1
    h.msg = text[p:]
    return h


def with_zone(spec, zone):
    if spec is None or spec[0] == "abs":
        return spec
    return spec[:-1] + (zone,)


def epoch_spec(digits, units):
    """units: list of (max digits, microseconds per unit)."""
    if not re.fullmatch(r"[0-9]+", digits):
        return None
    n = len(digits)
    for maxd, scale in units:
        if n <= maxd:
            if scale >= 1:
                return ("abs", int(digits) * scale)
            return ("abs", int(digits) // int(round(1 / scale)))
    return None


def rfc3339(value, zone):
    """Spec of an RFC 3339 value, or None when it does not read."""
    m = O.RFC3339_RE.fullmatch(value)
    if not m:
        return None
    spec = O.rfc3339_spec(m, zone)
    if not O.valid_wall(*spec[1:7]):
        return None
    return spec


GMT_OFF_RE = re.compile(r"(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?", re.I)


def zone_name(word):
    """tzinfo of a zone written by a device (offset, GMT+2, CET...)."""
    if word is None:
        return None
    m = GMT_OFF_RE.fullmatch(word)
    if m:
        return O.offset_zone(m.group(1), m.group(2), m.group(3))
    return O.zone_word(word, None)


# --------------------------------------------------------------------- LEEF

LEEF_RE = re.compile(r"LEEF:(?=[0-9])")


def leef_header(s):
    fields, cur, i = [], [], 0
    while i < len(s) and len(fields) < 5:
        c = s[i]
        if c == "\\" and i + 1 < len(s) and s[i + 1] in "|\\":
            cur.append(s[i + 1])
            i += 2
            continue
        if c == "|":
            fields.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    if len(fields) < 5:
        raise mal("fewer than 5 header fields")
    return fields, s[i:]


def leef_sep(field):
    if field == "":
        return "\t"
    if len(field) == 1:
        return field
    m = re.fullmatch(r"(?:0x|x)([0-9A-Fa-f]{1,4})", field)
    if not m:
        raise mal("bad separator in the LEEF 2.0 header")
    return chr(int(m.group(1), 16))


def leef_attrs(a, sep):
    items, cur, i = [], [], 0
    while i < len(a):
        if a.startswith(sep, i):
            items.append("".join(cur))
            cur = []
            i += len(sep)
            continue
        c = a[i]
        if c == "\\" and i + 1 < len(a):
            if a.startswith(sep, i + 1):
                cur.append(sep)
                i += 1 + len(sep)
                continue
            if a[i + 1] in "\\=":
                cur.append(a[i + 1])
                i += 2
                continue
        cur.append(c)
        i += 1
    items.append("".join(cur))
    d = {}
    for it in items:
        k = it.find("=")
        if k < 0:
            continue
        key = it[:k].strip(" ")
        val = it[k + 1:].strip(" ")
        if key not in d:
            d[key] = val if val != "" else None
    return d


def java_time(value, fmt, zone):
    """Spec of value read with a Java date pattern, or None."""
    out, kinds, i = [], [], 0
    while i < len(fmt):
        c = fmt[i]
        if c == "'":
            j = fmt.find("'", i + 1)
            if j == i + 1:
                out.append("'")
                i += 2
                continue
            if j < 0:
                j = len(fmt)
            out.append(re.escape(fmt[i + 1:j]))
            i = j + 1
            continue
        if c.isalpha():
            j = i
            while j < len(fmt) and fmt[j] == c:
                j += 1
            n = j - i
            i = j
            if c == "y":
                out.append(r"(\d{2})" if n == 2 else r"(\d{4})")
                kinds.append("y2" if n == 2 else "y4")
            elif c == "M" and n >= 3:
                out.append(r"([A-Za-z]{3,})")
                kinds.append("mon")
            elif c in "MdHhms":
                out.append(r"(\d{2})" if n == 2 else r"(\d{1,2})")
                kinds.append(c)
            elif c == "S":
                out.append(r"(\d+)")
                kinds.append("S")
            elif c == "E":
                out.append(r"([A-Za-z]+)")
                kinds.append("E")
            elif c == "a":
                out.append(r"([AaPp][Mm])")
                kinds.append("a")
            elif c in "zZX":
                out.append(r"(\S+)")
                kinds.append("z")
            else:
                out.append(re.escape(c * n))
            continue
        out.append(re.escape(c))
        i += 1
    m = re.fullmatch("".join(out), value)
    if not m:
        return None
    v = {"y": None, "mo": None, "d": None, "H": 0, "mi": 0, "s": 0,
         "us": 0, "ampm": None, "zone": zone, "h12": None}
    for k, g in zip(kinds, m.groups()):
        if k == "y4":
            v["y"] = int(g)
        elif k == "y2":
            v["y"] = 2000 + int(g)
        elif k == "mon":
            v["mo"] = O.MONTHS.get(g[:3].lower())
            if v["mo"] is None:
                return None
        elif k == "M":
            v["mo"] = int(g)
        elif k == "d":
            v["d"] = int(g)
        elif k == "H":
            v["H"] = int(g)
        elif k == "h":
            v["h12"] = int(g)
        elif k == "m":
            v["mi"] = int(g)
        elif k == "s":
            v["s"] = int(g)
        elif k == "S":
            v["us"] = O.frac_us(g)
        elif k == "a":
            v["ampm"] = g.lower()
        elif k == "z":
            z = zone_name(g)
            if z is None:
                return None
            v["zone"] = z
    if v["h12"] is not None:
        hh = v["h12"]
        if v["ampm"] and not 1 <= hh <= 12:
            return None
        if v["ampm"] == "pm":
            hh = hh % 12 + 12
        elif v["ampm"] == "am":
            hh = hh % 12
        v["H"] = hh
    if v["mo"] is None or v["d"] is None:
        return None
    if v["y"] is None:
        if not O.valid_wall(2000, v["mo"], v["d"], v["H"], v["mi"], v["s"]):
            return None
        return ("noyear", v["mo"], v["d"], v["H"], v["mi"], v["s"], v["us"],
                v["zone"])
    if not O.valid_wall(v["y"], v["mo"], v["d"], v["H"], v["mi"], v["s"]):
        return None
    return ("wall", v["y"], v["mo"], v["d"], v["H"], v["mi"], v["s"], v["us"],
            v["zone"])


def parse_leef(line, zone):
    m = LEEF_RE.search(line)
    if not m:
        return None
    try:
        h = header(line[:m.start()], zone)
        fields, rest = leef_header(line[m.end():])
        sep = "\t"
        if fields[0].startswith("2."):
            if rest.startswith("||"):
                sep, rest = "|", rest[2:]
            else:
                j = rest.find("|")
                if j >= 0 and "=" not in rest[:j] and j <= 6:
                    sep = leef_sep(rest[:j])
                    rest = rest[j + 1:]
        a = leef_attrs(rest, sep)
        spec = None
        dv = a.get("devTime")
        if dv is not None:
            fmt = a.get("devTimeFormat")
            if fmt is not None:
                spec = java_time(dv, fmt, zone)
            else:
                try:
                    spec = O.cef_time_spec(dv, zone)
                except O.Malformed:
                    spec = None
        if spec is None:
            spec = h.spec
        action = a.get("action")
        if action is None:
            action = a.get("Action")
        if action is None:
            action = a.get("act")
        device = a.get("dvchost") or h.host
        return [event(
            "leef", time=spec, action=action,
            hint=fields[4] if fields[4] != "" else None,
            src=addr(a["src"], "source") if a.get("src") else None,
            dst=addr(a["dst"], "destination") if a.get("dst") else None,
            sport=port(a.get("srcPort"), "source"),
            dport=port(a.get("dstPort"), "destination"),
            proto=O.parse_proto(a.get("proto")),
            vendor=fields[1], product=fields[2], device=device)]
    except O.Malformed as e:
        return [e]


# ---------------------------------------------------------------------- ASA

ASA_MARK_RE = re.compile(
    r"(?:^|(?<=[ :>\t]))%(?:(ASA|FTD|PIX)-([0-7])-(\d{6})(?=:| |$)|"
    r"([A-Z0-9_]+)-([0-7])-((?:IPACCESSLOG|ACCESSLOG)[A-Z0-9_]*):)")
DEVT_RE = re.compile(
    r"(?:^|(?<= ))([*.]?)([A-Za-z]{3}) +(\d{1,2}) +(?:(\d{4}) +)?"
    r"(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?"
    r"(?: +([A-Za-z][A-Za-z0-9]*|[+-]\d{2}:?\d{2}))?:(?= |$)")
DEVT_ISO_RE = re.compile(
    r"(?:^|(?<= ))(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})"
    r"(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?:(?= |$)")
FACLEV_RE = re.compile(
    r"(kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|"
    r"local[0-7])\.[A-Za-z]+", re.I)
SKIP_ASA = "message type not read"


def asa_devtime(rest, zone):
    """(spec, marked, span) of the device's own time in rest, or None."""
    m = DEVT_RE.search(rest)
    if m and O.MONTHS.get(m.group(2).lower()):
        mo = O.MONTHS[m.group(2).lower()]
        d, hh, mi, s = (int(m.group(i)) for i in (3, 5, 6, 7))
        z = zone
        if m.group(9):
            z = zone_name(m.group(9)) or zone
        us = O.frac_us(m.group(8))
        if m.group(4):
            y = int(m.group(4))
            if not O.valid_wall(y, mo, d, hh, mi, s):
                raise mal("bad time")
            spec = ("wall", y, mo, d, hh, mi, s, us, z)
        else:
            if not O.valid_wall(2000, mo, d, hh, mi, s):
                raise mal("bad time")
            spec = ("noyear", mo, d, hh, mi, s, us, z)
        return spec, m.group(1) != "", m.span()
    m = DEVT_ISO_RE.search(rest)
    if m:
        y, mo, d, hh, mi, s = (int(m.group(i)) for i in range(1, 7))
        if not O.valid_wall(y, mo, d, hh, mi, s):
            raise mal("bad time")
        z = zone
        if m.group(8):
            z = O.UTC
        elif m.group(9):
            z = O.offset_zone(m.group(9), m.group(10), m.group(11))
        return (("wall", y, mo, d, hh, mi, s, O.frac_us(m.group(7)), z),
                False, m.span())
    return None


def asa_before(before, zone):
    """(time spec, device) from the text before the marker."""
    h = header(before, zone)
    rest = h.msg if h.found else before
    if not h.found:
        pm = PRI_RE.match(rest)
        if pm:
            rest = rest[pm.end():]
    hspec = h.spec
    if hspec is not None and h.tag is not None:
        z = zone_name(h.tag)
        if z is not None:
            hspec = with_zone(hspec, z)
    dt_ = asa_devtime(rest, zone)
    if dt_ is not None and not (dt_[1] and hspec is not None):
        spec = dt_[0]
    else:
        spec = hspec
    device = h.host
    if device is None and h.tag is not None:
        if not h.tag.isdigit() and zone_name(h.tag) is None:
            device = h.tag
    if device is None:
        text = rest
        if dt_ is not None:
            a, b = dt_[2]
            text = rest[:a] + " " + rest[b:]
        for tok in text.split():
            if not re.fullmatch(r"[A-Za-z0-9._:-]+", tok):
                continue
            t = tok[:-1] if tok.endswith(":") else tok
            if t == "" or t.isdigit() or FACLEV_RE.fullmatch(t):
                continue
            device = t
    return spec, device


def asa_port(p, what):
    if not re.fullmatch(r"[0-9]{1,5}", p) or int(p) > 65535:
        raise mal("bad " + what + " port")
    return int(p)


def try_addr(text):
    try:
        return O.parse_addr(text, "x")
    except O.Malformed:
        return None


def asa_token(tok):
    """The address token without trailing punctuation and parentheses."""
    t = tok
    if t and t[-1] in ",.;":
        t = t[:-1]
    if t.startswith("("):
        j = t.find(")")
        return t[1:j] if j > 0 else t[1:]
    j = t.find("(")
    return t[:j] if j >= 0 else t


def asa_ep(tok, mode, what):
    """(address, port or None) of IFACE:ADDR[/PORT]; mode opt, req, none."""
    if tok is None:
        raise mal("no " + what + " address")
    t = asa_token(tok)
    slash = t.find("/")
    main, p = (t, None) if slash < 0 else (t[:slash], t[slash + 1:])
    cands = []
    splits = [main[i + 1:] for i, c in enumerate(main) if c == ":"]
    if mode == "opt":
        cands = [main] + splits
    elif mode == "req":
        cands = splits + [main]
    else:
        cands = [main]
    for c in cands:
        a = try_addr(c)
        if a is not None:
            return a, asa_port(p, what) if p is not None else None
    raise mal("bad " + what + " address")


def ios_ep(tok, what):
    """(address, port or None) of [IFACE/]ADDR[(PORT)]."""
    if tok is None:
        raise mal("no " + what + " address")
    t = tok
    if t and t[-1] in ",.;":
        t = t[:-1]
    par = t.find("(")
    head = t if par < 0 else t[:par]
    sl = head.rfind("/")
    a_text = head[sl + 1:]
    p = None
    if par >= 0:
        close = t.find(")", par)
        if close < 0:
            raise mal("bad " + what + " port")
        p = asa_port(t[par + 1:close], what)
    a = try_addr(a_text)
    if a is None:
        raise mal("bad " + what + " address")
    return a, p


def asa_proto(word):
    if word is None:
        raise mal("unexpected message text")
    if word.lower() == "icmp6":
        return 58
    try:
        return O.parse_proto(word)
    except O.Malformed:
        raise mal("bad protocol number")


def idx(toks, word, start=0):
    for i in range(start, len(toks)):
        if toks[i] == word:
            return i
    return -1


def nth(toks, i):
    return toks[i - 1] if 1 <= i <= len(toks) else None


def asa_from_to(toks, dst_mode="opt", want_dst=True):
    i = idx(toks, "from")
    if i < 0:
        raise mal("unexpected message text")
    src = asa_ep(nth(toks, i + 2), "opt", "source")
    dst = (None, None)
    if want_dst:
        j = idx(toks, "to", i + 2)
        if j < 0:
            raise mal("no destination address")
        dst = asa_ep(nth(toks, j + 2), dst_mode, "destination")
    return src, dst


def asa_src_dst(toks, start):
    i = idx(toks, "src", start)
    if i < 0:
        raise mal("unexpected message text")
    src = asa_ep(nth(toks, i + 2), "req", "source")
    j = idx(toks, "dst", i + 2)
    if j < 0:
        raise mal("no destination address")
    dst = asa_ep(nth(toks, j + 2), "req", "destination")
    return src, dst


def asa_106023(toks, k):
    """Protocol after the verdict (token k-1) and the optional direction."""
    if nth(toks, k) is not None and nth(toks, k).lower() in ("inbound",
                                                             "outbound"):
        k += 1
    p = nth(toks, k)
    if p is not None and p.lower() == "protocol":
        k += 1
        p = nth(toks, k)
    return asa_proto(p), k


def asa_message(num, text):
    """(action, proto, (src, sport), (dst, dport), verdict); raises."""
    toks = text.split()
    if not toks:
        raise mal("no message text")
    verdict = None
    if num == "106001":
        act, proto = nth(toks, 4), asa_proto(nth(toks, 2))
        src, dst = asa_from_to(toks)
    elif num in ("106006", "106007"):
        act, proto = nth(toks, 1), asa_proto(nth(toks, 3))
        src, dst = asa_from_to(toks)
    elif num in ("106015", "106016", "106017", "106020", "106021",
                 "106022"):
        act, proto = nth(toks, 1), asa_proto(nth(toks, 2))
        src, dst = asa_from_to(toks)
    elif num == "313001":
        act, proto = nth(toks, 1), asa_proto(nth(toks, 2))
        src, dst = asa_from_to(toks, want_dst=False)
    elif num in ("710003", "710005"):
        act, proto = nth(toks, 3), asa_proto(nth(toks, 1))
        src, dst = asa_from_to(toks, dst_mode="req")
    elif num in ("106010", "106014", "106023"):
        act = nth(toks, 1)
        proto, k = asa_106023(toks, 2)
        src, dst = asa_src_dst(toks, k)
    elif num == "418001":
        act = nth(toks, 7)
        if act is None:
            raise mal("unexpected message text")
        act = act[:-1] if act.endswith(":") else act
        proto, k = asa_106023(toks, 8)
        src, dst = asa_src_dst(toks, k)
    elif num == "106100":
        if toks[0] != "access-list":
            raise mal("unexpected message text")
        act, proto = nth(toks, 3), asa_proto(nth(toks, 4))
        src = ios_ep(nth(toks, 5), "source")
        j = idx(toks, "->", 5)
        if j < 0:
            raise mal("no destination address")
        dst = ios_ep(nth(toks, j + 2), "destination")
    elif num == "401004":
        if nth(toks, 2) != "packet:":
            raise mal("unexpected message text")
        act, proto, verdict = "Shunned", None, "deny"
        src = asa_ep(nth(toks, 3), "none", "source")
        t4 = nth(toks, 4)
        dtok = nth(toks, 5) if t4 in ("=", "==>", "->") else t4
        dst = asa_ep(dtok, "none", "destination")
    elif num == "733101":
        if (toks[0] == "Host" and nth(toks, 4) is not None and
                nth(toks, 4).startswith("attacking")):
            act, proto, verdict = "attacking", None, "other"
            src = asa_ep(nth(toks, 2), "none", "source")
            dst = (None, None)
        elif toks[0] in ("Host", "Subnet"):
            raise SkipRecord("threat detection: target or subnet")
        else:
            raise mal("unexpected message text")
    else:
        raise SkipRecord(SKIP_ASA)
    if act is None:
        raise mal("unexpected message text")
    return act, proto, src, dst, verdict


def ios_message(mnem, text):
    if mnem.startswith("IPACCESSLOGRL"):
        raise SkipRecord(SKIP_ASA)
    toks = text.split()
    if not toks:
        raise mal("no message text")
    i = idx(toks, "list")
    if i < 0:
        raise mal("unexpected message text")
    act = nth(toks, i + 3)
    if act is None:
        raise mal("unexpected message text")
    if mnem.startswith("IPACCESSLOGS"):
        src = ios_ep(nth(toks, i + 4), "source")
        return act, None, src, (None, None), None
    proto = asa_proto(nth(toks, i + 4))
    src = ios_ep(nth(toks, i + 5), "source")
    j = idx(toks, "->", i + 5)
    if j < 0:
        raise mal("no destination address")
    dst = ios_ep(nth(toks, j + 2), "destination")
    return act, proto, src, dst, None


class SkipRecord(Exception):
    pass


PORT_PROTOS = (None, 6, 17, 132, 136)


def parse_asa(line, zone):
    m = ASA_MARK_RE.search(line)
    if not m:
        return None
    try:
        text = line[m.end():]
        if text.startswith(":"):
            text = text[1:]
        text = text.strip(" ")
        rm = re.fullmatch(r"message repeated \d+ times?: \[(.*)\]", text)
        if rm:
            text = rm.group(1).strip(" ")
        if m.group(1):
            product = m.group(1)
            act, proto, src, dst, verdict = asa_message(m.group(3), text)
        else:
            product = "IOS"
            act, proto, src, dst, verdict = ios_message(m.group(6), text)
        spec, device = asa_before(line[:m.start()], zone)
        s_a, s_p = src
        d_a, d_p = dst
        if proto == 1 and s_a is not None and s_a.version == 6 and (
                d_a is None or d_a.version == 6):
            proto = 58
        if proto not in PORT_PROTOS:
            s_p = d_p = None
        return [event("asa", time=spec, action=act, src=s_a, dst=d_a,
                      sport=s_p, dport=d_p, proto=proto, vendor="Cisco",
                      product=product, device=device, verdict=verdict)]
    except SkipRecord:
        return []
    except O.Malformed as e:
        return [e]


# ---------------------------------------------------------------- filterlog

def parse_filterlog(line, zone):
    h = header(line, zone)
    if not h.found or h.tag != "filterlog":
        return None
    msg = h.msg.rstrip(" ")
    if msg == "" or "," not in msg:
        return []
    f = [""] + msg.split(",")       # 1-based
    try:
        if len(f) - 1 < 9:
            raise mal("fewer than 9 fields")
        ver = f[9]
        if ver not in ("4", "6"):
            raise mal("bad IP version")
        shift = 0
        marker = len(f) > 10 and (f[10].startswith("truncated-ip") or
                                  f[10].startswith("bad-hlen=") or
                                  f[10].startswith("bad-len=") or
                                  f[10] == "[|ip]")
        if len(f) > 10 and f[10].startswith("truncated-ip"):
            shift = 1
        if ver == "4":
            need, pn, si, di = 20, 16, 19, 20
        else:
            need, pn, si, di = 17, 14, 16, 17
        if len(f) - 1 < need + shift:
            if marker:
                return []
            raise mal("fewer fields than the IPv%s layout" % ver)
        pnum = f[pn + shift]
        if not re.fullmatch(r"[0-9]+", pnum) or int(pnum) > 255:
            raise mal("bad protocol number")
        proto = int(pnum)
        s_t, d_t = f[si + shift], f[di + shift]
        if (ver == "4") == (":" in s_t):
            raise mal("bad source address")
        src = addr(s_t, "source")
        if (ver == "4") == (":" in d_t):
            raise mal("bad destination address")
        dst = addr(d_t, "destination")
        tail = f[di + shift + 1:]
        sport = dport = None
        if proto in (6, 17) and tail and re.match(r"[0-9]", tail[0]):
            sport = port(tail[0], "source")
            if len(tail) < 2 or tail[1] == "":
                raise mal("bad destination port")
            dport = port(tail[1], "destination")
        label = re.search(r"[^0-9]", f[4]) is not None
        host = h.host or ""
        if label or "opnsense" in host.lower():
            vendor, product = "OPNsense", "OPNsense"
        else:
            vendor, product = "Netgate", "pfSense"
        verdict = None if f[8].lower() == "in" else "other"
        return [event("filterlog", time=h.spec,
                      action=f[7] if f[7] != "" else None, src=src, dst=dst,
                      sport=sport, dport=dport, proto=proto, vendor=vendor,
                      product=product, device=h.host, verdict=verdict)]
    except O.Malformed as e:
        return [e]


# -------------------------------------------------------------------- pflog

PFCAP = (r"(?:([A-Za-z]{3}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?|"
         r"(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?)")
PF_RULE_RE = re.compile(r"(?:" + PFCAP + r" )?rule ([^ ]*/[^ ]*)")
PF_SHORT_RE = re.compile(PFCAP + r" (?:\[\|pflog\]|\[pflog:)")
PF_ACT_RE = re.compile(r"(?:^| )([^ ]+) (in|out|in/out|fwd) on ([^ :]+):(?: |$)")


def pf_capture(m, zone):
    if m.group(1):
        mo = O.MONTHS.get(m.group(1).lower())
        d, hh, mi, s = (int(m.group(i)) for i in (2, 3, 4, 5))
        if mo is None or not O.valid_wall(2000, mo, d, hh, mi, s):
            raise mal("bad time")
        return ("noyear", mo, d, hh, mi, s, O.frac_us(m.group(6)), zone)
    if m.group(7):
        y, mo, d, hh, mi, s = (int(m.group(i)) for i in range(7, 13))
        if not O.valid_wall(y, mo, d, hh, mi, s):
            raise mal("bad time")
        return ("wall", y, mo, d, hh, mi, s, O.frac_us(m.group(13)), zone)
    return None


def pf_endpoint(tok, what):
    dots = tok.count(".")
    if dots in (1, 4):
        a_t, p_t = tok.rsplit(".", 1)
        if not re.fullmatch(r"[0-9]{1,5}", p_t) or int(p_t) > 65535:
            raise mal("bad " + what + " port")
        return addr(a_t, what), int(p_t)
    return addr(tok, what), None


PF_NOPORT = (("icmp6", 58), ("icmpv6", 58), ("icmp", 1), ("igmp", 2),
             ("gre", 47), ("esp", 50), ("ah", 51), ("carp", 112),
             ("vrrp", 112), ("ospf", 89), ("pim", 103), ("sctp", 132))


def pf_proto(word, has_port):
    w = word.lower()
    if has_port:
        if (word != "" and re.fullmatch(r"[FSRPUEW.]+", word)) or \
                w.startswith("flags") or w.startswith("tcp") or \
                w.startswith("[|tcp"):
            return 6
        if w.startswith("sctp"):
            return 132
        if w.startswith("dccp"):
            return 33
        return 17
    m = re.match(r"ip-proto-([0-9]+)", w)
    if m:
        n = int(m.group(1))
        return n if n <= 255 else None
    for name, num in PF_NOPORT:
        if w.startswith(name):
            after = w[len(name):]
            if after == "" or after[0] in " :,(" or re.match(r"v[0-9]",
                                                            after):
                return num
    return None


def parse_pflog(line, zone):
    h = None
    m = PF_RULE_RE.match(line)
    body = line
    if not m:
        h = header(line, zone)
        if not h.found:
            if PF_SHORT_RE.match(line):
                return []
            return None
        body = h.msg
        m = PF_RULE_RE.match(body)
        if not m:
            if PF_SHORT_RE.match(body) or PF_SHORT_RE.match(line):
                return []
            return None
    try:
        spec = pf_capture(m, zone)
        if spec is None and h is not None:
            spec = h.spec
        after = body[m.end():]
        am = PF_ACT_RE.search(after)
        if not am:
            raise mal("no action, direction and interface")
        action, direction = am.group(1), am.group(2)
        pkt = after[am.end():]
        while True:
            bm = re.match(r"\[[^\]]*\] ", pkt)
            if not bm:
                break
            pkt = pkt[bm.end():]
        wm = re.match(r"IP6? ", pkt)
        if wm:
            pkt = pkt[wm.end():]
        k = pkt.find(" > ")
        if k < 0:
            raise mal("no source and destination")
        left = pkt[:k]
        s_tok = left.split(" ")[-1]
        right = pkt[k + 3:]
        d_tok = right.split(" ", 1)[0]
        words = right.split(" ", 2)
        word = words[1] if len(words) > 1 else ""
        if d_tok.endswith(":"):
            d_tok = d_tok[:-1]
        src, sport = pf_endpoint(s_tok, "source")
        dst, dport = pf_endpoint(d_tok, "destination")
        proto = pf_proto(word, dport is not None)
        verdict = None if direction == "in" else "other"
        return [event("pflog", time=spec, action=action, src=src, dst=dst,
                      sport=sport, dport=dport, proto=proto,
                      vendor="OpenBSD", product="pf",
                      device=h.host if h is not None else None,
                      verdict=verdict)]
    except O.Malformed as e:
        return [e]


# ----------------------------------------------------- FortiGate and Sophos

KV_KEY_RE = re.compile(r"([A-Za-z0-9_.-]+)=")
KV_NEXT_RE = re.compile(r" [A-Za-z0-9_.-]+=")
KV_FIRST_RE = re.compile(r"(?:^| )[A-Za-z0-9_.-]+=")


def kv_pairs(msg):
    pairs = {}
    i, n = 0, len(msg)
    while i < n:
        m = KV_KEY_RE.match(msg, i)
        if not m or (i > 0 and msg[i - 1] != " "):
            j = msg.find(" ", i)
            if j < 0:
                break
            i = j + 1
            continue
        key, v0 = m.group(1), m.end()
        if v0 < n and msg[v0] == '"':
            j = v0 + 1
            while j < n and msg[j] != '"':
                if msg[j] == "\\":
                    j += 1
                j += 1
            val = msg[v0 + 1:min(j, n)]
            i = j + 1
        else:
            nk = KV_NEXT_RE.search(msg, v0)
            end = nk.start() if nk else n
            val = msg[v0:end].rstrip(" ")
            i = end + 1 if nk else n
        if key not in pairs:
            pairs[key] = val if val != "" else None
    return pairs


def kv_split(line):
    """(prefix, pairs) or None when no key or CEF:/LEEF: before it."""
    pm = PRI_RE.match(line)
    start = pm.end() if pm else 0
    m = KV_FIRST_RE.search(line[start:])
    if not m:
        return None
    k = start + m.start() + (1 if m.group(0)[0] == " " else 0)
    prefix = line[:k]
    if "CEF:" in prefix or "LEEF:" in prefix:
        return None
    return prefix, kv_pairs(line[k:])


def date_time(date, time_, z):
    if date is None or time_ is None:
        return None
    dm = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", date)
    tm = re.fullmatch(r"(\d{2}):(\d{2}):(\d{2})", time_)
    if not dm or not tm:
        return None
    y, mo, d = (int(x) for x in dm.groups())
    hh, mi, s = (int(x) for x in tm.groups())
    if not O.valid_wall(y, mo, d, hh, mi, s):
        return None
    return ("wall", y, mo, d, hh, mi, s, 0, z)


FG_ALLOW = ("accept", "start", "close", "timeout", "client-rst",
            "server-rst", "ip-conn", "dns")


def fg_epoch(v):
    if v is None:
        return None
    return epoch_spec(v, [(11, 1000000), (14, 1000), (17, 1),
                          (19, 0.001)])


def parse_fortigate(line, zone):
    kv = kv_split(line)
    if kv is None:
        return None
    prefix, p = kv
    if "type" not in p or ("logid" not in p and "log_id" not in p):
        return None
    if "log_component" in p:
        return None
    typ = (p.get("type") or "").lower()
    if typ == "event":
        return []
    if typ not in ("traffic", "utm", "anomaly"):
        return []
    try:
        h = header(prefix, zone)
        spec = fg_epoch(p.get("eventtime"))
        if spec is None:
            spec = fg_epoch(p.get("logtime"))
        if spec is None:
            z = zone
            if p.get("tz") is not None:
                z = zone_name(p["tz"]) or zone
            spec = date_time(p.get("date"), p.get("time"), z)
        if spec is None:
            spec = h.spec
        action = p.get("action")
        if action is None:
            action = p.get("status")
        if action is None and typ == "traffic" and p.get("policyid") == "0":
            action = "deny"
        verdict = None
        if action is not None:
            low = action.lower()
            if typ == "traffic" and low in FG_ALLOW:
                verdict = "allow"
            if typ != "traffic" and low == "clear_session":
                verdict = "deny"
        s = p.get("srcip") or p.get("src")
        d = p.get("dstip") or p.get("dst")
        if s is None:
            raise mal("no source address")
        if d is None:
            raise mal("no destination address")
        sp = p.get("srcport")
        if sp is None:
            sp = p.get("src_port")
        dp = p.get("dstport")
        if dp is None:
            dp = p.get("dst_port")
        device = (p.get("devname") or p.get("devid") or p.get("device_id") or
                  h.host)
        return [event("fortigate", time=spec, action=action,
                      src=addr(s, "source"), dst=addr(d, "destination"),
                      sport=port(sp, "source"), dport=port(dp, "destination"),
                      proto=O.parse_proto(p.get("proto")), vendor="Fortinet",
                      product="FortiGate", device=device, verdict=verdict)]
    except O.Malformed as e:
        return [e]


SOPHOS_ZONES = {"EST": -300, "EDT": -240, "CST": -360, "CDT": -300,
                "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
                "AKST": -540, "AKDT": -480, "HST": -600, "CET": 60,
                "CEST": 120, "EET": 120, "EEST": 180, "WET": 0, "WEST": 60,
                "BST": 60, "IST": 330, "JST": 540, "KST": 540, "AEST": 600,
                "AEDT": 660, "MSK": 180, "UTC": 0, "GMT": 0}


def sophos_zone(word, zone):
    if word is None:
        return zone
    up = word.upper()
    if up in SOPHOS_ZONES:
        return dt.timezone(dt.timedelta(minutes=SOPHOS_ZONES[up]))
    m = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", word)
    if m:
        return O.offset_zone(m.group(1), m.group(2), m.group(3))
    return zone


def parse_sophos(line, zone):
    kv = kv_split(line)
    if kv is None:
        return None
    prefix, p = kv
    if "log_type" not in p or "log_component" not in p:
        return None
    if (p.get("log_type") or "").lower() not in ("firewall", "idp"):
        return []
    try:
        h = header(prefix, zone)
        spec = None
        if p.get("timestamp") is not None:
            spec = rfc3339(p["timestamp"], zone)
        if spec is None:
            spec = date_time(p.get("date"), p.get("time"),
                             sophos_zone(p.get("timezone"), zone))
        if spec is None:
            spec = h.spec
        action = p.get("status")
        if action is None:
            action = p.get("log_subtype")
        if p.get("src_ip") is None:
            raise mal("no source address")
        if p.get("dst_ip") is None:
            raise mal("no destination address")
        device = (p.get("device_id") or p.get("device_serial_id") or
                  p.get("device_name") or h.host)
        return [event("sophos", time=spec, action=action,
                      src=addr(p["src_ip"], "source"),
                      dst=addr(p["dst_ip"], "destination"),
                      sport=port(p.get("src_port"), "source"),
                      dport=port(p.get("dst_port"), "destination"),
                      proto=O.parse_proto(p.get("protocol")),
                      vendor="Sophos", product="XG Firewall",
                      device=device)]
    except O.Malformed as e:
        return [e]


# -------------------------------------------------------------------- PAN-OS

PAN_TIME_RE = re.compile(r"(\d{4})/(\d{2})/(\d{2}) (\d{2}):(\d{2}):(\d{2})")


def pan_time(v, zone):
    if v is None or v == "":
        return None
    m = PAN_TIME_RE.fullmatch(v)
    if m:
        y, mo, d, hh, mi, s = (int(x) for x in m.groups())
        if not O.valid_wall(y, mo, d, hh, mi, s):
            return None
        return ("wall", y, mo, d, hh, mi, s, 0, zone)
    return rfc3339(v, zone)


def pan_fields(s):
    out, i, n = [], 0, len(s)
    while True:
        if i < n and s[i] == '"':
            j, buf = i + 1, []
            while True:
                k = s.find('"', j)
                if k < 0:
                    raise mal("unterminated quoted field")
                if s.startswith('""', k):
                    buf.append(s[j:k] + '"')
                    j = k + 2
                    continue
                buf.append(s[j:k])
                j = k + 1
                break
            out.append("".join(buf))
            c = s.find(",", j)
            if c < 0:
                break
            i = c + 1
        else:
            c = s.find(",", i)
            if c < 0:
                out.append(s[i:])
                break
            out.append(s[i:c])
            i = c + 1
    return out


def pan_start(line, zone):
    c = -1
    for _ in range(4):
        c = line.find(",", c + 1)
        if c < 0:
            return None
        s0 = line.rfind(" ", 0, c) + 1
        tok = line[s0:c]
        if tok == "" or "," in tok:
            continue
        parts = line[c + 1:].split(",", 2)
        if len(parts) < 2:
            continue
        if pan_time(parts[0], zone) is None or parts[1] == "":
            continue
        return s0
    return None


def parse_panos(line, zone):
    s0 = pan_start(line, zone)
    if s0 is None:
        return None
    try:
        f = pan_fields(line[s0:])
        typ = f[3] if len(f) > 3 else ""
        if typ not in ("TRAFFIC", "THREAT"):
            return []
        if len(f) < 31:
            raise mal("fewer than 31 fields")
        h = header(line[:s0], zone)

        def get(i):
            return f[i] if i < len(f) and f[i] != "" else None
        hrt = 102 if typ == "TRAFFIC" else 107
        spec = (pan_time(get(hrt), zone) or pan_time(get(6), zone) or
                pan_time(get(1), zone) or h.spec)
        return [event("panos", time=spec, action=get(30), hint=get(4),
                      src=addr(get(7), "source") if get(7) else None,
                      dst=addr(get(8), "destination") if get(8) else None,
                      sport=port(get(24), "source"),
                      dport=port(get(25), "destination"),
                      proto=O.parse_proto(get(29)),
                      vendor="Palo Alto Networks", product="PAN-OS",
                      device=get(2))]
    except O.Malformed as e:
        return [e]


# --------------------------------------------------------------- Check Point

CP_START_RE = re.compile(
    r'\[(?:[A-Za-z_][A-Za-z0-9_.-]*:"|'
    r'[^\s\]=]*@(?:2620|1\.3\.6\.1\.4\.1\.2620)(?=[ \]]))')
CP_KEY_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")


def cp_value(s, i):
    """(value, next index) of a quoted or bare value at s[i]."""
    if i < len(s) and s[i] == '"':
        out, j = [], i + 1
        while j < len(s):
            c = s[j]
            if c == "\\" and j + 1 < len(s):
                out.append(s[j + 1])
                j += 2
                continue
            if c == '"':
                return "".join(out), j + 1
            out.append(c)
            j += 1
        raise mal("unterminated record")
    j = i
    while j < len(s) and s[j] not in "; ]":
        j += 1
    return s[i:j], j


def cp_body(s, i, structured):
    """dict of the items of the body starting after its '['."""
    d = {}
    if structured:
        while i < len(s) and s[i] not in " ]":
            i += 1
    while True:
        while i < len(s) and s[i] in (" " if structured else "; "):
            i += 1
        if i >= len(s):
            raise mal("unterminated record")
        if s[i] == "]":
            return d
        if structured:
            m = re.compile(r'[^= \]"]+').match(s, i)
        else:
            m = CP_KEY_RE.match(s, i)
        if not m:
            raise mal("unterminated record")
        key = m.group(0)
        i = m.end()
        if i >= len(s) or s[i] != ("=" if structured else ":"):
            raise mal("unterminated record")
        val, i = cp_value(s, i + 1)
        if key not in d:
            d[key] = val if val != "" else None


def cp_epoch(v):
    if v is None:
        return None
    return epoch_spec(v, [(11, 1000000), (15, 1000)])


def cp_packet(text):
    """(src, sport, dst, dport, proto) of one <...> packet; raises."""
    bad = mal("bad packet in packets list")
    if not (text.startswith("<") and text.endswith(">")):
        raise bad
    f = text[1:-1].split(";", 1)[0].split(",")
    if len(f) < 5:
        raise bad
    try:
        return (addr(f[0], "source"), port(f[1], "source"),
                addr(f[2], "destination"), port(f[3], "destination"),
                O.parse_proto(f[4]))
    except O.Malformed:
        raise bad


def parse_checkpoint(line, zone):
    m = CP_START_RE.search(line)
    if not m:
        return None
    structured = not m.group(0).endswith(':"')
    try:
        d = cp_body(line, m.start() + 1, structured)
        h = header(line[:m.start()], zone)
        spec = cp_epoch(d.get("time"))
        if spec is None:
            spec = h.spec
        product = (d.get("product") or d.get("ProductName") or
                   "VPN-1 & FireWall-1")
        device = d.get("origin") or h.host
        base = dict(time=spec, action=d.get("action"), vendor="Check Point",
                    product=product, device=device)
        pk = d.get("packets")
        if pk is not None and "<" in pk:
            out = []
            for tok in pk.split():
                try:
                    s, sp, t, tp, pr = cp_packet(tok)
                except O.Malformed as e:
                    out.append(e)
                    continue
                out.append(event("checkpoint", src=s, sport=sp, dst=t,
                                 dport=tp, proto=pr, **base))
            return out
        sp = d.get("s_port")
        if sp is None:
            sp = d.get("sport_svc")
        dp = d.get("service")
        if dp is None:
            dp = d.get("svc")
        return [event("checkpoint",
                      src=addr(d["src"], "source") if d.get("src") else None,
                      dst=addr(d["dst"], "destination") if d.get("dst")
                      else None,
                      sport=port(sp, "source"), dport=port(dp, "destination"),
                      proto=O.parse_proto(d.get("proto")), **base)]
    except O.Malformed as e:
        return [e]


# ----------------------------------------------------------------------- SRX

SRX_TAG = r"((?:RT_FLOW_SESSION_|APPTRACK_SESSION_)[A-Z0-9_]*)"
SRX_SD_RE = re.compile(r"(?:^|(?<= ))(\S+) (\S+) (\S+) (\S+) " + SRX_TAG +
                       r" \[junos@")
SRX_PLAIN_RE = re.compile(r"(?:[A-Za-z0-9_.-]+(?:\[\d+\])?: )?"
                          r"(?:%(?:[A-Za-z0-9_]+-\d+-|-))?" + SRX_TAG +
                          r":(?: |$)")


def srx_tag_result(tag):
    """(action, verdict) or raises SkipRecord."""
    if tag.startswith("APPTRACK_SESSION_"):
        raise SkipRecord("AppTrack record")
    word = tag[len("RT_FLOW_SESSION_"):]
    if word.endswith("_LS"):
        word = word[:-3]
    if word == "DENY":
        return word, "deny"
    if word in ("CREATE", "CLOSE"):
        return word, "allow"
    raise SkipRecord("other session record")


def srx_params(s, i):
    """Parameters of the SD element whose '[' is at s[i]."""
    d = {}
    i += 1
    while i < len(s) and s[i] not in " ]":
        i += 1
    while True:
        while i < len(s) and s[i] == " ":
            i += 1
        if i >= len(s):
            raise mal("structured data cut short")
        if s[i] == "]":
            return d
        m = re.compile(r'[^= \]]+').match(s, i)
        if not m:
            i += 1
            continue
        key, i = m.group(0), m.end()
        if i >= len(s) or s[i] != "=":
            continue
        i += 1
        if i < len(s) and s[i] == '"':
            j = i + 1
            while j < len(s) and s[j] != '"':
                if s[j] == "\\":
                    j += 1
                j += 1
            if j >= len(s):
                raise mal("structured data cut short")
            val = s[i + 1:j]
            i = j + 1
        else:
            j = i
            while j < len(s) and s[j] not in " ]":
                j += 1
            val = s[i:j]
            i = j
        if key not in d:
            d[key] = val if val != "" else None


def srx_ports(proto, sp, dp):
    sp = port(sp, "source")
    dp = port(dp, "destination")
    if proto in (1, 58):
        return None, None
    return sp, dp


def parse_srx_structured(line, m, zone):
    action, verdict = srx_tag_result(m.group(5))
    d = srx_params(line, m.end() - len("[junos@"))
    ts, host = m.group(1), m.group(2)
    device = None if host == "-" else host
    spec = None
    if ts != "-":
        spec = rfc3339(ts, zone)
        if spec is None:
            if re.match(r"[0-9]{4}-", ts):
                raise mal("bad time")
            h = header(line[:m.start()], zone)
            spec = h.spec
            if h.spec is not None:
                device = h.host
    if d.get("source-address") is None:
        raise mal("no source address")
    if d.get("destination-address") is None:
        raise mal("no destination address")
    src = addr(d["source-address"], "source")
    dst = addr(d["destination-address"], "destination")
    proto = O.parse_proto(d.get("protocol-id"))
    sp, dp = srx_ports(proto, d.get("source-port"), d.get("destination-port"))
    return event("srx", time=spec, action=action, src=src, dst=dst, sport=sp,
                 dport=dp, proto=proto, vendor="Juniper", product="SRX",
                 device=device, verdict=verdict)


def parse_srx_plain(h, tag, msg, zone):
    action, verdict = srx_tag_result(tag)
    toks = msg.split()
    k = -1
    for i, t in enumerate(toks):
        if "->" in t:
            k = i
            break
    if k < 0:
        raise mal("no address pair")
    left, right = toks[k].split("->", 1)
    if "/" not in left:
        raise mal("bad source port")
    if "/" not in right:
        raise mal("bad destination port")
    s_a, s_p = left.rsplit("/", 1)
    d_a, d_p = right.rsplit("/", 1)
    src = addr(s_a, "source")
    dst = addr(d_a, "destination")
    proto = None
    if action == "DENY":
        for t in toks[k + 1:k + 4]:
            pm = re.fullmatch(r"([0-9]+)\(.*\)", t)
            if pm:
                proto = O.parse_proto(pm.group(1))
                break
        else:
            raise mal("no protocol")
    sp, dp = srx_ports(proto, s_p, d_p)
    return event("srx", time=h.spec, action=action, src=src, dst=dst,
                 sport=sp, dport=dp, proto=proto, vendor="Juniper",
                 product="SRX", device=h.host, verdict=verdict)


def parse_srx(line, zone):
    m = SRX_SD_RE.search(line)
    try:
        if m:
            return [parse_srx_structured(line, m, zone)]
        h = header(line, zone)
        if h.tag is not None and re.fullmatch(SRX_TAG, h.tag):
            return [parse_srx_plain(h, h.tag, h.msg, zone)]
        pm = SRX_PLAIN_RE.match(h.msg)
        if not pm:
            return None
        return [parse_srx_plain(h, pm.group(1), h.msg[pm.end():], zone)]
    except SkipRecord:
        return []
    except O.Malformed as e:
        return [e]


# ------------------------------------------------------------------ MikroTik

TOPICS_RE = re.compile(r"[A-Za-z0-9,]*,[A-Za-z0-9,]*")


def mt_side(text, what):
    if text.startswith("["):
        j = text.find("]")
        if j < 0:
            raise mal("bad " + what + " address")
        a = addr(text[1:j], what)
        rest = text[j + 1:]
        if rest == "":
            return a, None
        if not rest.startswith(":"):
            raise mal("bad " + what + " address")
        return a, port(rest[1:], what)
    if text.count(":") >= 2:
        return addr(text, what), None
    if ":" in text:
        a, p = text.split(":", 1)
        return addr(a, what), port(p, what)
    return addr(text, what), None


def parse_mikrotik(line, zone, default_action="drop"):
    k = line.find(": in:")
    if k < 0 or line.find(" out:", k) < 0:
        return None
    try:
        h = header(line[:k], zone)
        before = h.msg
        if h.host is not None and TOPICS_RE.fullmatch(h.host):
            h.host = None
        else:
            bt = before.lstrip(" ").split(" ", 1)
            if bt and TOPICS_RE.fullmatch(bt[0]):
                before = bt[1] if len(bt) > 1 else ""
        action = default_action
        for w in O.WORD_RE.findall(before):
            if w.lower() in O.VOCAB:
                action = w
                break
        body = line[k + 5:]
        pm = body.find(", proto ")
        if pm < 0:
            raise mal("no protocol")
        rest = body[pm + len(", proto "):]
        wm = re.match(r"[^ ,]*", rest)
        word = wm.group(0)
        rest = rest[wm.end():].lstrip(" ")
        if rest.startswith("("):
            j = rest.find(")")
            if j < 0:
                raise mal("no addresses")
            rest = rest[j + 1:]
        if not rest.startswith(","):
            raise mal("no addresses")
        pair = rest[1:].lstrip(" ").split(",", 1)[0].strip(" ")
        if "->" not in pair:
            raise mal("no addresses")
        left, right = pair.split("->", 1)
        src, sport = mt_side(left, "source")
        dst, dport = mt_side(right, "destination")
        proto = O.parse_proto(word)
        if proto == 1 and src.version == 6 and dst.version == 6:
            proto = 58
        return [event("mikrotik", time=h.spec, action=action, src=src,
                      dst=dst, sport=sport, dport=dport, proto=proto,
                      vendor="MikroTik", product="RouterOS", device=h.host)]
    except O.Malformed as e:
        return [e]


# ---------------------------------------------------------------------- fast

FAST_T_RE = re.compile(r"(\d{2})/(\d{2})(?:/(\d{4}|\d{2}))?-(\d{2}):(\d{2}):"
                       r"(\d{2})(?:\.(\d+))?")
FAST_TAG_RE = re.compile(r"\s*\[([^\]]*)\]")
FAST_PKT_RE = re.compile(r"\{([^}]*)\}(.*)->(.*)$")
FAST_DENY = ("drop", "block", "reset", "reject", "force_drop", "force_block",
             "force_reset")
FAST_OTHER = ("wdrop", "would_drop", "would_block", "would_reset",
              "cant_drop", "cant_block", "cant_reset", "hold", "retry")
FAST_ALLOW = ("allow", "pass")


def fast_verdict(action):
    if action is None:
        return "other"
    a = action.lower()
    if a in FAST_DENY:
        return "deny"
    if a in FAST_OTHER:
        return "other"
    if a in FAST_ALLOW:
        return "allow"
    return "unknown"


def fast_side(text, proto, snort, what):
    if proto in (6, 17, 132):
        if ":" not in text:
            raise mal("bad " + what + " address or port")
        a, p = text.rsplit(":", 1)
        try:
            return addr(a, what), port(p, what)
        except O.Malformed:
            raise mal("bad " + what + " address or port")
    if snort and try_addr(text) is not None:
        return try_addr(text), None
    a = text.rsplit(":", 1)[0] if ":" in text else text
    try:
        return addr(a, what), None
    except O.Malformed:
        raise mal("bad " + what + " address or port")


def parse_fast(line, zone):
    tm = FAST_T_RE.match(line)
    h = None
    if tm:
        rest = line[tm.end():]
    else:
        h = header(line, zone)
        if not h.found:
            return None
        rest = h.msg
    tags, pos, rule = [], 0, False
    while len(tags) <= 4:
        m = FAST_TAG_RE.match(rest, pos)
        if not m:
            break
        pos = m.end()
        if re.fullmatch(r"[0-9]+:[0-9]+:[0-9]+", m.group(1)):
            rule = True
            break
        tags.append(m.group(1))
    if not rule:
        if tm and "[**]" in line:
            return [mal("no [gid:sid:rev]")]
        return None
    try:
        spec = None
        year4 = False
        if tm:
            mo, d = int(tm.group(1)), int(tm.group(2))
            hh, mi, s = (int(tm.group(i)) for i in (4, 5, 6))
            us = O.frac_us(tm.group(7))
            y = tm.group(3)
            if y is None:
                if not O.valid_wall(2000, mo, d, hh, mi, s):
                    raise mal("bad time")
                spec = ("noyear", mo, d, hh, mi, s, us, zone)
            else:
                year4 = len(y) == 4
                yy = int(y) if year4 else 2000 + int(y)
                if not O.valid_wall(yy, mo, d, hh, mi, s):
                    raise mal("bad time")
                spec = ("wall", yy, mo, d, hh, mi, s, us, zone)
        else:
            spec = h.spec
        snort = not (year4 or (h is not None and h.tag is not None and
                               h.tag.lower() == "suricata"))
        b = line.rfind("{")
        pm = FAST_PKT_RE.match(line, b) if b >= 0 else None
        if not pm:
            if "[Raw pkt:" in line:
                return []
            raise mal("no {protocol} and addresses")
        try:
            proto = O.parse_proto(pm.group(1))
        except O.Malformed:
            raise mal("bad protocol number")
        src, sport = fast_side(pm.group(2).strip(), proto, snort, "source")
        dst, dport = fast_side(pm.group(3).strip(), proto, snort,
                               "destination")
        action = None
        for t in tags:
            if t != "**":
                action = t
                break
        return [event("fast", time=spec, action=action, src=src, dst=dst,
                      sport=sport, dport=dport, proto=proto,
                      vendor="Snort" if snort else "Suricata",
                      product="fast alert",
                      device=h.host if h is not None else None,
                      verdict=fast_verdict(action))]
    except O.Malformed as e:
        return [e]


# ----------------------------------------------------------------------- EVE

def json_first(text):
    return json.loads(text, object_pairs_hook=first_wins_hook)


def path(obj, *keys):
    for k in keys:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(k)
    return obj


def json_port(v, what):
    if v is None:
        return None
    if isinstance(v, bool):
        raise mal("bad " + what)
    if isinstance(v, int):
        if not 0 <= v <= 65535:
            raise mal("bad " + what)
        return v
    if isinstance(v, str) and re.fullmatch(r"[0-9]+", v):
        if int(v) > 65535:
            raise mal("bad " + what)
        return int(v)
    raise mal("bad " + what)


def hexflags(v):
    if isinstance(v, str) and re.fullmatch(r"[0-9A-Fa-f]{2}", v):
        return int(v, 16)
    return None


def eve_verdict(typ, o):
    if typ == "alert":
        a = path(o, "alert", "action")
        return "deny" if isinstance(a, str) and a.lower() == "blocked" \
            else "other"
    if typ == "drop":
        return "deny"
    fa = path(o, "flow", "action")
    if fa is not None:
        low = fa.lower() if isinstance(fa, str) else ""
        if low == "drop":
            return "deny"
        if low in ("accept", "pass"):
            return "allow"
        return None
    st = path(o, "flow", "state")
    if isinstance(st, str) and st.lower() == "bypassed":
        return "other"
    ptc = path(o, "flow", "pkts_toclient")
    if isinstance(ptc, bool) or not isinstance(ptc, int):
        ptc = None
    ts = hexflags(path(o, "tcp", "tcp_flags_ts"))
    tc = hexflags(path(o, "tcp", "tcp_flags_tc"))
    if ptc == 0:
        if ts is not None and ts & 0x10:
            return "other"
        return "deny"
    if tc is not None and tc & 0x04 and not tc & 0x02:
        return "deny"
    if ptc is not None and ptc > 0:
        return "allow"
    return "other"


def json_text(v):
    if v is None:
        return None
    if isinstance(v, str):
        return v if v != "" else None
    return json.dumps(v)


def parse_eve(line, zone):
    if '"event_type"' not in line:
        return None
    s = line.lstrip()
    h = None
    if not s.startswith("{"):
        h = header(line, zone)
        if not h.found or not h.msg.lstrip().startswith("{"):
            return None
        s = h.msg.lstrip()
    try:
        o = json_first(s)
    except ValueError:
        return [mal("invalid JSON")]
    if not isinstance(o, dict) or not isinstance(o.get("event_type"), str):
        return None
    typ = o["event_type"].lower()
    if typ not in ("alert", "drop", "flow"):
        return []
    try:
        ts = o.get("timestamp")
        if ts is None:
            ts = path(o, "flow", "start")
        spec = None
        if ts is not None:
            spec = rfc3339(ts, zone) if isinstance(ts, str) else None
            if spec is None:
                raise mal("bad timestamp")
        if typ == "alert":
            action = json_text(path(o, "alert", "action"))
        elif typ == "drop":
            action = "drop"
        else:
            action = json_text(path(o, "flow", "action"))
            if action is None:
                action = json_text(path(o, "flow", "state"))
        si, di = o.get("src_ip"), o.get("dest_ip")
        if si is None or di is None:
            raise mal("no src_ip or dest_ip")
        if not isinstance(si, str):
            raise mal("bad src_ip")
        if not isinstance(di, str):
            raise mal("bad dest_ip")
        pr = o.get("proto")
        if pr is not None and not isinstance(pr, str):
            pr = str(pr) if isinstance(pr, int) and not isinstance(
                pr, bool) else "x"
        device = json_text(o.get("host"))
        if device is None and h is not None:
            device = h.host
        if device is None:
            device = json_text(o.get("in_iface"))
        return [event("eve", time=spec, action=action,
                      src=addr(si, "source"), dst=addr(di, "destination"),
                      sport=json_port(o.get("src_port"), "src_port"),
                      dport=json_port(o.get("dest_port"), "dest_port"),
                      proto=O.parse_proto(pr), vendor="OISF",
                      product="Suricata", device=device,
                      verdict=eve_verdict(typ, o))]
    except O.Malformed as e:
        return [e]


# ----------------------------------------------------------------------- GCP

def gcp_str(v):
    if v is None:
        return None
    if not isinstance(v, str):
        raise mal("JSON value of the wrong type")
    return v if v != "" else None


def gcp_entry(o, in_array):
    """Results of one decoded entry."""
    if not isinstance(o, dict):
        return [mal("not an object")]
    disp = path(o, "jsonPayload", "disposition")
    if disp is None:
        return []
    try:
        disp = gcp_str(disp)
        hint = gcp_str(path(o, "jsonPayload", "rule_details", "action"))
        device = gcp_str(path(o, "jsonPayload", "instance", "vm_name"))
        conn = path(o, "jsonPayload", "connection")
        if conn is not None and not isinstance(conn, dict):
            raise mal("bad connection")
        conn = conn or {}
        spec = None
        ts = o.get("timestamp")
        if ts is not None:
            spec = rfc3339(ts, O.UTC) if isinstance(ts, str) else None
            if spec is None:
                raise mal("bad timestamp")

        def ip(key, what):
            v = conn.get(key)
            if v is None:
                return None
            if not isinstance(v, str):
                raise mal("bad " + key)
            return addr(v, what)
        pr = conn.get("protocol")
        if pr is None:
            proto = None
        elif isinstance(pr, bool):
            raise mal("bad protocol")
        elif isinstance(pr, int):
            if not 0 <= pr <= 255:
                raise mal("bad protocol")
            proto = pr
        elif isinstance(pr, float):
            raise mal("bad protocol")
        elif isinstance(pr, str):
            proto = O.parse_proto(pr)
        else:
            raise mal("bad protocol")
        return [event("gcp-firewall", time=spec, action=disp, hint=hint,
                      src=ip("src_ip", "source"),
                      dst=ip("dest_ip", "destination"),
                      sport=json_port(conn.get("src_port"), "src_port"),
                      dport=json_port(conn.get("dest_port"), "dest_port"),
                      proto=proto, vendor="Google", product="Cloud Firewall",
                      device=device)]
    except O.Malformed as e:
        return [e]


class Gcp:
    """State of the GCP reader across the lines of one file."""

    def __init__(self):
        self.array = False
        self.pending = None     # (start line, text so far)

    def punct(self, s, i):
        while i < len(s):
            c = s[i]
            if c in " \t\r\n,":
                i += 1
            elif c == "[":
                self.array = True
                i += 1
            elif c == "]":
                self.array = False
                i += 1
            else:
                break
        return i

    def objects(self, n, s, i):
        """Results of the entries from s[i]; may leave a pending entry."""
        out = []
        dec = json.JSONDecoder(object_pairs_hook=first_wins_hook)
        while True:
            i = self.punct(s, i)
            if i >= len(s):
                return out
            if s[i] != "{":
                out.append((n, mal("invalid JSON")))
                return out
            try:
                o, end = dec.raw_decode(s, i)
            except json.JSONDecodeError as e:
                if e.pos >= len(s.rstrip()):
                    self.pending = (n, s[i:])
                    return out
                out.append((n, mal("invalid JSON")))
                return out
            for r in gcp_entry(o, self.array):
                out.append((n, r))
            i = end

    def line(self, n, line):
        """None when the line is not GCP, else a list of (line, result)."""
        if self.pending is not None:
            start, text = self.pending
            self.pending = None
            text = text + "\n" + line
            if len(text) > 1 << 20:
                return [(start, mal("record too long"))]
            return self.objects(start, text, 0)
        s = line[1:] if line.startswith("\ufeff") else line
        was = self.array
        i = self.punct(s, 0)
        if i >= len(s):
            if was or self.array:
                return []
            return None
        if s[i] != "{":
            self.array = was
            return None
        if not (self.array or '"disposition"' in s or s[i + 1:].strip() ==
                ""):
            self.array = was
            return None
        return self.objects(n, s, i)

    def finish(self):
        if self.pending is not None:
            start = self.pending[0]
            self.pending = None
            return [(start, mal("record cut short at end of input"))]
        return []


# ------------------------------------------------------------------ registry

PARSERS = {
    "leef": parse_leef,
    "asa": parse_asa,
    "filterlog": parse_filterlog,
    "fortigate": parse_fortigate,
    "panos": parse_panos,
    "checkpoint": parse_checkpoint,
    "srx": parse_srx,
    "sophos": parse_sophos,
    "mikrotik": parse_mikrotik,
    "fast": parse_fast,
    "eve": parse_eve,
    "pflog": parse_pflog,
}
