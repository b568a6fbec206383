#!/bin/sh
# --skip-untimed: a record with no time of its own is not dated by arrival
# and not counted, wherever it stands in the file.  untimed.log: line 1
# has rt (10:06:01.250Z, port 21), lines 2 and 3 have none (ports 22, 23).
# By hand: without the option lines 2 and 3 take line 1's time and all
# three count (3 ports); with it they print "-" and only line 1 counts.
. "$(dirname "$0")/include/lib.sh"
H='CEF:0|ExampleCo|EdgeFW|4.2|4001|Inbound deny|5|act=deny src=203.0.113.50 dst=192.0.2.10'
{
	printf '%s dpt=21 rt=1772359561250\n' "$H"
	printf '%s dpt=22\n' "$H"
	printf '%s dpt=23\n' "$H"
} >"$T/untimed.log"

events --skip-untimed untimed.log
expect_events "untimed records keep no time" <<'END'
untimed.log|1|cef|2026-03-01T10:06:01.250Z|deny|deny|203.0.113.50|192.0.2.10|-|21|-|ExampleCo|EdgeFW|-
untimed.log|2|cef|-|deny|deny|203.0.113.50|192.0.2.10|-|22|-|ExampleCo|EdgeFW|-
untimed.log|3|cef|-|deny|deny|203.0.113.50|192.0.2.10|-|23|-|ExampleCo|EdgeFW|-
END

detect --min-ports 1 --skip-untimed untimed.log
expect_csv "only the timed record counts" <<'END'
2026-03-01T10:05:00Z,203.0.113.50,Suspicious Probe,1,1,1,1,"[21]",0,2026-03-01T10:06:01.250Z,2026-03-01T10:06:01.250Z,ExampleCo,EdgeFW
END

detect --min-ports 1 untimed.log
expect_csv "dated by arrival without the option" <<'END'
2026-03-01T10:05:00Z,203.0.113.50,Suspicious Probe,3,1,3,3,"[21,22,23]",0,2026-03-01T10:06:01.250Z,2026-03-01T10:06:01.250Z,ExampleCo,EdgeFW
END
finish
