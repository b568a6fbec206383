#!/bin/sh
# Output safety, read back: findings whose vendor and product are hostile
# text are written as CSV (with and without --csv-raw), JSON lines and a
# JSON array, and each output is read back with an independent parser
# (Python's csv and json modules); every column of every row must come
# back as worked out here:
#  - CSV (RFC 4180): the value exactly as logged, except that one that
#    starts with =, +, -, @, a tab or a CR comes back with a leading
#    apostrophe ("'=HYPERLINK(...)"); --csv-raw gives it back as logged;
#  - JSON: strict UTF-8, no raw control character (C0 or C1), and the
#    value exactly as logged, each byte that is not UTF-8 read as U+FFFD.
#
# hostile.cef: sources 203.0.113.1..9 each probe ports 21..30 of
# 192.0.2.10 at 10:06:01..10 (one Port Scan each: 10 ports, 1 host, 10
# attempts, 9 s, 10 a minute); hostile.csv (CommonSecurityLog CSV) the
# same from 203.0.113.20, its vendor a quoted field holding a line end,
# a comma and quotes.  Rows come in source order (equal attempts and bin).
. "$TESTDIR/cases/include/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "python3 is not installed"; exit 77; }
cat >"$T/cases.py" <<'END'
# (source, vendor as logged, product as logged, JSON vendor, JSON product);
# vendor and product are bytes, the JSON forms text.
CASES = [
    ("203.0.113.1", b'=HYPERLINK("http://198.51.100.1/","x")', b"+SUM(1)",
     '=HYPERLINK("http://198.51.100.1/","x")', "+SUM(1)"),
    ("203.0.113.2", b"-2+3", b"@SUM(A1)", "-2+3", "@SUM(A1)"),
    ("203.0.113.3", b"\t=1", b"ok", "\t=1", "ok"),
    ("203.0.113.4", b'Acme, "Inc"', b"a|b", 'Acme, "Inc"', "a|b"),
    ("203.0.113.5", b"\x1b]0;title\x07", b"\x1b[2J",
     "\x1b]0;title\x07", "\x1b[2J"),
    ("203.0.113.6", b"a\xc2\x9bb", b"back\\slash", "a\u009bb", "back\\slash"),
    ("203.0.113.7", "Z\u00fcrich \u216b \U0001f6e1".encode(),
     "\u00fcn\u00efc\u00f6d\u00e9".encode(),
     "Z\u00fcrich \u216b \U0001f6e1", "\u00fcn\u00efc\u00f6d\u00e9"),
    ("203.0.113.8", b"bad\xff\xfe", b"=cmd|' /C calc'!A0",
     "bad\ufffd\ufffd", "=cmd|' /C calc'!A0"),
    ("203.0.113.9", b"plain", b'" leading quote', "plain", '" leading quote'),
    ("203.0.113.20", b'Multi\nLine, "Inc"', b"=1+1",
     'Multi\nLine, "Inc"', "=1+1"),
]
END
python3 - "$T" <<'END' || { echo "cannot make the fixtures"; exit 1; }
import sys
d = sys.argv[1]
sys.path.insert(0, d)
from cases import CASES
def cef_header(b):
    return b.replace(b"\\", b"\\\\").replace(b"|", b"\\|")
with open(d + "/hostile.cef", "wb") as f:
    for src, v, p, _, _ in CASES[:-1]:
        for i in range(1, 11):
            f.write(b"CEF:0|" + cef_header(v) + b"|" + cef_header(p) +
                b"|1.0|100|deny|5|rt=2026-03-01T10:06:%02dZ act=deny "
                b"src=%s dst=192.0.2.10 dpt=%d\n" % (i, src.encode(), 20 + i))
