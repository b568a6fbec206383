#!/bin/sh
# Options may follow the inputs, as GNU tools allow: the run is the same
# as with the options first.  After "--" every argument is an input, even
# one that starts with "-".
. "$TESTDIR/cases/include/lib.sh"
stage worked_example.cef
row='2026-03-01T10:05:00Z,203.0.113.50,Port Scan,12,1,12,12,"[21,22,23,25,53,80,110,139,143,443,445,3389]",118,2026-03-01T10:06:01.250Z,2026-03-01T10:07:59.900Z,ExampleCo,EdgeFW'

run "$SCANSPOT" detect worked_example.cef --output csv --tz UTC -q
expect_rc 1 "options after the input"
echo "$row" | expect_csv "options after the input"

run "$SCANSPOT" detect --tz UTC worked_example.cef -o csv -q -j 2
expect_rc 1 "options on both sides of the input"
echo "$row" | expect_csv "options on both sides of the input"

# a config file named after the input is still read
printf 'min_ports = 13\n' >"$T/strict.ini"
run "$SCANSPOT" detect worked_example.cef -o csv --tz UTC -q -c strict.ini
expect_rc 0 "config file after the input: 12 ports no longer make a scan"
expect_csv "config file after the input" </dev/null

cp "$T/worked_example.cef" "$T/-dash.cef"
run "$SCANSPOT" detect -o csv --tz UTC -q -- -dash.cef
expect_rc 1 "an input named like an option, after --"
echo "$row" | expect_csv "an input named like an option, after --"

run "$SCANSPOT" detect worked_example.cef --min-ports
expect_rc 2 "an option after the input still needs its value"
finish
