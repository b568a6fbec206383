#!/bin/sh
# Regenerates the golden files of tests/golden/ with the independent oracle
# (tests/oracle/oracle.py), one run per row of tests/golden/MANIFEST.tsv.
#
#   sh tests/oracle/regen.sh            (from anywhere; SHARED may be set)
#
# Each corpus file is copied into a temporary folder and read there under
# its base name, so that the "file" column of the events does not depend on
# where the corpus lives.  A manifest path "repo:PATH" names a file of this
# repository (PATH from its top) instead of the shared corpus.  Rows of
# profile "default" write NAME.events.tsv and NAME.findings.csv; rows of
# profile "sentinel" write NAME.sentinel.findings.csv.  The manifest's
# options go to "detect" only.  A sixth column "extract" other than "-"
# (or none) names how tests/oracle/extract.sh takes the raw lines out of a
# wrapped file (Wazuh .ini tests, GCP test documents); the lines are then
# read as NAME-without-extension.log.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${SHARED:-$top/../shared}
golden="$top/tests/golden"
oracle="$top/tests/oracle/oracle.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
tab=$(printf '\t')

tail -n +2 "$golden/MANIFEST.tsv" |
while IFS=$tab read -r corpus ref tz profile options extract; do
	name=$(basename "$corpus")
	case $corpus in
	repo:*)	src="$top/${corpus#repo:}" ;;
	*)	src="$SHARED/corpus/$corpus" ;;
	esac
	in=$name
	case ${extract:--} in
	-)	cp "$src" "$tmp/$in" ;;
	*)	in=${name%.*}.log
		sh "$top/tests/oracle/extract.sh" "$extract" "$src" "$tmp/$in" ;;
	esac
	[ "$options" = "-" ] && options=""
	if [ "$profile" = "default" ]; then
		(cd "$tmp" && python3 "$oracle" events --tz "$tz" \
		    --ref-time "$ref" "$in") >"$golden/$name.events.tsv"
		out="$golden/$name.findings.csv"
	else
		out="$golden/$name.$profile.findings.csv"
	fi
	# shellcheck disable=SC2086
	(cd "$tmp" && python3 "$oracle" detect --tz "$tz" --ref-time "$ref" \
	    --profile "$profile" $options "$in") >"$out"
	rm -f "$tmp/$in"
done
