#!/bin/sh
# scanspot reproduces the golden files of tests/golden/ on the shared
# corpus: the events (scanspot events) and the findings (scanspot detect
# --output csv) of every row of tests/golden/MANIFEST.tsv.  The expected
# files come from the independent oracle, never from scanspot.
#
# Each corpus file is copied into a temporary folder and its modification
# time set to the manifest's reference time, the reference of year-less
# syslog times; scanspot reads it there under its base name.  detect runs
# twice: as is, and with the file read in small pieces by several threads.
# A manifest path "repo:PATH" names a file of this repository (PATH from
# its top) instead of the shared corpus.  A sixth column "extract" names
# how tests/oracle/extract.sh takes the raw lines out of a wrapped file
# (as the oracle's run does); they are read as NAME-without-extension.log.
set -u
TESTDIR=${TESTDIR:-$(cd "$(dirname "$0")/.." && pwd)}
SHARED=${SHARED:-$TESTDIR/../../shared}
SCANSPOT=${SCANSPOT:-$TESTDIR/../scanspot}
[ -d "$SHARED/corpus" ] || { echo "no corpus in $SHARED"; exit 77; }
[ -x "$SCANSPOT" ] || { echo "$SCANSPOT is not built"; exit 1; }
golden="$TESTDIR/golden"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
tab=$(printf '\t')
status=0

check() {	# expected actual command
	if ! diff -u "$1" "$2" >"$tmp/diff" 2>&1; then
		echo "FAIL: $3"
		head -n 40 "$tmp/diff"
		if [ -s "$tmp/err" ]; then
			echo "standard error:"
			head -n 10 "$tmp/err"
		fi
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
	chmod u+w "$tmp/in/$in"
	touch -d "$ref" "$tmp/in/$in"
	[ "$options" = "-" ] && options=""
	[ "$profile" = "default" ] || options="--profile $profile $options"
	if [ "$profile" = "default" ]; then
		(cd "$tmp/in" && "$SCANSPOT" events --tz "$tz" "$in") \
		    >"$tmp/out" 2>"$tmp/err"
		check "$golden/$name.events.tsv" "$tmp/out" \
		    "scanspot events --tz $tz $corpus"
		want="$golden/$name.findings.csv"
	else
		want="$golden/$name.$profile.findings.csv"
	fi
	# shellcheck disable=SC2086
	(cd "$tmp/in" && "$SCANSPOT" detect --output csv --tz "$tz" \
	    $options "$in") >"$tmp/out" 2>"$tmp/err"
	check "$want" "$tmp/out" \
	    "scanspot detect --output csv --tz $tz $options $corpus"
	# the same file cut into pieces of a few lines, read by sixteen
	# threads: every piece that depended on the one before it (a
	# year-less time, an untimed record, a record spanning lines) must
	# have been read again
	# shellcheck disable=SC2086
	(cd "$tmp/in" && "$SCANSPOT" detect --output csv --tz "$tz" \
	    -j 16 --piece-size 1 $options "$in") >"$tmp/out" 2>"$tmp/err"
	check "$want" "$tmp/out" \
	    "scanspot detect -j 16 --piece-size 1 --tz $tz $options $corpus"
	rm -f "$tmp/in/$in"
done <"$tmp/manifest"
exit $status
