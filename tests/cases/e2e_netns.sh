#!/bin/sh
# e2e_netns.sh - a real firewall, real scans, then scanspot on its log.
#
# In network namespaces of their own, two attackers scan through a
# firewall namespace whose nftables ruleset logs (NFLOG, written by ulogd2
# in its LOGEMU text form) and drops their packets:
#
#   ss-a1 198.51.100.10 --.                      .-- ss-tg 203.0.113.5
#                          >-- ss-fw (nftables) -<     203.0.113.100..139
#   ss-a2 198.51.100.14 --'                      (targets, never reached)
#
# a1 SYN-scans ports 1-100 of one host; a2 sweeps port 80 over 40 hosts.
# A named counter per attacker gives the exact number of dropped packets
# without scanspot, and the test checks scanspot's CSV against them.
# Only 198.51.100.0/24 and 203.0.113.0/24 are used, inside the namespaces.
#
# Needs root (ip netns), nft, ulogd, nmap and python3; otherwise it
# prints the reason on its last line and exits 77 (skipped).
set -u

SCANSPOT=${SCANSPOT:-./scanspot}
NPORTS=100		# a1 scans ports 1..NPORTS of 203.0.113.5
NSWEEP=40		# a2 sweeps port 80 of 203.0.113.100..(100+NSWEEP-1)
GROUP=5			# NFLOG group
BIN=300			# the detection's bin width, seconds

skip() {
	echo "skipped: $*"
	exit 77
}

fail() {
	echo "FAIL: $*"
	exit 1
}

for t in ip nft ulogd nmap python3; do
	command -v "$t" >/dev/null 2>&1 || skip "$t is not installed"
done
[ -x "$SCANSPOT" ] || fail "no scanspot binary at $SCANSPOT"

# LOGEMU writes local time without a zone and scanspot reads zone-less
# times in the machine's zone when no --tz is given: both use the
# machine's zone.
unset TZ

tmp=$(mktemp -d) || fail "mktemp"
id=$$
FW=ss-fw-$id A1=ss-a1-$id A2=ss-a2-$id TG=ss-tg-$id
ulogd_pid="" scan_pids=""

