#!/bin/sh
# A syslog header whose time has the right shape but cannot be read
# ("Mar 41", hour 24, February 30, a German month name, "<PRI>1 garbage")
# makes a record that takes its time from that header malformed, "bad
# time in the syslog header", in every format read behind such a header;
# it is never dated by arrival and counted.  A record with a time of its
# own keeps it.  Each file holds the same record twice: first behind the
# bad header, then behind a good one, which gives the one event.
. "$TESTDIR/cases/include/lib.sh"

case_file() {	# NAME FORMAT BAD-LINE GOOD-LINE
	printf '%s\n%s\n' "$3" "$4" >"$T/$1"
	touch -d 2026-03-05 "$T/$1"
	run "$SCANSPOT" events --tz UTC "$1"
	expect_rc 0 "$1"
	lines=$(tail -n +2 "$T/out" | cut -f 1,2,3 | tr '\t' ' ')
	[ "$lines" = "$1 2 $2" ] ||
	    fail "$1: want one event, line 2, format $2; got: $lines"
	expect_err_has "$2: bad time in the syslog header: 1 ($1:1)" \
	    "$1: the bad header named"
}

nf='kernel: [UFW BLOCK] IN=eth0 OUT= MAC=00:11 SRC=203.0.113.99 DST=192.0.2.10 LEN=44 PROTO=TCP SPT=4000 DPT=22 SYN'
case_file nf.log netfilter "Mar 41 10:06:01 gw01 $nf" "Mar  1 10:06:01 gw01 $nf"

cef='CEF:0|ExampleCo|EdgeFW|4.2|4001|Inbound deny|5|act=deny src=203.0.113.50 dst=192.0.2.10 dpt=22'
case_file cef.log cef "<134>Mar 32 10:00:00 fw01 $cef" "<134>Mar  1 10:00:00 fw01 $cef"
case_file cef5424.log cef "<134>1 2026-02-30T10:00:00Z fw01 - - - - $cef dvchost=fw01" \
    "<134>1 2026-02-28T10:00:00Z fw01 - - - - $cef dvchost=fw01"

leef='LEEF:2.0|Palo Alto Networks|PAN-OS Syslog Integration|10.1.0|deny|x7C|cat=TRAFFIC|src=203.0.113.22|dst=192.0.2.32|srcPort=51000|dstPort=445|proto=tcp|action=deny'
case_file leef.log leef "<13>Mar  3 24:00:03 qradar-fw $leef" "<13>Mar  3 10:00:03 qradar-fw $leef"

asa='%ASA-4-106023: Deny tcp src outside:198.51.100.7/40000 dst inside:192.0.2.5/22 by access-group "outside_access_in" [0x0, 0x0]'
case_file asa.log asa "<164>Mar 32 2026 10:00:10 fw-1 $asa" "<164>Mar 03 2026 10:00:10 fw-1 $asa"

fl='filterlog[66047]: 5,,,1000000103,igb0,match,block,in,4,0x0,,52,12345,0,DF,6,tcp,60,203.0.113.40,192.0.2.60,40000,23,0,S,1234567,,64240,,mss'
case_file filterlog.log filterlog "Mrz  3 10:00:07 pfSense $fl" "Mar  3 10:00:07 pfSense $fl"

pf='rule 5/(match) block in on em0: 203.0.113.40.40000 > 192.0.2.60.23: S 1234:1234(0) win 512'
case_file pflog.log pflog "Mar 41 10:00:07 obsd pf: $pf" "Mar  3 10:00:07 obsd pf: $pf"

fg='devname="FGT-EDGE" logid="0000000013" type="traffic" subtype="forward" srcip=203.0.113.9 srcport=40000 dstip=192.0.2.10 dstport=3389 proto=6 action="deny" policyid=0'
case_file fortigate.log fortigate "<189>Mar 32 11:00:01 fgt $fg" "<189>Mar  3 11:00:01 fgt $fg"

