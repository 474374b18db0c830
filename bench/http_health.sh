#!/usr/bin/env bash
# Load test of GET /api/health against a release build: wrk with 64 connections for 10 s, plus
# the server's resident memory at rest (after start-up, before load) and after the load.
#   bench/http_health.sh [path/to/scij]      (default: build/release/scij; `make release` first)
#   PUBLIC_DATA=../shared/data bench/http_health.sh   also imports the public data first, so the
#                                                      resident memory includes the national snapshot
# Reports requests/second and the latency percentiles wrk measured. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
SCIJ=${1:-build/release/scij}
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
command -v wrk >/dev/null || { echo "wrk is not installed (scripts/install-deps installs it)"; exit 1; }
[ -x "$SCIJ" ] || { echo "no binary at $SCIJ: run make release"; exit 1; }

dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
if [ -n "${PUBLIC_DATA:-}" ]; then
  "$SCIJ" data import "$PUBLIC_DATA" --data-dir "$dir/var" >/dev/null
  echo "imported the public data in $PUBLIC_DATA"
fi
# The access log stays on (info level), as in production; it goes to /dev/null here.
"$SCIJ" serve --data-dir "$dir/var" --port "$port" >"$dir/out" 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break
  sleep 0.1
done
sleep 1
rss_rest=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
echo "server: $SCIJ (pid $pid), $(nproc) cores; resident memory at rest: $((rss_rest / 1024)) MiB (${rss_rest} KiB)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$port/api/health" | tee "$dir/wrk"
rss_after=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
rps=$(awk '/Requests\/sec/ {print $2}' "$dir/wrk")
p99=$(awk '$1=="99%" {print $2}' "$dir/wrk")
echo "summary: ${rps} requests/s, p99 ${p99}, ${CONNECTIONS} connections, ${DURATION}; RSS at rest $((rss_rest / 1024)) MiB, after load $((rss_after / 1024)) MiB"
