#!/bin/sh
# Installs the Debian packages scanspot needs to build and test, if any are
# missing.  Run as root, or with sudo available.
set -eu

build="gcc make pkg-config libjansson-dev libzstd-dev zlib1g-dev \
libinih-dev libcmocka-dev"
tests="python3 nftables ulogd2 nmap iproute2 zstd gzip groff-base time \
clang libclang-rt-dev valgrind strace"

missing=""
for p in $build $tests; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
	    grep -q '^install ok installed$' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "installing:$missing" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
