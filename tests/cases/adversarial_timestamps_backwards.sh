#!/bin/sh
# Year-less syslog times that go backwards, across New Year and within a
# day.  The first record takes the latest year that keeps it at or before
# the file's modification time; each later one the year that puts it
# closest to the record before it (docs/formats.md, Time).
#
# back.log (netfilter, 203.0.113.70 to 192.0.2.10), modified
# 2026-01-05T00:00:00Z:
#   1 Jan  1 00:00:10 DPT=21  2026-01-01T00:00:10 (2026 is before the mtime)
#   2 Dec 31 23:59:50 DPT=22  2025-12-31T23:59:50 (20 s back, not a year on)
#   3 Jan  1 00:00:05 DPT=23  2026-01-01T00:00:05
#   4 Dec 31 23:55:00 DPT=25  2025-12-31T23:55:00
#   5 Jun 30 12:00:00 DPT=53  2026-06-30T12:00:00: from line 4 that is
#                             180 d 12:05 ahead, against 184 d 11:55 back
#   6 Jul  2 12:00:00 DPT=80  2026-07-02T12:00:00
#   7 Jul  2 11:00:00 DPT=81  2026-07-02T11:00:00 (an hour back)
# With --min-ports 1 (attempts descending, then bin):
#   2025-12-31T23:55  ports 22,25  23:55:00 to 23:59:50: 290 s, M = 4, 0 a minute
#   2026-01-01T00:00  ports 21,23  00:00:05 to 00:00:10: 5 s, 2 a minute
#   2026-06-30T12:00, 2026-07-02T11:00, 2026-07-02T12:00  one each
# With --lateness 10m, line 7 comes an hour behind the newest time
# (12:00:00), after its bin closed: it is counted as late and its finding
# is gone; every other line is at most 5 min 10 s behind the newest.
. "$TESTDIR/cases/include/lib.sh"
f=back.log
N='gw kernel: FW-DROP IN=eth0 OUT= SRC=203.0.113.70 DST=192.0.2.10 PROTO=TCP SPT=40000'
cat >"$T/$f" <<END
Jan  1 00:00:10 $N DPT=21
Dec 31 23:59:50 $N DPT=22
Jan  1 00:00:05 $N DPT=23
Dec 31 23:55:00 $N DPT=25
Jun 30 12:00:00 $N DPT=53
Jul  2 12:00:00 $N DPT=80
Jul  2 11:00:00 $N DPT=81
END
touch -d 2026-01-05T00:00:00Z "$T/$f"

events $f
e='DROP|deny|203.0.113.70|192.0.2.10|40000'
expect_events "years" <<END
$f|1|netfilter|2026-01-01T00:00:10.000Z|$e|21|tcp|Linux|netfilter|gw
$f|2|netfilter|2025-12-31T23:59:50.000Z|$e|22|tcp|Linux|netfilter|gw
$f|3|netfilter|2026-01-01T00:00:05.000Z|$e|23|tcp|Linux|netfilter|gw
$f|4|netfilter|2025-12-31T23:55:00.000Z|$e|25|tcp|Linux|netfilter|gw
$f|5|netfilter|2026-06-30T12:00:00.000Z|$e|53|tcp|Linux|netfilter|gw
$f|6|netfilter|2026-07-02T12:00:00.000Z|$e|80|tcp|Linux|netfilter|gw
$f|7|netfilter|2026-07-02T11:00:00.000Z|$e|81|tcp|Linux|netfilter|gw
END

detect --min-ports 1 $f
expect_csv "a finding per bin" <<'END'
2025-12-31T23:55:00Z,203.0.113.70,Suspicious Probe,2,1,2,0,"[22,25]",290,2025-12-31T23:55:00.000Z,2025-12-31T23:59:50.000Z,Linux,netfilter
2026-01-01T00:00:00Z,203.0.113.70,Suspicious Probe,2,1,2,2,"[21,23]",5,2026-01-01T00:00:05.000Z,2026-01-01T00:00:10.000Z,Linux,netfilter
2026-06-30T12:00:00Z,203.0.113.70,Suspicious Probe,1,1,1,1,"[53]",0,2026-06-30T12:00:00.000Z,2026-06-30T12:00:00.000Z,Linux,netfilter
2026-07-02T11:00:00Z,203.0.113.70,Suspicious Probe,1,1,1,1,"[81]",0,2026-07-02T11:00:00.000Z,2026-07-02T11:00:00.000Z,Linux,netfilter
2026-07-02T12:00:00Z,203.0.113.70,Suspicious Probe,1,1,1,1,"[80]",0,2026-07-02T12:00:00.000Z,2026-07-02T12:00:00.000Z,Linux,netfilter
END
expect_rc 1 "detect"

run "$SCANSPOT" detect --output csv --tz UTC --min-ports 1 --lateness 10m $f
expect_csv "late: the line an hour back" <<'END'
2025-12-31T23:55:00Z,203.0.113.70,Suspicious Probe,2,1,2,0,"[22,25]",290,2025-12-31T23:55:00.000Z,2025-12-31T23:59:50.000Z,Linux,netfilter
2026-01-01T00:00:00Z,203.0.113.70,Suspicious Probe,2,1,2,2,"[21,23]",5,2026-01-01T00:00:05.000Z,2026-01-01T00:00:10.000Z,Linux,netfilter
2026-06-30T12:00:00Z,203.0.113.70,Suspicious Probe,1,1,1,1,"[53]",0,2026-06-30T12:00:00.000Z,2026-06-30T12:00:00.000Z,Linux,netfilter
2026-07-02T12:00:00Z,203.0.113.70,Suspicious Probe,1,1,1,1,"[80]",0,2026-07-02T12:00:00.000Z,2026-07-02T12:00:00.000Z,Linux,netfilter
END
expect_err_has "  events counted: 6; " "six counted"
expect_err_has " late 1, " "one late"
finish
