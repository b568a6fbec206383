#!/bin/sh
# The manual page man/scanspot.1 renders without a single groff warning,
# and names every option that `scanspot detect --help` lists, so that the
# page and the program cannot drift apart unnoticed.
# Skipped (77) when groff is not installed.
set -u
TESTDIR=${TESTDIR:-$(cd "$(dirname "$0")/.." && pwd)}
SCANSPOT=${SCANSPOT:-$TESTDIR/../scanspot}
page=$TESTDIR/../man/scanspot.1
status=0

if ! command -v groff >/dev/null 2>&1; then
	echo "groff is not installed"
	exit 77
fi
[ -f "$page" ] || { echo "$page is missing"; exit 1; }

err=$(groff -man -Tutf8 -ww "$page" 2>&1 >/dev/null)
rc=$?
if [ "$rc" -ne 0 ] || [ -n "$err" ]; then
	echo "groff -man -Tutf8 -ww: exit status $rc"
	printf '%s\n' "$err"
	status=1
fi

if [ -x "$SCANSPOT" ]; then
	opts=$("$SCANSPOT" detect --help |
	    grep -o -e '--[a-z][a-z-]*' | sort -u)
	for o in $opts; do
		esc=$(printf '%s' "$o" | sed 's/-/\\-/g')
		if ! grep -q -F -e "$esc" "$page"; then
			echo "option $o is not in the manual page"
			status=1
		fi
	done
fi
exit $status
