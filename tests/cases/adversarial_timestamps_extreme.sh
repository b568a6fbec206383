#!/bin/sh
# Times at the edges: the epoch, just before it, the year 2100 and the
# last millisecond of 9999, in an order that jumps back and forth.  Bins
# are the time floored to 5 minutes since the epoch (detection.md 3), so a
# time before 1970 falls in the bin that starts before it, not at 0.  A
# time after 9999 is malformed ("time out of range", docs/formats.md).
#
# extreme.log, CEF from 203.0.113.60 to 192.0.2.10, --tz UTC:
#   1 rt=0 (epoch ms)              dpt=22  1970-01-01T00:00:00.000Z  bin 1970-01-01T00:00
#   2 rt=1970-01-01T00:04:59.999Z  dpt=23  same bin
#   3 rt=1969-12-31T23:59:59.999Z  dpt=24  bin 1969-12-31T23:55
#   4 rt=4102444800000             dpt=22  2100-01-01T00:00:00.000Z  bin 2100-01-01T00:00
#   5 rt=4102444799999             dpt=23  2099-12-31T23:59:59.999Z  bin 2099-12-31T23:55
#   6 rt=Dec 31 2099 23:59:59.999  dpt=24  the same instant, same bin
#   7 rt=253402300800000 (10000-01-01)     time out of range
#   8 rt=253402300799999           dpt=25  9999-12-31T23:59:59.999Z  bin 9999-12-31T23:55
# (4102444800 = 47482 days = 130 years with 32 leap days.)
# With --min-ports 1 every bin is a Suspicious Probe:
#   1970-01-01T00:00  2 attempts, ports 22,23, 299 s, M = 4: 2/4 = 0 a minute
#   2099-12-31T23:55  2 attempts, ports 23,24, 0 s, M = 0: 2 a minute
#   1969-12-31T23:55, 2100-01-01T00:00, 9999-12-31T23:55  1 attempt each
# in the order attempts descending, then bin.
. "$TESTDIR/cases/include/lib.sh"
f=extreme.log
C='CEF:0|ExampleCo|EdgeFW|3.1|4001|Inbound deny|5|act=deny src=203.0.113.60 dst=192.0.2.10'
cat >"$T/$f" <<END
$C rt=0 dpt=22
$C rt=1970-01-01T00:04:59.999Z dpt=23
$C rt=1969-12-31T23:59:59.999Z dpt=24
$C rt=4102444800000 dpt=22
$C rt=4102444799999 dpt=23
$C rt=Dec 31 2099 23:59:59.999 dpt=24
$C rt=253402300800000 dpt=25
$C rt=253402300799999 dpt=25
END

events $f
e='deny|deny|203.0.113.60|192.0.2.10|-'
expect_events "times" <<END
$f|1|cef|1970-01-01T00:00:00.000Z|$e|22|-|ExampleCo|EdgeFW|-
$f|2|cef|1970-01-01T00:04:59.999Z|$e|23|-|ExampleCo|EdgeFW|-
$f|3|cef|1969-12-31T23:59:59.999Z|$e|24|-|ExampleCo|EdgeFW|-
$f|4|cef|2100-01-01T00:00:00.000Z|$e|22|-|ExampleCo|EdgeFW|-
$f|5|cef|2099-12-31T23:59:59.999Z|$e|23|-|ExampleCo|EdgeFW|-
$f|6|cef|2099-12-31T23:59:59.999Z|$e|24|-|ExampleCo|EdgeFW|-
$f|8|cef|9999-12-31T23:59:59.999Z|$e|25|-|ExampleCo|EdgeFW|-
END
expect_rc 0 "events"
run "$SCANSPOT" events --tz UTC $f
expect_err_has "    cef: time out of range: 1 ($f:7)" "year 10000"

detect --min-ports 1 $f
expect_csv "a finding per bin" <<'END'
1970-01-01T00:00:00Z,203.0.113.60,Suspicious Probe,2,1,2,0,"[22,23]",299,1970-01-01T00:00:00.000Z,1970-01-01T00:04:59.999Z,ExampleCo,EdgeFW
2099-12-31T23:55:00Z,203.0.113.60,Suspicious Probe,2,1,2,2,"[23,24]",0,2099-12-31T23:59:59.999Z,2099-12-31T23:59:59.999Z,ExampleCo,EdgeFW
1969-12-31T23:55:00Z,203.0.113.60,Suspicious Probe,1,1,1,1,"[24]",0,1969-12-31T23:59:59.999Z,1969-12-31T23:59:59.999Z,ExampleCo,EdgeFW
2100-01-01T00:00:00Z,203.0.113.60,Suspicious Probe,1,1,1,1,"[22]",0,2100-01-01T00:00:00.000Z,2100-01-01T00:00:00.000Z,ExampleCo,EdgeFW
9999-12-31T23:55:00Z,203.0.113.60,Suspicious Probe,1,1,1,1,"[25]",0,9999-12-31T23:59:59.999Z,9999-12-31T23:59:59.999Z,ExampleCo,EdgeFW
END
expect_rc 1 "detect"
finish
