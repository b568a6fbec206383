#!/usr/bin/env python3
"""The benchmark's arithmetic and pictures, for bench/run.sh.

    report.py psad-prefix NETFILTER LINES OUT   prints the cut time
    report.py psad-check PSAD_OUT EXPECTED CUT  prints the check column
    report.py table RESULTS_DIR SIZE...         prints the table, targets
    report.py plot RESULTS_DIR PNG              throughput against size

Results are TSV files RESULTS_DIR/N.tsv, one per data set size N, with
the columns of FIELDS.
"""
import csv
import glob
import os
import re
import sys

FIELDS = ("size", "tool", "input", "events", "bytes", "seconds", "rss_kb",
          "check", "keys")
BIN_S = 300


def psad_prefix(path, lines, out):
    """Writes the first LINES lines of a netfilter file, extended to the end
    of their 5-minute bin, so that whole bins are compared; prints the
    first time left out (ISO text, compared as text)."""
    cut = None
    with open(path) as src, open(out, "w") as dst:
        for i, line in enumerate(src):
            t = line[:19]
            if i == lines - 1:
                m = int(t[14:16]) // 5 * 5 + 5
                h = int(t[11:13]) + m // 60
                cut = "%s%02d:%02d:00" % (t[:11], h, m % 60) \
                    if h < 24 else "%sT24:00:00" % t[:10]
            if cut is not None and i >= lines and t >= cut:
                break
            dst.write(line)
    print(cut or "end")


def psad_check(psad_out, expected, cut):
    """Compares the sources psad lists (any danger level) with the sources
    of the expected findings in the bins before CUT."""
    flagged = set()
    with open(psad_out, errors="replace") as fp:
        for line in fp:
            m = re.match(r"\s+(\S+)\s+DL: (\d)", line)
            if m:
                flagged.add(m.group(1))
    want = set()
    with open(expected) as fp:
        for row in csv.DictReader(fp):
            if cut == "end" or row["TimeGenerated"][:19] < cut:
                want.add(row["SourceIP"])
    hit = len(want & flagged)
    print("scanners %d/%d, %d other sources" % (hit, len(want),
                                                len(flagged - want)))


def load(results):
    rows = []
    for path in glob.glob(os.path.join(results, "*.tsv")):
        with open(path) as fp:
            for r in csv.DictReader(fp, delimiter="\t"):
                for k in ("size", "events", "bytes", "rss_kb", "keys"):
                    r[k] = int(r[k] or 0)
                r["seconds"] = float(r["seconds"] or 0)
                rows.append(r)
    return rows


def rate(r):
    return r["events"] / r["seconds"] if r["seconds"] > 0 else 0.0


def mbs(r):
    return r["bytes"] / r["seconds"] / 1e6 if r["seconds"] > 0 else 0.0


def si(x):
    for unit, div in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if x >= div:
            return "%.3g %s" % (x / div, unit)
    return "%.3g" % x


def find(rows, size, tool, inp):
    for r in rows:
        if r["size"] == size and r["tool"] == tool and r["input"] == inp:
            return r
    return None


def table(results, sizes):
    rows = load(results)
    out = []
    for size in sizes:
        rs = [r for r in rows if r["size"] == size]
        if not rs:
            continue
        out.append("")
        out.append("%s events (%s (source, bin) keys)" % (
            "{:,}".format(size), "{:,}".format(rs[0]["keys"])))
        out.append("")
        out.append("| tool | input | events/s | MB/s | peak RSS MiB | "
                   "scanspot -j2 is x times faster | check |")
        out.append("|---|---|---:|---:|---:|---:|---|")
        for r in rs:
            if r["seconds"] <= 0:
                out.append("| %s | %s | | | | | %s |" % (
                    r["tool"], r["input"], r["check"]))
                continue
            ref = find(rows, size, "scanspot -j2", r["input"])
            ratio = "%.2f" % (rate(ref) / rate(r)) if ref and rate(r) else ""
            out.append("| %s | %s | %s | %.0f | %.0f | %s | %s |" % (
                r["tool"], r["input"], si(rate(r)), mbs(r),
                r["rss_kb"] / 1024, ratio, r["check"]))
        out.extend(targets(rows, size))
    text = "\n".join(out) + "\n"
    sys.stdout.write(text)


