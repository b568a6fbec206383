#!/bin/sh
# Extracts the raw log lines of a wrapped corpus file, for the golden tests
# (tests/oracle/regen.sh, tests/cases/golden_corpus.sh and
# tests/cases/oracle_golden.sh run it alike, as the manifest's "extract"
# column says):
#
#   sh extract.sh KIND IN OUT
#
# KIND "wazuh": a Wazuh ruleset test file (.ini) carries each raw line as
# "log N pass = RAW" or "log N fail = RAW"; OUT gets the RAW lines, in
# order, and nothing else.
# KIND "gcp-events": a document {"events":[{"json":ENTRY},...]}; OUT gets
# each ENTRY as one line of compact JSON, keys in their order.
set -eu
[ $# -eq 3 ] || { echo "usage: extract.sh KIND IN OUT" >&2; exit 2; }
case $1 in
wazuh)
	sed -n -e 's/^log [0-9][0-9]* pass = //p' \
	    -e 's/^log [0-9][0-9]* fail = //p' "$2" >"$3"
	;;
gcp-events)
	python3 -c '
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    doc = json.load(f)
with open(sys.argv[2], "w", encoding="utf-8", newline="\n") as out:
    for e in doc["events"]:
        out.write(json.dumps(e["json"], separators=(",", ":")) + "\n")
' "$2" "$3"
	;;
*)
	echo "extract.sh: unknown kind $1" >&2
	exit 2
	;;
esac
