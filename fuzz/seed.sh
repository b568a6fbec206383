#!/bin/sh
# Builds the seed corpora of the fuzz targets into OUT (default
# build/fuzz/seeds), one folder per target, from the public log samples
# (SHARED/corpus), the test data, the benchmark samples and the examples.
#
#   fuzz/seed.sh [OUT]
#
# A sample file gives its first 64 KiB whole, and pieces of a few lines,
# each led by the file's first lines so that formats whose header names
# the fields (Zeek, W3C, VPC flow, CSV exports) still see it.  Missing
# sample folders are passed over; the committed seeds in fuzz/corpus/NAME
# are read by the fuzzers directly.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out="${1:-$top/build/fuzz/seeds}"
shared="${SHARED:-$top/../shared}"
sc="$shared/corpus"
data="$top/tests/cases/data"
bench="$top/bench/samples"

HEAD_LINES=8
PIECE_LINES=10
PIECES_MAX=60

# seed_file TARGET FILE: whole head and line pieces of FILE into TARGET.
seed_file() {
	[ -f "$2" ] || return 0
	d="$out/$1"
	base=$(basename "$2" | tr -c 'A-Za-z0-9._\n-' '_')
	mkdir -p "$d"
	head -c 65536 "$2" >"$d/$base.whole"
	awk -v h="$HEAD_LINES" -v n="$PIECE_LINES" -v max="$PIECES_MAX" \
	    -v out="$d/$base" '
		NR <= h { head = head $0 "\n"; next }
		{
			i = int((NR - h - 1) / n)
			if (i >= max)
				exit
			f = out "." i
			if (!(f in seen)) {
				if (prev != "")
					close(prev)
				seen[f] = 1
				prev = f
				printf "%s", head >f
			}
			print >f
		}' "$2"
}

# seed TARGET FILE...: every existing FILE (globs that matched nothing are
# left as they are and passed over).
seed() {
	t=$1
	shift
	for f in "$@"; do
		seed_file "$t" "$f"
	done
}

rm -rf "$out"
mkdir -p "$out"

seed parse_cef "$sc"/cef/*.log "$data"/*cef* "$data"/worked_example.cef \
    "$bench"/cef.log "$top"/examples/edge-fw.cef.log
seed parse_leef "$bench"/leef.log "$data"/panos_leef_checkpoint_mixed.log
seed parse_asa "$sc"/cisco_asa/* "$data"/asa_mixed.log "$bench"/asa.log
seed parse_filterlog "$sc"/pf_filterlog/*.log "$data"/filterlog_*.log \
    "$bench"/filterlog.log
seed parse_fortigate "$sc"/fortigate/*.ini "$data"/fortigate_mixed.log \
    "$bench"/fortigate.log
seed parse_panos "$sc"/panos/*.log "$data"/panos_leef_checkpoint_mixed.log \
    "$bench"/panos.log
seed parse_checkpoint "$sc"/other_firewalls/*checkpoint* \
    "$data"/panos_leef_checkpoint_mixed.log "$bench"/checkpoint.log
seed parse_srx "$sc"/other_firewalls/*juniper* "$data"/srx_*.log \
    "$bench"/srx.log
seed parse_sophos "$sc"/other_firewalls/*sophos* "$data"/sophos_mixed.log \
    "$bench"/sophos.log
seed parse_mikrotik "$sc"/other_firewalls/*mikrotik* \
    "$data"/mikrotik_mixed.log "$bench"/mikrotik.log
seed parse_netfilter "$sc"/iptables/*.log "$data"/*netfilter* \
    "$data"/pitfall_b0*.log "$bench"/netfilter.log
seed parse_fast "$sc"/snort/*.log "$sc"/suricata/*fastlog* \
    "$data"/fast_eve_mixed.log "$bench"/fast.log
seed parse_eve "$sc"/suricata/*.json "$data"/fast_eve_mixed.log \
    "$bench"/eve.log
seed parse_gcp_firewall "$sc"/cloud_flow/*gcp* "$bench"/gcp-firewall.log
seed parse_pflog "$data"/pflog_sweep.log "$bench"/pflog.log
seed parse_csl "$sc"/cef/*CommonSecurityLog* "$data"/*.csv "$data"/*.json \
    "$top"/examples/CommonSecurityLog.csv
seed parse_vpcflow "$sc"/cloud_flow/*vpcflow* "$data"/*vpcflow* \
    "$bench"/vpcflow.log
seed parse_nsgflow "$sc"/cloud_flow/*nsg* "$data"/*nsgflow* \
    "$bench"/nsgflow.log
seed parse_winfw "$data"/*winfw* "$bench"/winfw.log
seed parse_zeek "$sc"/zeek/* "$data"/*zeek* "$bench"/zeek.log

# The detector and the stream read whole files, compressed ones too.
for d in "$out"/parse_*; do
	mkdir -p "$out/detect"
	for f in "$d"/*.whole; do
		[ -f "$f" ] && cp "$f" "$out/detect/$(basename "$d")_$(basename "$f")"
	done
done
cp "$top"/examples/kern.log.gz "$out/detect/kern.log.gz"
if command -v zstd >/dev/null 2>&1; then
	head -n 20 "$top"/examples/edge-fw.cef.log |
	    zstd -q -c >"$out/detect/edge-fw.cef.log.zst"
fi
head -n 20 "$top"/examples/edge-fw.cef.log | gzip -c >"$out/detect/cef.gz"
echo "seeds in $out: $(find "$out" -type f | wc -l) files"