cp='CheckPoint 16700 - [action:"Drop"; ifdir:"inbound"; origin:"192.0.2.254"; version:"5"; dst:"192.0.2.10"; product:"VPN-1 & FireWall-1"; proto:"6"; s_port:"40004"; service:"110"; src:"203.0.113.50"]'
case_file checkpoint.log checkpoint "<134>1 2026-02-30T10:00:04Z gw-01 $cp" "<134>1 2026-03-03T10:00:04Z gw-01 $cp"

srx='RT_FLOW: RT_FLOW_SESSION_DENY: session denied 203.0.113.6/40001->192.0.2.11/445 0x0 junos-smb 6(0) default-deny untrust trust UNKNOWN UNKNOWN N/A(N/A) ge-0/0/0.0 No policy deny 1 N/A N/A -1'
case_file srx.log srx "Mar 41 10:00:04 srx1 $srx" "Mar  3 10:00:04 srx1 $srx"

sph='device="SFW" device_name="XG125w" device_id=SFDemo-1 log_id=010102600002 log_type="Firewall" log_component="Firewall Rule" log_subtype="Denied" status="Deny" priority=Information fw_rule_id=1 in_interface="Port2" src_ip=203.0.113.20 dst_ip=192.0.2.1 protocol="TCP" src_port=40000 dst_port=22'
case_file sophos.log sophos "<30>Mar 41 10:00:05 xg $sph" "<30>Mar  3 10:00:05 xg $sph"

mt='firewall,info DROP-PREFIX input: in:ether1 out:(unknown 0), src-mac 00:00:5e:00:53:01, proto TCP (SYN), 203.0.113.5:40000->192.0.2.1:23, len 44'
case_file mikrotik.log mikrotik "Mar 41 10:00:00 gw01 $mt" "Mar  3 10:00:00 gw01 $mt"

fast='snort[99]: [Drop] [1:469:3] ICMP PING NMAP [Classification: Attempted Information Leak] [Priority: 2]: {ICMP} 203.0.113.6 -> 192.0.2.6'
case_file fast.log fast "Mar 41 10:00:26 fw02 $fast" "Mar  3 10:00:26 fw02 $fast"

# Check Point's own time must be a number when present
printf '%s\n' "<134>1 2026-03-03T10:00:04Z gw-01 ${cp%]}; time:\"10:00\"]" >"$T/cptime.log"
run "$SCANSPOT" events --tz UTC cptime.log
expect_err_has "checkpoint: bad time in time: 1 (cptime.log:1)" \
    "Check Point time that is not a number"

# Only what is written as a time is one: the ASA's own ISO time with
# Cisco's colon, and "<PRI>1 " before a token that is no time, are not bad
# headers and read as before.
printf '%s\n' "2024-03-03T10:00:00Z: $asa" "<166>2024-03-03T10:00:00+01:00: fw01 : $asa" \
    "<13>1 Mar  3 10:00:00 fw01 : $asa" >"$T/asaiso.log"
touch -d 2024-03-05 "$T/asaiso.log"
run "$SCANSPOT" events --tz UTC asaiso.log
lines=$(tail -n +2 "$T/out" | cut -f 2,4 | tr '\t' ' ' | tr '\n' ';')
[ "$lines" = "1 2024-03-03T10:00:00.000Z;2 2024-03-03T09:00:00.000Z;3 2024-03-03T10:00:00.000Z;" ] ||
    fail "ASA own times behind no header: got: $lines"

# a time of its own wins over the bad header: read as usual
printf '%s\n' "<134>Mar 32 10:00:00 fw01 $cef rt=1772359561250" >"$T/own.log"
events own.log
lines=$(tail -n +2 "$T/out" | cut -f 1,2,4 | tr '\t' ' ')
[ "$lines" = "own.log 1 2026-03-01T10:06:01.250Z" ] ||
    fail "CEF with rt behind a bad header: got: $lines"
finish
