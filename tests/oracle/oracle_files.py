"""Whole-file formats of the independent oracle (see oracle.py).

What it is for: the formats of docs/formats.md that are chosen for a whole
file from its start, written from that page alone: Windows Defender
Firewall pfirewall.log (winfw), AWS VPC Flow Logs (vpcflow), Azure NSG flow
logs (nsgflow) and Zeek conn.log in TSV and JSON (zeek).  Each reader
yields (line, event dict or Malformed) like the readers of oracle.py; an
event may carry "verdict", the class the format decides itself (NSG
decision, Zeek conn_state, Windows XP OPEN/CLOSE), which only the default
profile uses.  Skipped lines yield nothing.

Readings of the contract where it leaves room (the most literal one):
- sniffing looks at the first 64 KiB; a headerless pfirewall.log is told
  by its first line that is neither blank nor "#".
- vpcflow: a CloudWatch time in front of the first line does not prevent
  it from being read as a default-format record.
- winfw: the path SEND and the action INFO-EVENTS-LOST are compared in any
  case; a #Fields line is "#Fields:" in any case.
- nsgflow: "records", "properties", "flows", "flowTuples", "resourceId"
  all matched in any case, the first of a repeated key wins; a record is
  the document object itself, an element of its "records" array, or an
  element of a top-level array (not both levels of an array).  After
  invalid JSON, reading starts again at the first later line that starts
  with "{" or "[" (the line of the error itself when the error is at its
  first column).  Direction and decision letters are upper case only.
- zeek: sniffing wants the flat key "id.orig_h" on the first line (the
  nested "id" form is read, but does not make a file Zeek); a port given
  as a JSON number with a fraction (53.0) is malformed; a trailing CR is
  dropped like elsewhere; "neither address
  present" means both absent (one absent address is read as absent); the
  OTH row's "every ICMP and non-TCP/UDP record" describes when Zeek writes
  OTH, it is not a rule over other states; for ICMP the ports are set
  absent without being read.
"""

import json
import re
import sys

import oracle as base

HEAD_BYTES = 65536
FORMATS = ("winfw", "vpcflow", "nsgflow", "zeek")


def strip_cr(line):
    return line[:-1] if line.endswith("\r") else line


def split_blank(line):
    """Fields separated by runs of spaces or tabs."""
    return [t for t in re.split(r"[ \t]+", line) if t != ""]


def event(fmt, vendor, product):
    return {"format": fmt, "time": None, "action": None, "hint": None,
            "src": None, "dst": None, "sport": None, "dport": None,
            "proto": None, "vendor": vendor, "product": product,
            "device": None, "verdict": None}


# ---------------------------------------------------------------- sniffing

WINFW_WORDS = ("DROP", "ALLOW", "OPEN", "OPEN-INBOUND", "CLOSE",
               "INFO-EVENTS-LOST")
WINFW_LINE_RE = re.compile(r"\d{4}-\d{2}-\d{2}[ \t]+\d{2}:\d{2}:\d{2}"
                           r"\S*[ \t]+(\S+)")


def head_lines(text):
    return [strip_cr(x) for x in text[:HEAD_BYTES].split("\n")]


def is_nsgflow(text):
    head = text[:HEAD_BYTES]
    s = head.lstrip(" \t\r\n")
    return s[:1] in ("{", "[") and ('"flowTuples"' in head or
                                    "NetworkSecurityGroupFlowEvent" in head)


def is_zeek(text):
    lines = head_lines(text)
    for ln in lines:
        if ln.startswith("#fields") and "id.orig_h" in re.split(r"[\t ]",
                                                                 ln):
            return True
        if re.match(r"#separator \\x[0-9A-Fa-f]{2}", ln):
            return True
    for ln in lines:
        if ln.strip() == "":
            continue
        s = ln.strip()
        if not s.startswith("{"):
            return False
        try:
            val = json.loads(s, object_pairs_hook=lambda p: p)
        except ValueError:
            return False
        return isinstance(val, list) and any(k == "id.orig_h"
                                             for k, _ in val)
    return False


def is_winfw(text):
    for ln in head_lines(text):
        low = ln.lower()
        if low.startswith("#software: microsoft windows firewall") or \
                low.startswith("#software: microsoft internet connection "
                               "firewall"):
            return True
        if low.startswith("#fields:"):
            names = split_blank(low[len("#fields:"):])
            if all(n in names for n in ("action", "src-ip", "dst-ip")):
                return True
    for ln in head_lines(text):
        if ln.strip() == "" or ln.startswith("#"):
            continue
        m = WINFW_LINE_RE.match(ln)
        return bool(m) and m.group(1) in WINFW_WORDS
    return False


