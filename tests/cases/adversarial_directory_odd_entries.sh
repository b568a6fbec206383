#!/bin/sh
# A directory holding things that are not readable logs: a FIFO (must be
# passed over, not waited on), a socket, a dangling symbolic link, a
# symbolic link to a directory, and (when not run as root, for whom chmod
# does not stop reading) a file without read permission.  Only regular
# files are read from a directory; what is passed over is listed in the
# summary; what cannot be opened is named on standard error (also with
# -q), the rest is read and reported, and the status is 3.
#
# logs/ in name order: a.log (203.0.113.50 probes ports 21..30 of
# 192.0.2.10, 10:06:01..10), dangling -> nowhere, fifo, link -> sub,
# sock, sub/b.log (203.0.113.51 probes ports 1..10, 10:07:01..10),
# [unreadable.log].
# By hand: 2 inputs read, 20 lines, 20 events; "not a regular file: not
# read: 2 (logs/fifo, logs/sock)", "symbolic link to a directory: not
# followed: 1 (logs/link)", "input could not be read" for logs/dangling
# (No such file or directory) [and logs/unreadable.log (Permission
# denied)]; two Port Scans; status 3.
. "$TESTDIR/cases/include/lib.sh"
command -v mkfifo >/dev/null 2>&1 || { echo "mkfifo is not installed"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "python3 is not installed"; exit 77; }
N='gw kernel: FW-DROP IN=eth0 OUT= PROTO=TCP SPT=40000'
scan() {	# SRC MINUTE FIRST-PORT
	for i in 1 2 3 4 5 6 7 8 9 10; do
		printf '2026-03-01T10:%s:%02dZ %s SRC=%s DST=192.0.2.10 DPT=%d\n' \
		    $2 $i "$N" $1 $(($3 + i - 1))
	done
}
mkdir -p "$T/logs/sub"
scan 203.0.113.50 06 21 >"$T/logs/a.log"
scan 203.0.113.51 07 1 >"$T/logs/sub/b.log"
ln -s "$T/nowhere" "$T/logs/dangling"
ln -s sub "$T/logs/link"
mkfifo "$T/logs/fifo"
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' \
    "$T/logs/sock" || { echo "cannot make a socket"; exit 1; }
failed=1
if [ "$(id -u)" -ne 0 ]; then
	printf 'secret\n' >"$T/logs/unreadable.log"
	chmod 000 "$T/logs/unreadable.log"
	failed=2
fi
to=
command -v timeout >/dev/null 2>&1 && to="timeout 60"

run $to "$SCANSPOT" detect --output csv --tz UTC -q logs
[ "$RC" -eq 124 ] && fail "hung (on the FIFO?)"
expect_csv "both scans" <<'END'
2026-03-01T10:05:00Z,203.0.113.50,Port Scan,10,1,10,10,"[21,22,23,24,25,26,27,28,29,30]",9,2026-03-01T10:06:01.000Z,2026-03-01T10:06:10.000Z,Linux,netfilter
2026-03-01T10:05:00Z,203.0.113.51,Port Scan,10,1,10,10,"[1,2,3,4,5,6,7,8,9,10]",9,2026-03-01T10:07:01.000Z,2026-03-01T10:07:10.000Z,Linux,netfilter
END
expect_rc 3 "detect"
expect_err_has "scanspot: logs/dangling: No such file or directory" \
    "the dangling link, with -q"

run $to "$SCANSPOT" detect --output csv --tz UTC logs
expect_err_has "scanspot: 2 inputs ($failed more could not be read), 20 lines," \
    "first summary line"
expect_err_has ", 20 events" "events"
expect_err_has "    not a regular file: not read: 2 (logs/fifo, logs/sock)" \
    "the FIFO and the socket"
expect_err_has "    symbolic link to a directory: not followed: 1 (logs/link)" \
    "the link to a directory"
if [ $failed -eq 1 ]; then
	expect_err_has "    input could not be read: 1 (logs/dangling: No such file or directory)" \
	    "the dangling link in the summary"
else
	expect_err_has "    input could not be read: 2 (logs/dangling: No such file or directory, logs/unreadable.log: Permission denied)" \
	    "the dangling link and the unreadable file in the summary"
fi
finish
