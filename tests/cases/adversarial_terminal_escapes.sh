#!/bin/sh
# Terminal escape sequences and spreadsheet formula prefixes inside the
# CEF vendor, product and device fields (scanspot(1), OUTPUT):
#  - the table writes control characters, C1 controls and bad bytes as
#    \xHH and a backslash as \\, so nothing from the log reaches the
#    terminal as a control;
#  - CSV carries every value exactly, quoting per RFC 4180; a value that
#    starts with =, +, -, @, a tab or a CR gets a leading apostrophe (and
#    quotes), unless --csv-raw;
#  - JSON escapes controls and C1 controls (\u00XX);
#  - events writes a tab \t, a backslash \\ and other control characters
#    \xHH.
#
# esc.log: five sources each probe ports 21..30 of 192.0.2.10 at
# 10:06:01..10, so each is a Port Scan, in source order:
#   src            vendor                    product           device
#   203.0.113.1    ESC]0;title BEL           ESC[2J            C1 CSI "2J"
#   203.0.113.2    =HYPERLINK("http://198.51.100.1/","x")  +SUM(1)   @dev
#   203.0.113.3    -1+2                      TAB "=cmd"        =dev
#   203.0.113.4    @SUM(A1)                  a C1-CSI "[31mred"  x ESC]2;y BEL
#   203.0.113.5    a\b (logged a\\b)         ok                plain
# (ESC 0x1b, BEL 0x07, TAB 0x09, C1 CSI U+009B = bytes c2 9b.)
. "$TESTDIR/cases/include/lib.sh"
f=esc.log
E=$(printf '\033') B=$(printf '\007') TAB=$(printf '\t') CSI=$(printf '\302\233')
emit() {	# SRC VENDOR PRODUCT DEVICE (as logged)
	for i in 1 2 3 4 5 6 7 8 9 10; do
		printf 'CEF:0|%s|%s|1.0|100|deny|5|rt=2026-03-01T10:06:%02dZ act=deny src=%s dst=192.0.2.10 dpt=%d dvchost=%s\n' \
		    "$2" "$3" $i $1 $((20 + i)) "$4"
	done
}
{
	emit 203.0.113.1 "$E]0;title$B" "$E[2J" "${CSI}2J"
	emit 203.0.113.2 '=HYPERLINK("http://198.51.100.1/","x")' '+SUM(1)' @dev
	emit 203.0.113.3 '-1+2' "$TAB=cmd" =dev
	emit 203.0.113.4 '@SUM(A1)' "a$CSI[31mred" "x$E]2;y$B"
	emit 203.0.113.5 'a\\b' ok plain
} >"$T/$f"
common() {	# SRC: the columns before vendor and product
	printf '2026-03-01T10:05:00Z,%s,Port Scan,10,1,10,10,"[21,22,23,24,25,26,27,28,29,30]",9,2026-03-01T10:06:01.000Z,2026-03-01T10:06:10.000Z' $1
}
# Bytes other than printable ASCII, tab and LF in a file.
raw_controls() {
	LC_ALL=C tr -d '\t\n\040-\176' <"$1" | wc -c
}

# table
run "$SCANSPOT" detect --output table --tz UTC -q $f
expect_rc 1 "table"
[ "$(raw_controls "$T/out")" -eq 0 ] || fail "table: raw control bytes"
LC_ALL=C grep -q "$TAB" "$T/out" && fail "table: a raw tab"
for want in \
    '203.0.113.1 |\x1b]0;title\x07|\x1b[2J' \
    '203.0.113.2 |=HYPERLINK("http://198.51.100.1/","x")|+SUM(1)' \
    '203.0.113.3 |-1+2|\x09=cmd' \
    '203.0.113.4 |@SUM(A1)|a\xc2\x9b[31mred' \
    '203.0.113.5 |a\\b|ok'; do
	src=${want%% |*} rest=${want#*|}
	v=${rest%%|*} p=${rest#*|}
	row=$(grep -F "  $src  " "$T/out")
	case $row in
	*"  $v  "*) ;;
	*) fail "table: $src: want vendor [$v]"; printf '%s\n' "$row" | cat -v ;;
	esac
	case $row in
	*"  $p") ;;
	*) fail "table: $src: want product [$p]"; printf '%s\n' "$row" | cat -v ;;
	esac
done

# CSV, formula prefixes neutralised
detect $f
{
	printf '%s,%s\n' "$(common 203.0.113.1)" "$E]0;title$B,$E[2J"
	printf '%s,%s\n' "$(common 203.0.113.2)" \
	    '"'\''=HYPERLINK(""http://198.51.100.1/"",""x"")","'\''+SUM(1)"'
	printf '%s,%s\n' "$(common 203.0.113.3)" "\"'-1+2\",\"'$TAB=cmd\""
	printf '%s,%s\n' "$(common 203.0.113.4)" "\"'@SUM(A1)\",a$CSI[31mred"
	printf '%s,%s\n' "$(common 203.0.113.5)" 'a\b,ok'
} | expect_csv "csv"
expect_rc 1 "csv"

# CSV raw
detect --csv-raw $f
{
	printf '%s,%s\n' "$(common 203.0.113.1)" "$E]0;title$B,$E[2J"
	printf '%s,%s\n' "$(common 203.0.113.2)" \
	    '"=HYPERLINK(""http://198.51.100.1/"",""x"")",+SUM(1)'
	printf '%s,%s\n' "$(common 203.0.113.3)" "-1+2,$TAB=cmd"
	printf '%s,%s\n' "$(common 203.0.113.4)" "@SUM(A1),a$CSI[31mred"
	printf '%s,%s\n' "$(common 203.0.113.5)" 'a\b,ok'
} | expect_csv "csv --csv-raw"

# JSON: every control escaped, so the text is printable ASCII
for o in json jsonl; do
	run "$SCANSPOT" detect --output $o --tz UTC -q $f
	[ "$(raw_controls "$T/out")" -eq 0 ] || fail "$o: raw control bytes"
	LC_ALL=C grep -q "$TAB" "$T/out" && fail "$o: a raw tab"
	grep -F '"DeviceVendor":"\u001b]0;title\u0007","DeviceProduct":"\u001b[2J"' \
	    "$T/out" >/dev/null || fail "$o: 203.0.113.1"
	grep -F '"DeviceVendor":"@SUM(A1)","DeviceProduct":"a\u009b[31mred"' \
	    "$T/out" >/dev/null || fail "$o: 203.0.113.4"
done

# events: vendor, product and device
events $f
[ "$(raw_controls "$T/out")" -eq 0 ] || fail "events: raw control bytes"
awk -F '\t' 'NR > 1 && ($10 == 21) { print $7 "|" $12 "|" $13 "|" $14 }' \
    "$T/out" >"$T/got"
cat >"$T/want" <<'END'
203.0.113.1|\x1b]0;title\x07|\x1b[2J|\xc2\x9b2J
203.0.113.2|=HYPERLINK("http://198.51.100.1/","x")|+SUM(1)|@dev
203.0.113.3|-1+2|\t=cmd|=dev
203.0.113.4|@SUM(A1)|a\xc2\x9b[31mred|x\x1b]2;y\x07
203.0.113.5|a\\b|ok|plain
END
expect_same "$T/want" "$T/got" "events: vendor, product and device"
finish