def is_vpcflow(text):
    for ln in head_lines(text):
        if ln.strip(" \t") == "":
            continue
        toks = split_blank(ln)
        if vpc_is_header(toks):
            return any(t in ("srcaddr", "dstaddr", "log-status")
                       for t in toks)
        if toks and VPC_EXPORT_RE.match(toks[0]):
            toks = toks[1:]
        return (len(toks) == 14 and toks[0].isdigit() and
                (toks[2].startswith("eni-") or toks[2] == "-") and
                toks[13] in ("OK", "NODATA", "SKIPDATA"))
    return False


def sniff(text):
    """The whole-file format of text, or None."""
    if is_nsgflow(text):
        return "nsgflow"
    if is_zeek(text):
        return "zeek"
    if is_winfw(text):
        return "winfw"
    if is_vpcflow(text):
        return "vpcflow"
    return None


def records(fmt, text, zone):
    """(line, event or Malformed) of a whole-file format."""
    return {"winfw": winfw_records, "vpcflow": vpcflow_records,
            "nsgflow": nsgflow_records, "zeek": zeek_records}[fmt](text,
                                                                  zone)


# ------------------------------------------------------------------ winfw

WINFW_V15 = ("date time action protocol src-ip dst-ip src-port dst-port "
             "size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info "
             "path").split()
WINFW_TIME_RE = re.compile(r"(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?"
                           r"(?:([Zz])|([+-])(\d{2}):?(\d{2}))?")


def winfw_time(date, time, zone):
    if date is None or time is None:
        return None
    bad = base.Malformed("bad date or time")
    dm = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", date)
    tm = WINFW_TIME_RE.fullmatch(time)
    if not dm or not tm:
        raise bad
    y, mo, d = (int(dm.group(i)) for i in (1, 2, 3))
    h, mi, s = (int(tm.group(i)) for i in (1, 2, 3))
    if not base.valid_wall(y, mo, d, h, mi, s):
        raise bad
    if tm.group(5):
        zone = base.UTC
    elif tm.group(6):
        zone = base.offset_zone(tm.group(6), tm.group(7), tm.group(8))
    return ("wall", y, mo, d, h, mi, s, base.frac_us(tm.group(4)), zone)


def winfw_value(cols, vals, name):
    """The value of column name, None when missing or '-'."""
    if name not in cols:
        return None
    v = vals[cols.index(name)]
    return None if v == "-" else v


def winfw_record(cols, vals, zone):
    def get(name):
        return winfw_value(cols, vals, name)
    path = get("path")
    action = get("action")
    if path is not None and path.upper() == "SEND":
        return None
    if action is not None and action.upper() == "INFO-EVENTS-LOST":
        return None
    ev = event("winfw", "Microsoft", "Windows Firewall")
    ev["time"] = winfw_time(get("date"), get("time"), zone)
    ev["action"] = action
    if action in ("OPEN", "OPEN-INBOUND", "CLOSE"):
        ev["verdict"] = "allow"
    src, dst = get("src-ip"), get("dst-ip")
    ev["src"] = base.parse_addr(src, "source") if src is not None else None
    if dst is not None:
        ev["dst"] = base.parse_addr(dst, "destination")
    ev["sport"] = base.parse_port(get("src-port"), "source")
    ev["dport"] = base.parse_port(get("dst-port"), "destination")
    ev["proto"] = base.parse_proto(get("protocol"))
    return ev


def winfw_records(text, zone):
    cols = WINFW_V15
    rec_zone = zone
    for n, line in enumerate(text.split("\n"), 1):
        line = strip_cr(line)
        if line.strip(" \t") == "":
            continue
        if line.startswith("#"):
            low = line.lower()
            if low.startswith("#fields:"):
                cols = split_blank(low[len("#fields:"):])
            elif low.startswith("#time format:"):
                word = low[len("#time format:"):].strip(" \t")
                rec_zone = base.UTC if word == "utc" else zone
            continue
        vals = split_blank(line)
        if len(vals) < len(cols):
            yield n, base.Malformed("fewer fields than #Fields names")
            continue
        try:
            ev = winfw_record(cols, vals, rec_zone)
        except base.Malformed as e:
            yield n, e
            continue
        if ev is not None:
            yield n, ev


# ---------------------------------------------------------------- vpcflow