cleanup() {
	for p in $scan_pids; do
		kill "$p" 2>/dev/null
	done
	if [ -n "$ulogd_pid" ]; then
		kill "$ulogd_pid" 2>/dev/null
		wait "$ulogd_pid" 2>/dev/null
	fi
	for ns in $A1 $A2 $TG $FW; do
		ip netns del "$ns" 2>/dev/null
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 2' INT TERM HUP

ip netns add "$FW" 2>"$tmp/err" ||
    skip "cannot create network namespaces: $(head -n 1 "$tmp/err")"
for ns in $A1 $A2 $TG; do
	ip netns add "$ns" || fail "ip netns add $ns"
done

in_ns() {
	_ns=$1
	shift
	ip netns exec "$_ns" "$@"
}

# Links the firewall to another namespace: fw_link NS FWIF NSIF FWADDR ADDR
fw_link() {
	ip link add "$3" netns "$1" type veth peer name "$2" netns "$FW" ||
	    fail "veth $2-$3"
	in_ns "$FW" ip addr add "$4" dev "$2"
	in_ns "$1" ip addr add "$5" dev "$3"
	in_ns "$FW" ip link set "$2" up
	in_ns "$1" ip link set "$3" up
}

set_up_network() {
	for ns in $FW $A1 $A2 $TG; do
		in_ns "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
		in_ns "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
		in_ns "$ns" ip link set lo up
	done
	fw_link "$A1" fwa1 a1 198.51.100.9/30 198.51.100.10/30
	fw_link "$A2" fwa2 a2 198.51.100.13/30 198.51.100.14/30
	fw_link "$TG" fwtg tg 203.0.113.1/24 203.0.113.5/24
	i=100
	while [ "$i" -lt $((100 + NSWEEP)) ]; do
		in_ns "$TG" ip addr add "203.0.113.$i/24" dev tg
		i=$((i + 1))
	done
	in_ns "$A1" ip route add default via 198.51.100.9
	in_ns "$A2" ip route add default via 198.51.100.13
	in_ns "$TG" ip route add default via 203.0.113.1
	in_ns "$FW" sysctl -qw net.ipv4.ip_forward=1
}

set_up_firewall() {
	cat >"$tmp/ruleset.nft" <<-EOF
	table inet ss {
		counter from_a1 { }
		counter from_a2 { }
		chain pre {
			type filter hook prerouting priority -150
			policy accept
			ip saddr 198.51.100.10 jump drop_a1
			ip saddr 198.51.100.14 jump drop_a2
		}
		chain drop_a1 {
		counter name from_a1 log group $GROUP prefix "DROP " drop
		}
		chain drop_a2 {
		counter name from_a2 log group $GROUP prefix "DROP " drop
		}
	}
	EOF
	in_ns "$FW" nft -f "$tmp/ruleset.nft" || fail "nft ruleset"
}

# ulogd2 finds its plugins by path; Debian puts them under the multiarch
# library folder.
plugin_dir() {
	for d in /usr/lib/*/ulogd /usr/lib/ulogd /usr/lib64/ulogd; do
		[ -f "$d/ulogd_inppkt_NFLOG.so" ] && { echo "$d"; return 0; }
	done
	return 1
}

start_ulogd() {
	pd=$(plugin_dir) || skip "ulogd2 plugins not found"
	cat >"$tmp/ulogd.conf" <<-EOF
	[global]
	logfile="$tmp/ulogd.log"
	loglevel=1
	plugin="$pd/ulogd_inppkt_NFLOG.so"
	plugin="$pd/ulogd_raw2packet_BASE.so"
	plugin="$pd/ulogd_filter_IFINDEX.so"
	plugin="$pd/ulogd_filter_IP2STR.so"
	plugin="$pd/ulogd_filter_PRINTPKT.so"
	plugin="$pd/ulogd_output_LOGEMU.so"
	stack=in:NFLOG,b:BASE,i:IFINDEX,s:IP2STR,p:PRINTPKT,out:LOGEMU

	[in]
	group=$GROUP

	[out]
	file="$tmp/fw.log"
	sync=1
	EOF
	ip netns exec "$FW" ulogd -c "$tmp/ulogd.conf" >"$tmp/ulogd.out" 2>&1 &
	ulogd_pid=$!

	# ready once it has bound the NFLOG group and entered its main loop
	n=0
	until grep -q "entering main loop" "$tmp/ulogd.log" 2>/dev/null; do
		kill -0 "$ulogd_pid" 2>/dev/null ||
		    fail "ulogd stopped: $(tail -n 3 "$tmp/ulogd.log" \
		    "$tmp/ulogd.out" 2>/dev/null)"
		n=$((n + 1))
		[ "$n" -le 50 ] || fail "ulogd did not start in 5 s"
		sleep 0.1
	done
}

counter() {
	in_ns "$FW" nft list counter inet ss "$1" |
	    awk '$1 == "packets" { print $2 }'
}

# The scans must fall into one bin: if a bin boundary is less than 90 s
# away, wait until it has passed.
avoid_bin_edge() {
	now=$(date +%s)
	left=$((BIN - now % BIN))
	if [ "$left" -le 90 ]; then
		echo "waiting $((left + 1)) s for the next ${BIN}-s bin"
		sleep $((left + 1))
	fi
}

set_up_network
set_up_firewall
start_ulogd
avoid_bin_edge

# Both scans at once; filtered ports make nmap wait for timeouts, which
# are kept short because the namespaces answer in microseconds.
fast="-n -Pn -sS --max-retries 1 --initial-rtt-timeout 50ms"
fast="$fast --max-rtt-timeout 100ms --max-scan-delay 0"
t0=$(date +%s)
# shellcheck disable=SC2086
in_ns "$A1" nmap $fast -p "1-$NPORTS" 203.0.113.5 >"$tmp/nmap1.out" 2>&1 &
p1=$!
# shellcheck disable=SC2086
in_ns "$A2" nmap $fast -p 80 "203.0.113.100-$((100 + NSWEEP - 1))" \
    >"$tmp/nmap2.out" 2>&1 &
p2=$!
scan_pids="$p1 $p2"
wait "$p1" || fail "nmap port scan: $(tail -n 2 "$tmp/nmap1.out")"
wait "$p2" || fail "nmap sweep: $(tail -n 2 "$tmp/nmap2.out")"
scan_pids=""

c1=$(counter from_a1)
c2=$(counter from_a2)
echo "counters: from_a1=$c1 from_a2=$c2; scans took $(($(date +%s) - t0)) s"
[ "${c1:-0}" -ge "$NPORTS" ] || fail "port scan: only ${c1:-?} packets"
[ "${c2:-0}" -ge "$NSWEEP" ] || fail "sweep: only ${c2:-?} packets"

# ulogd writes each packet as it comes; give the last ones a moment
n=0
while [ "$(wc -l <"$tmp/fw.log")" -lt $((c1 + c2)) ] && [ "$n" -lt 30 ]; do
	sleep 0.1
	n=$((n + 1))
done
kill "$ulogd_pid"
wait "$ulogd_pid" 2>/dev/null
ulogd_pid=""
t1=$(date +%s)

lines=$(wc -l <"$tmp/fw.log")
[ "$lines" -eq $((c1 + c2)) ] ||
    fail "$lines log lines, but the counters say $((c1 + c2)) packets"
echo "log: $lines lines, e.g.:"
head -n 1 "$tmp/fw.log"

# exit status 1: there are findings
"$SCANSPOT" detect --output csv "$tmp/fw.log" >"$tmp/out.csv" \
    2>"$tmp/scanspot.err"
rc=$?
cat "$tmp/out.csv" "$tmp/scanspot.err"
[ "$rc" -eq 1 ] || fail "scanspot detect exited with $rc, not 1 (findings)"

python3 - "$tmp/out.csv" "$c1" "$c2" "$NPORTS" "$NSWEEP" "$t0" "$t1" \
    "$BIN" <<'EOF' || fail "scanspot's findings differ"
import csv, sys
from datetime import datetime

path, c1, c2, nports, nsweep, t0, t1, binw = sys.argv[1:]
c1, c2, nports, nsweep, t0, t1, binw = map(int,
    (c1, c2, nports, nsweep, t0, t1, binw))
cols = ["TimeGenerated", "SourceIP", "ScanType", "UniqueDestPorts",
    "UniqueDestIPs", "TotalAttempts", "AttemptsPerMinute", "PortsTargeted",
    "ScanDurationSeconds", "FirstSeen", "LastSeen", "DeviceVendor",
    "DeviceProduct"]
bad = []

def check(what, got, want):
    if got != want:
        bad.append("%s: got %r, want %r" % (what, got, want))

def epoch(s):
    return int(datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp())

rows = list(csv.reader(open(path, newline="")))
check("header", rows[0] if rows else None, cols)
found = {r[1]: dict(zip(cols, r)) for r in rows[1:]}
check("findings", sorted(found), ["198.51.100.10", "198.51.100.14"])
want = {
    "198.51.100.10": ("Aggressive Port Scan", nports, 1, c1,
        "[" + ",".join(str(p) for p in range(1, min(nports, 50) + 1)) + "]"),
    "198.51.100.14": ("IP Block Sweep", 1, nsweep, c2, "[80]"),
}
for src, (kind, ports, hosts, total, targeted) in want.items():
    r = found.get(src)
    if r is None:
        continue
    check(src + " ScanType", r["ScanType"], kind)
    check(src + " UniqueDestPorts", int(r["UniqueDestPorts"]), ports)
    check(src + " UniqueDestIPs", int(r["UniqueDestIPs"]), hosts)
    check(src + " TotalAttempts", int(r["TotalAttempts"]), total)
    check(src + " PortsTargeted", r["PortsTargeted"], targeted)
    check(src + " DeviceVendor", r["DeviceVendor"], "Linux")
    check(src + " DeviceProduct", r["DeviceProduct"], "netfilter")
    first, last = epoch(r["FirstSeen"]), epoch(r["LastSeen"])
    if not t0 <= first <= last <= t1:
        bad.append("%s: seen %s..%s, outside the scans' %d..%d"
            % (src, r["FirstSeen"], r["LastSeen"], t0, t1))
    check(src + " TimeGenerated", epoch(r["TimeGenerated"]),
        t0 // binw * binw)
    check(src + " ScanDurationSeconds", int(r["ScanDurationSeconds"]),
        last - first)
    minutes = last // 60 - first // 60
    check(src + " AttemptsPerMinute", int(r["AttemptsPerMinute"]),
        total // max(minutes, 1))
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
EOF
echo "ok: port scan $c1 attempts on $NPORTS ports, sweep $c2 attempts on" \
    "$NSWEEP hosts"
