#!/bin/sh
# The parsers run once per line, and an x86-64 `rep stos` or `rep movs`
# (what gcc's generic tuning makes of a fixed-size memset or struct copy
# of a few hundred bytes) costs more to start than a parser's work on a
# short line: the Makefile asks gcc for vector stores and copies instead.
# This checks the built program: no such instruction may come from a line
# of src/parse/.  Skipped (77) off x86-64, without objdump, or for a program
# built without line information.
set -u
TESTDIR=${TESTDIR:-$(cd "$(dirname "$0")/.." && pwd)}
SCANSPOT=${SCANSPOT:-$TESTDIR/../scanspot}

[ -x "$SCANSPOT" ] || { echo "$SCANSPOT is not built"; exit 1; }
command -v objdump >/dev/null 2>&1 || { echo "no objdump"; exit 77; }
case $(uname -m) in
x86_64) ;;
*) echo "not x86-64"; exit 77 ;;
esac

# Each instruction comes after the source line it was made from; keep the
# last line named and report the string instructions under a line of this
# repository's src/parse/ (a checkout whose own path holds "/src/parse/"
# must not match every file).
parse=$(cd "$TESTDIR/../src/parse" && pwd)/
found=$(objdump -d -l --no-show-raw-insn "$SCANSPOT" 2>/dev/null |
    awk -v parse="$parse" '
	/^\/.*:[0-9]+/ { where = $1; lines++; next }
	/^[0-9a-f]+ <.*>:$/ { fn = $2; where = ""; next }
	/\trep(z|nz)? *(stos|movs)/ && index(where, parse) == 1 {
		print fn, where, $0
	}
	END { if (lines == 0) print "NOLINES" }')
if [ "$found" = NOLINES ]; then
	echo "the program has no line information"
	exit 77
fi
if [ -n "$found" ]; then
	echo "string instructions on a parser's path:"
	echo "$found"
	exit 1
fi
exit 0