VPC_DEFAULT = ("version account-id interface-id srcaddr dstaddr srcport "
               "dstport protocol packets bytes start end action "
               "log-status").split()
VPC_KNOWN = set(VPC_DEFAULT) | set(
    ("vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr "
     "region az-id sublocation-type sublocation-id pkt-src-aws-service "
     "pkt-dst-aws-service flow-direction traffic-path ecs-cluster-arn "
     "ecs-cluster-name ecs-container-instance-arn ecs-container-instance-id "
     "ecs-container-id ecs-second-container-id ecs-service-name "
     "ecs-task-definition-arn ecs-task-arn ecs-task-id "
     "reject-reason").split())
VPC_NAME_RE = re.compile(r"[a-z][a-z0-9-]*")
VPC_EXPORT_RE = re.compile(r"\d{4}-\d{2}-\d{2}T")


def vpc_is_header(toks):
    return (len(toks) >= 2 and
            all(VPC_NAME_RE.fullmatch(t) for t in toks) and
            any(t in VPC_KNOWN for t in toks))


def vpc_export_time(tok, zone):
    m = base.RFC3339_RE.fullmatch(tok)
    if not m:
        raise base.Malformed("bad export time")
    spec = base.rfc3339_spec(m, zone)
    if not base.valid_wall(*spec[1:7]):
        raise base.Malformed("bad export time")
    return spec


def vpc_record(cols, toks, export, zone):
    def get(name):
        if name not in cols:
            return None
        v = toks[cols.index(name)]
        if "\0" in v:
            v = v.replace("\0", "\ufffd")   # does not read as its value
        return None if v == "-" else v
    if get("log-status") in ("NODATA", "SKIPDATA"):
        return None
    ev = event("vpcflow", "AWS", "VPC Flow Logs")
    start = get("start")
    if start is not None:
        if not re.fullmatch(r"[0-9]+", start) or int(start) > 99999999999:
            raise base.Malformed("bad start")
        ev["time"] = ("abs", int(start) * base.US)
    elif export is not None:
        ev["time"] = vpc_export_time(export, zone)
    ev["action"] = get("action")
    for field, pkt, raw in (("src", "pkt-srcaddr", "srcaddr"),
                            ("dst", "pkt-dstaddr", "dstaddr")):
        name = pkt if get(pkt) is not None else raw
        v = get(name)
        if v is not None:
            try:
                ev[field] = base.parse_addr(v, name)
            except base.Malformed:
                raise base.Malformed("bad " + name)
    try:
        ev["sport"] = base.parse_port(get("srcport"), "src")
    except base.Malformed:
        raise base.Malformed("bad srcport")
    try:
        ev["dport"] = base.parse_port(get("dstport"), "dst")
    except base.Malformed:
        raise base.Malformed("bad dstport")
    ev["proto"] = base.parse_proto(get("protocol"))
    ev["device"] = get("interface-id")
    return ev


def vpcflow_records(text, zone):
    cols = VPC_DEFAULT
    for n, line in enumerate(text.split("\n"), 1):
        line = strip_cr(line)
        toks = split_blank(line)
        if not toks:
            continue
        if vpc_is_header(toks):
            if len(toks) > 64:
                yield n, base.Malformed("too many fields in header")
            else:
                cols = toks
            continue
        export = None
        if VPC_EXPORT_RE.match(toks[0]):
            export, toks = toks[0], toks[1:]
        if len(toks) != len(cols):
            yield n, base.Malformed("wrong number of fields")
            continue
        try:
            ev = vpc_record(cols, toks, export, zone)
        except base.Malformed as e:
            yield n, e
            continue
        if ev is not None:
            yield n, ev


# ---------------------------------------------------------------- nsgflow

class JsonError(Exception):
    def __init__(self, pos, reason):
        Exception.__init__(self, reason)
        self.pos = pos
        self.reason = reason


NUMBER_RE = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
WS = " \t\r\n"
TUPLE_PATH = ("properties", "flows", int, "flows", int, "flowtuples", int)


