#!/bin/bash
# What a new user waits for: on a fresh clone of the repository, `make site`, then
# `strategy-site serve` until its first answer over HTTP.
#
#     bash bench/first_build.sh [REPOSITORY]     # default: this checkout (its committed HEAD)
#
# Prints the wall time and CPU time (user + system, the compiler processes included) of
# `make site`, then the wall time from starting `serve --port 0` to the first HTTP answer,
# with the load average before each, as the machine may be shared. The clone is removed
# afterwards. Packages come from SwiftPM's cache, so no download time is counted.
set -eu
repository=$(cd "${1:-$(dirname "$0")/..}" && pwd)
clone=$(mktemp -d)
trap 'kill "$server" 2>/dev/null; rm -rf "$clone"' EXIT
server=
git clone -q "$repository" "$clone"
cd "$clone"
echo "fresh clone of $(git log --oneline -1)"
echo "load before make site: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
/usr/bin/env time -f 'make site: %e s wall, %U s user + %S s system' make site > make.log 2> make.err || {
    tail -20 make.err; exit 1; }
tail -1 make.err
echo "load before serve: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
start=$(date +%s%N)
.build/release/strategy-site serve --port 0 > serve.out 2> serve.err &
server=$!
port=
until [ -n "$port" ]; do
    kill -0 "$server" 2>/dev/null || { echo "serve exited:"; tail -20 serve.err; exit 1; }
    sleep 0.1
    port=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' serve.out | head -1 | sed 's/.*:\([0-9]*\)\//\1/')
done
status=$(python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1]).status)' "http://127.0.0.1:$port/")
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
echo "serve: answered $status after $((elapsed / 1000)).$(printf '%03d' $((elapsed % 1000))) s"
kill -INT "$server"
wait "$server" || true
server=