with open(d + "/hostile.csv", "wb") as f:
    src, v, p, _, _ = CASES[-1]
    q = lambda b: b'"' + b.replace(b'"', b'""') + b'"'
    f.write(b"TimeGenerated [UTC],DeviceVendor,DeviceProduct,DeviceAction,"
        b"SourceIP,DestinationIP,DestinationPort\n")
    for i in range(1, 11):
        f.write(b"2026-03-01T10:06:%02dZ,%s,%s,Deny,%s,192.0.2.10,%d\n" %
            (i, q(v), q(p), src.encode(), 20 + i))
END

for o in csv jsonl json; do
	run "$SCANSPOT" detect --output $o --tz UTC -q hostile.cef hostile.csv
	cp "$T/out" "$T/out.$o"
	expect_rc 1 "$o"
done
run "$SCANSPOT" detect --output csv --csv-raw --tz UTC -q hostile.cef hostile.csv
cp "$T/out" "$T/out.raw"
expect_rc 1 "csv --csv-raw"

python3 - "$T" <<'END' || fail "values read back"
import csv, io, json, sys
d = sys.argv[1]
sys.path.insert(0, d)
from cases import CASES
COLS = ["TimeGenerated", "SourceIP", "ScanType", "UniqueDestPorts",
    "UniqueDestIPs", "TotalAttempts", "AttemptsPerMinute", "PortsTargeted",
    "ScanDurationSeconds", "FirstSeen", "LastSeen", "DeviceVendor",
    "DeviceProduct"]
PORTS = list(range(21, 31))
bad = 0

def check(what, got, want):
    global bad
    if got != want:
        bad += 1
        print("FAIL: %s: got %r, want %r" % (what, got, want))

def row(src, vendor, product, text):
    """The expected row; numbers as text for CSV, as numbers for JSON."""
    n = str if text else int
    return {"TimeGenerated": "2026-03-01T10:05:00Z", "SourceIP": src,
        "ScanType": "Port Scan", "UniqueDestPorts": n(10),
        "UniqueDestIPs": n(1), "TotalAttempts": n(10),
        "AttemptsPerMinute": n(10),
        "PortsTargeted": "[" + ",".join(map(str, PORTS)) + "]" if text
            else PORTS,
        "ScanDurationSeconds": n(9),
        "FirstSeen": "2026-03-01T10:06:01.000Z",
        "LastSeen": "2026-03-01T10:06:10.000Z",
        "DeviceVendor": vendor, "DeviceProduct": product}

def csv_want(b, raw):
    s = b.decode("utf-8", "surrogateescape")
    if not raw and s[:1] in ("=", "+", "-", "@", "\t", "\r"):
        s = "'" + s
    return s

for name, raw in (("csv", False), ("raw", True)):
    text = open(d + "/out." + name, "rb").read().decode("utf-8",
        "surrogateescape")
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    check(name + ": header", rows[0], COLS)
    check(name + ": row count", len(rows) - 1, len(CASES))
    for (src, v, p, _, _), r in zip(CASES, rows[1:]):
        want = row(src, csv_want(v, raw), csv_want(p, raw), True)
        check(name + ": " + src, dict(zip(COLS, r)), want)

for name in ("jsonl", "json"):
    data = open(d + "/out." + name, "rb").read()
    try:
        text = data.decode("utf-8")          # strict: valid UTF-8
    except UnicodeDecodeError as e:
        check(name + ": valid UTF-8", str(e), "")
        continue
    for c in text:
        if (ord(c) < 0x20 and c != "\n") or 0x7f <= ord(c) < 0xa0:
            check(name + ": raw control character", repr(c), "none")
            break
    if name == "jsonl":
        objs = [json.loads(l) for l in text.splitlines()]
    else:
        objs = json.loads(text)
    check(name + ": row count", len(objs), len(CASES))
    for (src, _, _, jv, jp), o in zip(CASES, objs):
        check(name + ": key order of " + src, list(o), COLS)
        check(name + ": " + src, o, row(src, jv, jp, False))
sys.exit(1 if bad else 0)
END
finish