class NsgDocument:
    """Reads one JSON document from pos, calling found(line, tuple, rid)
    for each flow tuple string as soon as it is read."""

    def __init__(self, text, found):
        self.text = text
        self.found = found
        self.rids = {}

    def line_of(self, pos):
        return self.text.count("\n", 0, pos) + 1

    def ws(self, pos):
        while pos < len(self.text) and self.text[pos] in WS:
            pos += 1
        return pos

    def string(self, pos):
        """Returns (decoded string, end); text[pos] is the quote."""
        t = self.text
        out = []
        i = pos + 1
        while True:
            if i >= len(t):
                raise JsonError(i, "cut")
            c = t[i]
            if c == '"':
                return "".join(out), i + 1
            if ord(c) < 0x20:
                raise JsonError(i, "invalid JSON")
            if c == "\\":
                e = t[i + 1:i + 2]
                simple = {'"': '"', "\\": "\\", "/": "/", "b": "\b",
                          "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
                if e in simple:
                    out.append(simple[e])
                    i += 2
                    continue
                if e == "u" and re.fullmatch(r"[0-9A-Fa-f]{4}",
                                             t[i + 2:i + 6]):
                    out.append(chr(int(t[i + 2:i + 6], 16)))
                    i += 6
                    continue
                raise JsonError(i, "invalid JSON")
            out.append(c)
            i += 1

    def value(self, pos, path, depth):
        """Reads a value at pos (no leading space); returns its end."""
        if depth > 64:
            raise JsonError(pos, "JSON nested too deeply")
        t = self.text
        if pos >= len(t):
            raise JsonError(pos, "cut")
        c = t[pos]
        if c == "{":
            return self.obj(pos, path, depth)
        if c == "[":
            return self.arr(pos, path, depth)
        if c == '"':
            s, end = self.string(pos)
            self.leaf(pos, path, s)
            return end
        for word in ("true", "false", "null"):
            if t.startswith(word, pos):
                return pos + len(word)
        m = NUMBER_RE.match(t, pos)
        if m:
            return m.end()
        raise JsonError(pos, "invalid JSON")

    def obj(self, pos, path, depth):
        t = self.text
        seen = set()
        pos = self.ws(pos + 1)
        if pos < len(t) and t[pos] == "}":
            return pos + 1
        while True:
            if pos >= len(t):
                raise JsonError(pos, "cut")
            if t[pos] != '"':
                raise JsonError(pos, "invalid JSON")
            key, pos = self.string(pos)
            pos = self.ws(pos)
            if pos >= len(t):
                raise JsonError(pos, "cut")
            if t[pos] != ":":
                raise JsonError(pos, "invalid JSON")
            pos = self.ws(pos + 1)
            low = key.lower()
            child = None
            if path is not None and low not in seen:
                child = path + [low]
            seen.add(low)
            pos = self.ws(self.value(pos, child, depth + 1))
            if pos >= len(t):
                raise JsonError(pos, "cut")
            if t[pos] == "}":
                return pos + 1
            if t[pos] != ",":
                raise JsonError(pos, "invalid JSON")
            pos = self.ws(pos + 1)

    def arr(self, pos, path, depth):
        t = self.text
        pos = self.ws(pos + 1)
        if pos < len(t) and t[pos] == "]":
            return pos + 1
        k = 0
        while True:
            child = path + [k] if path is not None else None
            pos = self.ws(self.value(pos, child, depth + 1))
            k += 1
            if pos >= len(t):
                raise JsonError(pos, "cut")
            if t[pos] == "]":
                return pos + 1
            if t[pos] != ",":
                raise JsonError(pos, "invalid JSON")
            pos = self.ws(pos + 1)

    def leaf(self, pos, path, s):
        if path is None or not path:
            return
        if isinstance(path[0], int):
            rec, rest = tuple(path[:1]), path[1:]
        elif path[0] == "records" and len(path) > 1 and \
                isinstance(path[1], int):
            rec, rest = tuple(path[:2]), path[2:]
        else:
            rec, rest = (), path
        if rest == ["resourceid"]:
            self.rids.setdefault(rec, s)
            return
        if len(rest) != len(TUPLE_PATH):
            return
        for want, got in zip(TUPLE_PATH, rest):
            if want is int:
                if not isinstance(got, int):
                    return
            elif got != want:
                return
        self.found(self.line_of(pos), s, self.rids.get(rec))


def nsg_device(rid):
    if rid is None:
        return None
    name = rid.rsplit("/", 1)[-1]
    return name if name != "" else None


def nsg_tuple(s, rid):
    """The event of one flow tuple; None for a C or E state."""
    f = s.split(",")
    if len(f) not in (8, 13):
        raise base.Malformed("bad flow tuple")
    if not re.fullmatch(r"[0-9]+", f[0]) or int(f[0]) > 99999999999:
        raise base.Malformed("bad flow tuple time")
    ev = event("nsgflow", "Microsoft", "Azure NSG")
    ev["time"] = ("abs", int(f[0]) * base.US)
    ev["src"] = base.parse_addr(f[1], "source")
    ev["dst"] = base.parse_addr(f[2], "destination")
    for key, v, what in (("sport", f[3], "source"),
                         ("dport", f[4], "destination")):
        if v == "":
            raise base.Malformed("bad " + what + " port")
        ev[key] = base.parse_port(v, what)
    p = f[5]
    if p.upper() == "T":
        ev["proto"] = 6
    elif p.upper() == "U":
        ev["proto"] = 17
    else:
        ev["proto"] = base.parse_proto(p)
    if f[6] not in ("I", "O"):
        raise base.Malformed("bad flow direction")
    if f[7] not in ("A", "D"):
        raise base.Malformed("bad flow decision")
    if len(f) == 13:
        if f[8] not in ("B", "C", "E"):
            raise base.Malformed("bad flow state")
        if f[8] != "B":
            return None
    ev["action"] = f[7]
    ev["verdict"] = "deny" if f[7] == "D" else "allow"
    ev["device"] = nsg_device(rid)
    return ev


def nsg_resync(text, pos):
    """Where reading starts again after invalid JSON at pos."""
    ls = text.rfind("\n", 0, pos) + 1
    if pos == ls and text[pos:pos + 1] in ("{", "["):
        return pos
    i = text.find("\n", pos)
    while i >= 0:
        if text[i + 1:i + 2] in ("{", "["):
            return i + 1
        i = text.find("\n", i + 1)
    return len(text)


def nsgflow_records(text, zone):
    out = []

    def found(line, s, rid):
        try:
            ev = nsg_tuple(s, rid)
        except base.Malformed as e:
            out.append((line, e))
            return
        if ev is not None:
            out.append((line, ev))

    pos = 0
    while True:
        doc = NsgDocument(text, found)
        pos = doc.ws(pos)
        if pos >= len(text):
            break
        start = pos
        try:
            if text[pos] not in "{[":
                raise JsonError(pos, "invalid JSON")
            pos = doc.value(pos, [], 1)
        except JsonError as e:
            out.append((doc.line_of(start), base.Malformed(e.reason)))
            pos = nsg_resync(text, e.pos) if e.reason != "cut" else \
                len(text)
        for item in out:
            yield item
        del out[:]


# ------------------------------------------------------------------- zeek

ZEEK_DEFAULT = ("ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto "
                "service duration orig_bytes resp_bytes conn_state "
                "local_orig local_resp missed_bytes history orig_pkts "
                "orig_ip_bytes resp_pkts resp_ip_bytes tunnel_parents "
                "ip_proto").split()
ZEEK_USED = ("ts id.orig_h id.orig_p id.resp_h id.resp_p proto ip_proto "
             "conn_state history _system_name _path").split()
ZEEK_DENY_STAR = ("S0", "RSTOS0", "SH")
ZEEK_ALLOW = ("SF", "S1", "S2", "S3", "RSTO", "RSTR")
ZEEK_OTHER = ("RSTRH", "SHR", "OTH")


def zeek_time(v, zone):
    if v is None or re.fullmatch(r"[X.]+", v):
        return None
    m = re.fullmatch(r"([0-9]+)(?:\.([0-9]+))?", v)
    if m:
        if m.group(2) is None and len(m.group(1)) >= 12:
            return ("abs", int(m.group(1)) * 1000)
        return ("abs", int(m.group(1)) * base.US +
                base.frac_us(m.group(2)))
    m = base.RFC3339_RE.fullmatch(v)
    if m:
        spec = base.rfc3339_spec(m, zone)
        if base.valid_wall(*spec[1:7]):
            return spec
    raise base.Malformed("bad ts")


def zeek_class(state, proto, history):
    if state is None:
        return "none"
    state = state.upper()
    if state in ZEEK_DENY_STAR:
        if proto == 6 and history is not None:
            if "S" in history and "A" not in history and \
                    "D" not in history:
                return "deny"
            return "other"
        return "deny"
    if state == "REJ":
        return "deny"
    if state in ZEEK_ALLOW:
        return "allow"
    if state in ZEEK_OTHER:
        return "other"
    return "unknown"


def zeek_proto(get, src):
    ip = get("ip_proto")
    if ip is not None:
        if not re.fullmatch(r"[0-9]+", ip) or int(ip) > 255:
            raise base.Malformed("bad proto or ip_proto")
        return int(ip)
    name = get("proto")
    if name is None:
        return None
    try:
        p = base.parse_proto(name)
    except base.Malformed:
        raise base.Malformed("bad proto or ip_proto")
    if p == 1 and name.lower() == "icmp" and src is not None and \
            src.version == 6:
        return 58
    return p


def zeek_event(get, zone):
    """get(name) gives a used field's text or None when absent."""
    orig, resp = get("id.orig_h"), get("id.resp_h")
    if orig is None and resp is None:
        raise base.Malformed("no id.orig_h or id.resp_h")
    ev = event("zeek", "Zeek", "conn")
    if orig is not None:
        ev["src"] = base.parse_addr(orig, "id.orig_h")
    if resp is not None:
        ev["dst"] = base.parse_addr(resp, "id.resp_h")
    ev["proto"] = zeek_proto(get, ev["src"])
    if ev["proto"] not in (1, 58):
        try:
            ev["sport"] = base.parse_port(get("id.orig_p"), "orig")
            ev["dport"] = base.parse_port(get("id.resp_p"), "resp")
        except base.Malformed:
            raise base.Malformed("bad id.orig_p or id.resp_p")
    ev["time"] = zeek_time(get("ts"), zone)
    ev["action"] = get("conn_state")
    ev["verdict"] = zeek_class(ev["action"], ev["proto"], get("history"))
    ev["device"] = get("_system_name")
    return ev


def zeek_unescape(v):
    return re.sub(r"\\x([0-9A-Fa-f]{2})",
                  lambda m: chr(int(m.group(1), 16)), v)


def zeek_json(line, zone):
    """Event of a JSON line; None when skipped or not Zeek."""
    num = (lambda s: ("num", s))
    try:
        val = json.loads(line, object_pairs_hook=lambda p: ("obj", p),
                         parse_float=num, parse_int=num)
    except ValueError:
        raise base.Malformed("invalid JSON")
    if not (isinstance(val, tuple) and val[0] == "obj"):
        raise base.Malformed("invalid JSON")
    flat = {}

    def put(prefix, pairs):
        for k, v in pairs:
            name = prefix + k
            if isinstance(v, tuple) and v[0] == "obj" and \
                    name not in ZEEK_USED:
                put(name + ".", v[1])
            elif name not in flat:
                flat[name] = v
    put("", val[1])
    if "id.orig_h" not in flat and "id.resp_h" not in flat:
        return None
    for k in ZEEK_USED:
        v = flat.get(k)
        if isinstance(v, (list, bool)) or (isinstance(v, tuple) and
                                           v[0] == "obj"):
            raise base.Malformed("JSON value of the wrong type")

    def get(name):
        v = flat.get(name)
        if isinstance(v, tuple):
            return v[1]
        return v
    path = get("_path")
    if path is not None and path != "conn":
        return None
    return zeek_event(get, zone)


def zeek_records(text, zone):
    sep, unset, empty = "\t", "-", "(empty)"
    cols = None
    conn = True
    for n, line in enumerate(text.split("\n"), 1):
        line = strip_cr(line)
        if line.startswith("#"):
            if line.startswith("#separator "):
                sep = zeek_unescape(line[len("#separator "):])
                continue
            parts = line.split(sep)
            if parts[0] == "#unset_field" and len(parts) > 1:
                unset = parts[1]
            elif parts[0] == "#empty_field" and len(parts) > 1:
                empty = parts[1]
            elif parts[0] == "#path" and len(parts) > 1:
                conn = parts[1] == "conn"
            elif parts[0] == "#fields":
                cols = parts[1:]
            continue
        if line.lstrip(" ").startswith("{"):
            try:
                ev = zeek_json(line, zone)
            except base.Malformed as e:
                yield n, e
                continue
            if ev is not None:
                yield n, ev
            continue
        if line.strip() == "" or sep not in line:
            continue
        if not conn:
            continue
        vals = line.split(sep)
        names = cols
        if names is None:
            if len(vals) < 16:
                yield n, base.Malformed("wrong number of fields")
                continue
            names = ZEEK_DEFAULT
        elif len(vals) != len(names):
            yield n, base.Malformed("wrong number of fields")
            continue
        row = {}
        for k, v in zip(names, vals):
            if k not in row:
                row[k] = None if v in (unset, empty) else v
        try:
            yield n, zeek_event(row.get, zone)
        except base.Malformed as e:
            yield n, e


if __name__ == "__main__":  # pragma: no cover
    sys.stderr.write("oracle_files: run oracle.py\n")
    sys.exit(2)