def targets(rows, size):
    """The performance targets, measured at this size."""
    def get(tool, inp):
        return find(rows, size, tool, inp)
    out = ["", "Targets at this size (set for 10^7 events, 2 cores):", ""]

    def line(name, ok, value):
        out.append("- %s: %s (%s)" % (name, value,
                                       "met" if ok else "NOT met"))

    s1, s2 = get("scanspot -j1", "cef"), get("scanspot -j2", "cef")
    dc, dv = get("duckdb", "cef"), get("duckdb", "csl")
    n2, dn = get("scanspot -j2", "netfilter"), get("duckdb", "netfilter")
    pr = get("probe", "cef")
    if s2 and dc and rate(dc):
        x = rate(s2) / rate(dc)
        line("raw CEF >= 20x DuckDB on the same lines", x >= 20,
             "%.1fx" % x)
    if s2 and dv and rate(dv):
        x = rate(s2) / rate(dv)
        line("raw CEF faster than DuckDB on the CSV", x > 1, "%.2fx" % x)
    if n2 and dn and rate(dn):
        x = rate(n2) / rate(dn)
        line("raw netfilter >= 10x DuckDB on the same lines", x >= 10,
             "%.1fx" % x)
    if s1 and pr and mbs(pr):
        x = mbs(s1) / mbs(pr)
        line("one thread >= half the memchr+memmem probe", x >= 0.5,
             "%.0f of %.0f MB/s = %.2f" % (mbs(s1), mbs(pr), x))
    for inp in ("cef", "netfilter", "csl"):
        a, b = get("scanspot -j1", inp), get("scanspot -j2", inp)
        if a and b and rate(a):
            x = rate(b) / rate(a)
            line("2 threads >= 1.7x one thread, %s" % inp, x >= 1.7,
                 "%.2fx" % x)
    if s2:
        kb = max(s2["rss_kb"], s1["rss_kb"] if s1 else 0)
        line("peak RSS < 300 MB on CEF", kb * 1024 < 300e6,
             "%.0f MB (%.0f MiB), %.0f bytes per (source, bin) key" %
             (kb * 1024 / 1e6, kb / 1024, kb * 1024 / max(s2["keys"], 1)))
    return out


def plot(results, png):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = load(results)
    series = {}
    for r in rows:
        if r["seconds"] > 0:
            series.setdefault((r["tool"], r["input"]), []).append(
                (r["events"], rate(r)))
    colours = {"scanspot -j1": "#1f77b4", "scanspot -j2": "#08306b",
               "duckdb": "#d62728", "psad": "#9467bd", "cat": "#7f7f7f",
               "probe": "#2ca02c"}
    styles = {"cef": ("-", "o"), "netfilter": ("--", "s"),
              "csl": (":", "^")}
    fig, ax = plt.subplots(figsize=(11, 6), dpi=100)
    for (tool, inp), pts in sorted(series.items()):
        pts.sort()
        ls, mk = styles.get(inp, ("-", "x"))
        ax.plot([p[0] for p in pts], [p[1] for p in pts], linestyle=ls,
                marker=mk, color=colours.get(tool, "black"),
                label="%s, %s" % (tool, inp))
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("events in the input")
    ax.set_ylabel("events per second (lines per second for cat, probe)")
    ax.set_title("Throughput against input size (warm page cache, 2 cores)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    fig.tight_layout()
    fig.savefig(png)


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "psad-prefix":
        psad_prefix(args[0], int(args[1]), args[2])
    elif cmd == "psad-check":
        psad_check(*args)
    elif cmd == "table":
        table(args[0], [int(float(a)) for a in args[1:]])
    elif cmd == "plot":
        plot(args[0], args[1])
    else:
        sys.exit("report.py: unknown command %s" % cmd)


if __name__ == "__main__":
    main()
