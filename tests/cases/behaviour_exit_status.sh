#!/bin/sh
# Exit status: 0 without findings, 1 with findings, 2 on a bad option,
# 3 when an input cannot be read (the other inputs are still read and
# their findings printed).
. "$TESTDIR/cases/include/lib.sh"
stage pitfall_b035_single_event.log
stage worked_example.cef
row='2026-03-01T10:05:00Z,203.0.113.50,Port Scan,12,1,12,12,"[21,22,23,25,53,80,110,139,143,443,445,3389]",118,2026-03-01T10:06:01.250Z,2026-03-01T10:07:59.900Z,ExampleCo,EdgeFW'

detect pitfall_b035_single_event.log
expect_rc 0 "no findings"
detect worked_example.cef
expect_rc 1 "findings"

for bad in "--min-ports abc" "--no-such-option" "--output xml" \
    "--profile nosuch" "--tz Nowhere/Atlantis" "--last soon"; do
	# shellcheck disable=SC2086
	detect $bad worked_example.cef
	expect_rc 2 "bad option $bad"
	[ -s "$T/out" ] && fail "bad option $bad: output on stdout"
done

run "$SCANSPOT" detect --output csv --tz UTC no-such-file.log \
    worked_example.cef
expect_rc 3 "missing input"
echo "$row" | expect_csv "missing input: the other input is reported"
expect_err_has "no-such-file.log" "missing input named"

run "$SCANSPOT" detect --output csv --tz UTC -q worked_example.cef \
    no-such-file.log pitfall_b035_single_event.log
expect_rc 3 "missing input between two readable ones"
echo "$row" | expect_csv "missing input between two readable ones"
finish
