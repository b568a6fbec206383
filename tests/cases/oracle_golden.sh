#!/bin/sh
# The independent oracle (tests/oracle/oracle.py) still reproduces every
# golden file listed in tests/golden/MANIFEST.tsv, byte for byte.  Guards
# the golden files against drift of the oracle or of the corpus.
# A manifest path "repo:PATH" names a file of this repository (PATH from
# its top) instead of the shared corpus.  A sixth column "extract" names
# how tests/oracle/extract.sh takes the raw lines out of a wrapped file;
# they are read as NAME-without-extension.log.
set -u
TESTDIR=${TESTDIR:-$(cd "$(dirname "$0")/.." && pwd)}
SHARED=${SHARED:-$TESTDIR/../../shared}
command -v python3 >/dev/null 2>&1 || { echo "python3 not found"; exit 77; }
[ -d "$SHARED/corpus" ] || { echo "no corpus in $SHARED"; exit 77; }
golden="$TESTDIR/golden"
oracle="$TESTDIR/oracle/oracle.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
tab=$(printf '\t')
status=0

check() {	# expected actual
	if ! diff -u "$1" "$2" >"$tmp/diff" 2>&1; then
		echo "oracle output differs from $1:"
		head -n 40 "$tmp/diff"
		status=1
	fi
}

tail -n +2 "$golden/MANIFEST.tsv" >"$tmp/manifest"
while IFS=$tab read -r corpus ref tz profile options extract; do
	name=$(basename "$corpus")
	mkdir -p "$tmp/in"
	case $corpus in
	repo:*)	src="$TESTDIR/../${corpus#repo:}" ;;
	*)	src="$SHARED/corpus/$corpus" ;;
	esac
	in=$name
	case ${extract:--} in
	-)	cp "$src" "$tmp/in/$in" ;;
	*)	in=${name%.*}.log
		sh "$TESTDIR/oracle/extract.sh" "$extract" "$src" \
		    "$tmp/in/$in" || { status=1; continue; } ;;
	esac
	[ "$options" = "-" ] && options=""
	if [ "$profile" = "default" ]; then
		(cd "$tmp/in" && python3 "$oracle" events --tz "$tz" \
		    --ref-time "$ref" "$in") >"$tmp/out" 2>&1
		check "$golden/$name.events.tsv" "$tmp/out"
		want="$golden/$name.findings.csv"
	else
		want="$golden/$name.$profile.findings.csv"
	fi
	# shellcheck disable=SC2086
	(cd "$tmp/in" && python3 "$oracle" detect --tz "$tz" \
	    --ref-time "$ref" --profile "$profile" $options "$in") \
	    >"$tmp/out" 2>&1
	check "$want" "$tmp/out"
	rm -f "$tmp/in/$in"
done <"$tmp/manifest"
exit $status
