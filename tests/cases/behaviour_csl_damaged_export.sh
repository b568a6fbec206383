#!/bin/sh
# Damaged CommonSecurityLog exports lose only the damaged record.
#   1. CSV: row 2 (line 3) opens a quote it never closes; line 4 is a row
#      of its own, so line 3 is malformed ("unbalanced quote") and line 4
#      is read.  Line 5 is a second header with the source and destination
#      columns swapped: it is skipped and maps line 6.
#   2. JSON lines: line 2 lacks its closing brace; line 3 is read.
. "$TESTDIR/cases/include/lib.sh"

cat >"$T/x.csv" <<'CSV'
TimeGenerated [UTC],DeviceVendor,DeviceProduct,DeviceAction,SourceIP,DestinationIP,DestinationPort,Protocol,Computer
2026-03-01T10:00:00Z,V,P,Deny,198.51.100.1,192.0.2.10,21,TCP,h
2026-03-01T10:00:01Z,"unterminated,P,Deny,198.51.100.2,192.0.2.10,22,TCP,h
2026-03-01T10:00:02Z,V,P,Deny,198.51.100.3,192.0.2.10,23,TCP,h
TimeGenerated [UTC],DestinationIP,SourceIP,DestinationPort,DeviceAction
2026-03-01T10:00:03Z,192.0.2.11,198.51.100.4,25,Deny
CSV
events x.csv
expect_events "CSV with an open quote and a second header" <<'OUT'
x.csv|2|csl|2026-03-01T10:00:00.000Z|Deny|deny|198.51.100.1|192.0.2.10|-|21|tcp|V|P|h
x.csv|4|csl|2026-03-01T10:00:02.000Z|Deny|deny|198.51.100.3|192.0.2.10|-|23|tcp|V|P|h
x.csv|6|csl|2026-03-01T10:00:03.000Z|Deny|deny|198.51.100.4|192.0.2.11|-|25|-|-|-|-
OUT
run "$SCANSPOT" events --tz UTC x.csv
expect_err_has "unbalanced quote: 1 (x.csv:3)" "CSV summary"
expect_err_has "header: 2 (x.csv:1, x.csv:5)" "CSV summary"

cat >"$T/y.jsonl" <<'JSON'
{"TimeGenerated":"2026-03-01T10:00:00Z","DeviceAction":"Deny","SourceIP":"198.51.100.1","DestinationPort":21}
{"TimeGenerated":"2026-03-01T10:00:01Z","DeviceAction":"Deny","SourceIP":"198.51.100.2","DestinationPort":22
{"TimeGenerated":"2026-03-01T10:00:02Z","DeviceAction":"Deny","SourceIP":"198.51.100.3","DestinationPort":23}
JSON
events y.jsonl
expect_events "JSON lines with an open object" <<'OUT'
y.jsonl|1|csl|2026-03-01T10:00:00.000Z|Deny|deny|198.51.100.1|-|-|21|-|-|-|-
y.jsonl|3|csl|2026-03-01T10:00:02.000Z|Deny|deny|198.51.100.3|-|-|23|-|-|-|-
OUT
run "$SCANSPOT" events --tz UTC y.jsonl
expect_err_has "unclosed JSON object: 1 (y.jsonl:2)" "JSON summary"
finish
