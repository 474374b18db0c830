#!/usr/bin/env bash
# End-to-end browser tests: starts a throw-away `scij serve` on a free loopback port with a
# fresh data directory and one admin account, then drives Debian's Chromium through
# playwright-core (resolved from web/node_modules) with node's built-in test runner.
#
#   tests/e2e/run.sh build/debug/scij        # what CTest runs (test e2e.browser)
#
# When the real public data is next to the repository (<repo>/../shared/data, or the folder
# named by SCIJ_SHARED_DATA), it is imported with `scij data import` before serving and the
# site-selection tests run on it; without it they are skipped with a message saying why.
#
# Environment: SCIJ_CHROMIUM overrides /usr/bin/chromium; SCIJ_E2E_KEEP=1 keeps the data
# directory and screenshots even when every test passes.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 path/to/scij" >&2
  exit 2
fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCIJ="$1"
case "$SCIJ" in /*) ;; *) SCIJ="$PWD/$SCIJ" ;; esac
DIST="$ROOT/web/dist"
CHROMIUM="${SCIJ_CHROMIUM:-/usr/bin/chromium}"

fail() {
  echo "e2e: $*" >&2
  exit 1
}

[ -x "$SCIJ" ] || fail "no executable scij at $SCIJ"
[ -x "$CHROMIUM" ] || fail "no Chromium at $CHROMIUM (scripts/install-deps installs Debian's chromium)"
[ -d "$ROOT/web/node_modules/playwright-core" ] ||
  fail "playwright-core is missing: run scripts/install-deps (npm ci in web/)"
if [ ! -f "$DIST/index.html" ]; then
  echo "e2e: web/dist is missing; building the front end"
  (cd "$ROOT/web" && npm run --silent build) || fail "front-end build failed"
fi

DIR="$(mktemp -d "${TMPDIR:-/tmp}/scij-e2e.XXXXXX")"
ARTIFACTS="$(mktemp -d "${TMPDIR:-/tmp}/scij-e2e-screenshots.XXXXXX")"
LOG="$DIR/server.log"
SERVER_PID=""
STATUS=1

cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if { [ "$STATUS" -ne 0 ] || [ "${SCIJ_E2E_KEEP:-0}" = 1 ]; } && [ -n "$(ls -A "$ARTIFACTS")" ]; then
    echo "e2e: screenshots kept in $ARTIFACTS" >&2
  else
    rm -rf "$ARTIFACTS"
  fi
  if [ "${SCIJ_E2E_KEEP:-0}" = 1 ]; then
    echo "e2e: data directory kept in $DIR" >&2
  else
    rm -rf "$DIR"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

print_log() {
  echo "---- scij server log (last ${1:-80} lines) ----" >&2
  tail -n "${1:-80}" "$LOG" >&2 || true
  echo "---- end of server log ----" >&2
}

# A free loopback port: bind port 0, read the port back, release it.
PORT="$(node -e '
  const s = require("net").createServer();
  s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')"
URL="http://127.0.0.1:$PORT"

ADMIN_USER="e2e-admin"
ADMIN_PASSWORD="e2e-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"

printf '%s' "$ADMIN_PASSWORD" |
  "$SCIJ" user add "$ADMIN_USER" --role admin --password-stdin --data-dir "$DIR" >"$DIR/user-add.log" 2>&1 ||
  { cat "$DIR/user-add.log" >&2; fail "scij user add failed"; }

# A student account for the role tests of the site-selection pages.
STUDENT_USER="e2e-student"
STUDENT_PASSWORD="e2e-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s' "$STUDENT_PASSWORD" |
  "$SCIJ" user add "$STUDENT_USER" --role student --password-stdin --data-dir "$DIR" >>"$DIR/user-add.log" 2>&1 ||
  { cat "$DIR/user-add.log" >&2; fail "scij user add (student) failed"; }

# The real public data (../shared/data beside the repository), imported before serving.
SHARED="${SCIJ_SHARED_DATA:-$(cd "$ROOT/.." && pwd)/shared/data}"
SITE_DATA=0
if [ -d "$SHARED/acs" ] && [ -d "$SHARED/geo" ] && [ -d "$SHARED/colleges" ]; then
  echo "e2e: importing the public data from $SHARED"
  import_started=$SECONDS
  if ! "$SCIJ" data import "$SHARED/acs" "$SHARED/geo" "$SHARED/colleges" --data-dir "$DIR" \
    >"$DIR/import.log" 2>&1; then
    tail -n 40 "$DIR/import.log" >&2
    fail "scij data import failed (log above)"
  fi
  tail -n 5 "$DIR/import.log"
  echo "e2e: data imported in $((SECONDS - import_started)) s"
  SITE_DATA=1
else
  echo "e2e: no public data at $SHARED: the site-selection tests that need it will be skipped"
fi

"$SCIJ" serve --data-dir "$DIR" --address 127.0.0.1 --port "$PORT" \
  --static-dir "$DIST" --allow-insecure-loopback >"$LOG" 2>&1 &
SERVER_PID=$!

deadline=$((SECONDS + 30))
until curl -fsS -o /dev/null --max-time 2 "$URL/api/health" 2>/dev/null; do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    print_log 200
    fail "scij serve exited before answering /api/health"
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    print_log 200
    fail "scij serve did not answer $URL/api/health within 30 s"
  fi
  sleep 0.2
done
echo "e2e: scij serve is up at $URL (pid $SERVER_PID)"

cd "$ROOT"
set +e
SCIJ_URL="$URL" SCIJ_ADMIN_USER="$ADMIN_USER" SCIJ_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  SCIJ_STUDENT_USER="$STUDENT_USER" SCIJ_STUDENT_PASSWORD="$STUDENT_PASSWORD" \
  SCIJ_E2E_SITE_DATA="$SITE_DATA" SCIJ_E2E_SHARED_DATA="$SHARED" \
  SCIJ_CHROMIUM="$CHROMIUM" SCIJ_E2E_ARTIFACTS="$ARTIFACTS" \
  node --test --test-concurrency=1 --test-reporter=spec tests/e2e/*.test.mjs
STATUS=$?
set -e

if [ "$STATUS" -ne 0 ]; then
  print_log 80
  echo "e2e: FAILED (exit $STATUS)" >&2
else
  echo "e2e: all browser tests passed"
fi
exit "$STATUS"
