#!/usr/bin/env bash
# bench/postgis: the engine's national reach screen against the same computation in PostGIS, on
# the real public data, with every school's figure checked (issue 3, "Performance").
#
#   bench/postgis/run.sh [--export PATH] [--data DIR] [--radius MILES] [--runs N] [--engine-runs N] [--keep]
#
#   --export PATH     a built postgis_export (default: build it into build/release with
#                     `cmake --preset release` and `cmake --build --preset release --target postgis_export`)
#   --data DIR        public data root holding acs/, geo/, colleges/ (default: the build's
#                     SCIJ_SHARED_DATA_DIR, ../shared/data next to the repository)
#   --radius MILES    reach radius (default 25)
#   --runs N          timed PostGIS runs after one warm-up (default 5); best and median are shown
#   --engine-runs N   timed RunScreen runs after one warm-up (default 51); the median is shown
#   --keep            keep the temporary directory (CSVs, server log), stopped, for inspection
#
# What it does, all in one run:
#   1. Checks for PostgreSQL 15 and PostGIS 3 (Debian packages postgresql-15 and
#      postgresql-15-postgis-3; PG_BIN overrides /usr/lib/postgresql/15/bin). When missing it
#      installs them with apt-get as root, else prints the command and stops.
#   2. postgis_export loads DATA/{acs,geo,colleges} as the product does, builds the ScreenIndex,
#      times RunScreen (one thread; all three area figures, Q2 and Q3 of every institution) and
#      writes the disk-model counties, the campuses and the engine's reach figures as CSV.
#   3. Starts a throwaway cluster: initdb into a temporary directory, unix socket in that
#      directory only (listen_addresses = '', no TCP port is opened), as user postgres when run
#      as root (PostgreSQL refuses to run as root). It is stopped and removed on exit, also on
#      errors and Ctrl-C.
#   4. load.sql: CREATE EXTENSION postgis, \copy of the CSVs into geography columns on the engine's
#      sphere (the Earth radius is the engine's kEarthRadiusMiles, read from postgis_export), GiST
#      indexes. reach.sql: the reach of every institution with ST_DWithin on the index and the
#      exact circle-circle intersection, as geo.cpp computes it.
#   5. Times the national query with EXPLAIN (ANALYZE, TIMING OFF): planning + execution time in
#      the server, one backend, no parallel workers (the engine uses one thread), JIT off.
#   6. Checks that PostGIS distances are the engine's (every county-school pair in reach against
#      geo.cpp's haversine with kEarthRadiusMiles, in SQL), then compares every school's figure with
#      the engine's: equal when both are missing, or when |engine - PostGIS| <= max(0.5 person,
#      1e-6 * |engine|). The figures are sums of the same terms, but in a different order (the
#      engine adds counties nearest-edge first, PostgreSQL in index-scan order) and with distances
#      from different, equivalent formulas (engine: chord of unit vectors; PostGIS: its own
#      spherical formula), so they agree to rounding (about 1e-12 relative; the largest difference
#      is printed), not bit for bit. Half a person is far above that rounding and below any
#      modelling difference worth the name (a county left out or counted twice, a wrong radius or
#      Earth radius all move figures by persons or more).
#
# Output: the setup steps, the query plan, then
#   engine 2.11 ms, PostGIS 527.8 ms, ratio 250x; 6,163 schools compared, 0 differ
# Exit status: 0 all figures equal (also: public data absent, skipped with a message);
#              1 some figures differ (examples are printed); 2 setup failed.
# Environment: PG_BIN (PostgreSQL binaries), SCIJ_BUILD_JOBS (build parallelism, default 2), TMPDIR.
# Not part of `make test`: run it on demand, on an otherwise idle machine (both sides are timed in
# the same run, so load on the machine shows in the spread of the PostGIS runs).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/bench/postgis"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
BUILD_JOBS="${SCIJ_BUILD_JOBS:-2}"
SRID=990001  # a user SRID for the engine's sphere (load.sql)

EXPORT=""
DATA_DIR=""
RADIUS=25
RUNS=5
ENGINE_RUNS=51
KEEP=0

say() { printf 'postgis: %s\n' "$*"; }
die() {
  printf 'postgis: error: %s\n' "$*" >&2
  exit 2
}
thousands() { printf '%s' "$1" | sed -e ':a' -e 's/\B[0-9]\{3\}\>/,&/' -e 'ta'; }
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --export) EXPORT="${2:?--export needs a path}"; shift 2 ;;
    --data) DATA_DIR="${2:?--data needs a directory}"; shift 2 ;;
    --radius) RADIUS="${2:?--radius needs miles}"; shift 2 ;;
    --runs) RUNS="${2:?--runs needs a count}"; shift 2 ;;
    --engine-runs) ENGINE_RUNS="${2:?--engine-runs needs a count}"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
[[ "$RADIUS" =~ ^[0-9]+([.][0-9]+)?$ ]] || die "--radius must be a number of miles, got '$RADIUS'"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer, got '$RUNS'"
[[ "$ENGINE_RUNS" =~ ^[1-9][0-9]*$ ]] || die "--engine-runs must be a positive integer, got '$ENGINE_RUNS'"

# --- 1. PostgreSQL 15 + PostGIS -------------------------------------------------------------------
have_postgis() {
  [[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" && -x "$PG_BIN/postgres" && -x "$PG_BIN/psql" ]] &&
    [[ -f "$("$PG_BIN/pg_config" --sharedir 2>/dev/null || echo /usr/share/postgresql/15)/extension/postgis.control" ]]
}
if ! have_postgis; then
  install_cmd="apt-get install -y postgresql-15 postgresql-15-postgis-3"
  if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
    say "PostgreSQL 15 / PostGIS not found in $PG_BIN: running '$install_cmd'"
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql-15 postgresql-15-postgis-3 >/dev/null ||
      die "'$install_cmd' failed (try 'apt-get update' first)"
    have_postgis || die "PostgreSQL 15 / PostGIS still not found in $PG_BIN after installing"
  else
    die "PostgreSQL 15 with PostGIS is needed (looked in $PG_BIN; set PG_BIN to override). Install: sudo $install_cmd"
  fi
fi
say "$("$PG_BIN/postgres" --version), PostGIS $(sed -n "s/^default_version = '\(.*\)'/\1/p" \
  "$("$PG_BIN/pg_config" --sharedir)/extension/postgis.control")"

# PostgreSQL refuses to run as root: as root, the server runs as user postgres.
SERVER_AS=()
if [[ $EUID -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || die "running as root, but there is no user 'postgres' to run the server as"
  command -v runuser >/dev/null || die "running as root, but runuser (util-linux) is missing"
  SERVER_AS=(runuser -u postgres --)
fi

# --- 2. The engine's side -------------------------------------------------------------------------
if [[ -z "$EXPORT" ]]; then
  say "building postgis_export (release preset, -j$BUILD_JOBS) ..."
  (cd "$ROOT" && cmake --preset release >/dev/null &&
    cmake --build --preset release --target postgis_export --parallel "$BUILD_JOBS" >/dev/null) ||
    die "building postgis_export failed; run: cd $ROOT && cmake --preset release && cmake --build --preset release --target postgis_export"
  EXPORT="$ROOT/build/release/bench/postgis_export"
fi
[[ -x "$EXPORT" ]] || die "postgis_export not found or not executable: $EXPORT"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/scij-postgis.XXXXXX")"
SERVER_DIR="$WORK/server"  # owned by the server's user: data directory, socket, log
PGDATA="$SERVER_DIR/pgdata"
SOCK="$SERVER_DIR/socket"
SERVER_LOG="$SERVER_DIR/postgres.log"
SERVER_STARTED=0
cleanup() {
  local status=$?
  if [[ $SERVER_STARTED -eq 1 ]]; then
    "${SERVER_AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 ||
      printf 'postgis: warning: stopping the server in %s failed\n' "$PGDATA" >&2
  fi
  if [[ $KEEP -eq 1 ]]; then
    printf 'postgis: kept %s (CSVs in csv/, server log in server/postgres.log)\n' "$WORK" >&2
  else
    rm -rf "$WORK"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "engine: loading the public data, timing RunScreen (r = $RADIUS mi, $ENGINE_RUNS runs, one thread) ..."
export_args=(--out "$WORK/csv" --radius "$RADIUS" --runs "$ENGINE_RUNS")
[[ -n "$DATA_DIR" ]] && export_args+=(--data "$DATA_DIR")
set +e
"$EXPORT" "${export_args[@]}"
export_status=$?
set -e
if [[ $export_status -eq 77 ]]; then
  say "SKIPPED: the real public data is not available (see the message above); nothing was compared"
  exit 0
fi
[[ $export_status -eq 0 ]] || die "postgis_export failed (exit $export_status)"

engine_value() { sed -n "s/^$1=//p" "$WORK/csv/engine.txt"; }
ENGINE_MS="$(engine_value median_ms)"
EARTH_RADIUS_MILES="$(engine_value earth_radius_miles)"
REACH_MODEL="$(engine_value reach_model)"
EARTH_RADIUS_M="$(awk -v r="$EARTH_RADIUS_MILES" 'BEGIN { printf "%.17g", r * 1609.344 }')"
[[ "$REACH_MODEL" == "county disk model" ]] ||
  die "the snapshot's reach model is '$REACH_MODEL'; this benchmark reproduces the county disk model only"

# --- 3. Throwaway cluster -------------------------------------------------------------------------
mkdir -p "$SOCK"
chmod 755 "$WORK"
if [[ $EUID -eq 0 ]]; then chown -R postgres: "$SERVER_DIR"; fi
PORT=$((20000 + RANDOM % 40000))  # names the socket file only: no TCP port is opened
"${SERVER_AS[@]}" "$PG_BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C >"$WORK/initdb.log" 2>&1 ||
  die "initdb failed: $(tail -5 "$WORK/initdb.log")"
# A disposable benchmark database: durability off for the load; the query is read-only in memory.
cat >>"$PGDATA/postgresql.conf" <<EOF

# bench/postgis
listen_addresses = ''
unix_socket_directories = '$SOCK'
port = $PORT
shared_buffers = 256MB
work_mem = 64MB
fsync = off
synchronous_commit = off
full_page_writes = off
max_parallel_workers_per_gather = 0
jit = off
EOF
"${SERVER_AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$SERVER_LOG" -w -t 60 start >/dev/null ||
  die "the server did not start: $(tail -5 "$SERVER_LOG" 2>/dev/null)"
SERVER_STARTED=1
say "throwaway cluster in $PGDATA (unix socket only, port $PORT)"

PSQL=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCK" -p "$PORT" -U postgres -d postgres)

# --- 4. Load and define the query -----------------------------------------------------------------
say "loading the CSVs into PostGIS, building GiST indexes ..."
"${PSQL[@]}" -v csv_dir="$WORK/csv" -v srid="$SRID" -v earth_radius_m="$EARTH_RADIUS_M" -f "$HERE/load.sql" ||
  die "loading into PostGIS failed"
"${PSQL[@]}" -v radius="$RADIUS" -f "$HERE/reach.sql" || die "defining the reach query failed"
read -r N_COUNTIES N_SCHOOLS < <("${PSQL[@]}" -At -F ' ' -c \
  "SELECT (SELECT count(*) FROM counties), (SELECT count(*) FROM institutions)")
say "loaded $N_COUNTIES disk-model counties, $N_SCHOOLS institutions; sphere R = $EARTH_RADIUS_MILES mi = $EARTH_RADIUS_M m"

PLAN="$("${PSQL[@]}" -At -c "EXPLAIN (COSTS OFF) SELECT * FROM postgis_reach")"
say "query plan:"
while IFS= read -r line; do printf '    %s\n' "$line"; done <<<"$PLAN"
grep -q 'Index Scan using institutions_geog_idx\|Index Cond: (geog && ' <<<"$PLAN" ||
  printf 'postgis: warning: the plan does not use the GiST index\n' >&2

# --- 5. Time the national query -------------------------------------------------------------------
time_query() {
  "${PSQL[@]}" -At -c "EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON) SELECT * FROM postgis_reach" |
    awk '/^Planning Time:/ { p = $3 } /^Execution Time:/ { e = $3 } END { printf "%.3f\n", p + e }'
}
say "PostGIS: timing the national query ($RUNS run(s) after a warm-up) ..."
time_query >/dev/null
pg_times=()
for ((i = 0; i < RUNS; ++i)); do pg_times+=("$(time_query)"); done
read -r PG_BEST PG_MEDIAN < <(printf '%s\n' "${pg_times[@]}" | sort -g |
  awk '{ t[NR] = $1 } END { m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; print t[1], m }')
say "PostGIS runs (ms): ${pg_times[*]}"

# --- 6. Compare every school ----------------------------------------------------------------------
"${PSQL[@]}" -c "CREATE TABLE postgis_result AS SELECT * FROM postgis_reach"
# The sphere is the engine's: PostGIS distances of the pairs in reach against geo.cpp's haversine
# formula with kEarthRadiusMiles, evaluated in SQL.
read -r PAIRS MAX_DIST_DIFF < <("${PSQL[@]}" -At -F ' ' -c "
  WITH p AS (
    SELECT ST_Distance(c.geog, s.geog, false) / 1609.344 AS postgis_miles,
           radians(ST_Y(c.geog::geometry)) AS lat1, radians(ST_X(c.geog::geometry)) AS lon1,
           radians(ST_Y(s.geog::geometry)) AS lat2, radians(ST_X(s.geog::geometry)) AS lon2
    FROM counties c
    JOIN institutions s ON ST_DWithin(s.geog, c.geog, ($RADIUS + c.disk_radius_miles) * 1609.344, false)
    WHERE c.foreign_born IS NOT NULL)
  SELECT count(*), coalesce(max(abs(postgis_miles - 2 * asin(least(1, sqrt(
           sin((lat2 - lat1) / 2) ^ 2 + cos(lat1) * cos(lat2) * sin((lon2 - lon1) / 2) ^ 2)))
           * $EARTH_RADIUS_MILES)), 0)
  FROM p")
say "$(thousands "$PAIRS") county-school pairs in reach; PostGIS distance vs the engine's haversine: largest" \
  "difference $(awk -v d="$MAX_DIST_DIFF" 'BEGIN { printf "%.3g", d }') miles"
if awk -v d="$MAX_DIST_DIFF" 'BEGIN { exit !(d > 1e-6) }'; then
  printf 'postgis: warning: PostGIS distances are not on the engine sphere (check SRID %s in load.sql)\n' "$SRID" >&2
fi
COMPARE="
  SELECT e.unitid AS e_unitid, p.unitid AS p_unitid, e.reach_immigrants AS engine, p.reach_immigrants AS postgis,
         abs(e.reach_immigrants - p.reach_immigrants) AS diff,
         CASE WHEN e.reach_immigrants IS NULL AND p.reach_immigrants IS NULL AND e.unitid IS NOT NULL
                   AND p.unitid IS NOT NULL THEN true
              WHEN e.reach_immigrants IS NULL OR p.reach_immigrants IS NULL THEN false
              ELSE abs(e.reach_immigrants - p.reach_immigrants)
                   <= greatest(0.5, 1e-6 * abs(e.reach_immigrants)) END AS equal
  FROM engine_reach e FULL JOIN postgis_result p ON p.unitid = e.unitid"
read -r COMPARED DIFFER WITH_FIGURE MAX_ABS MAX_REL < <("${PSQL[@]}" -At -F ' ' -c "
  WITH cmp AS ($COMPARE)
  SELECT count(*), count(*) FILTER (WHERE NOT equal), count(engine),
         coalesce(max(diff), 0), coalesce(max(diff / nullif(abs(engine), 0)), 0)
  FROM cmp")
say "$WITH_FIGURE of $COMPARED schools have a reach figure in the engine; largest difference $(
  awk -v a="$MAX_ABS" -v r="$MAX_REL" 'BEGIN { printf "%.3g persons (%.3g relative)", a, r }')"
if [[ "$DIFFER" != 0 ]]; then
  printf 'postgis: schools whose figures differ (up to 20):\n' >&2
  "${PSQL[@]}" -c "WITH cmp AS ($COMPARE)
    SELECT coalesce(e_unitid, p_unitid) AS unitid, engine, postgis, diff FROM cmp WHERE NOT equal
    ORDER BY diff DESC NULLS FIRST LIMIT 20" >&2
fi

RATIO="$(awk -v pg="$PG_MEDIAN" -v en="$ENGINE_MS" 'BEGIN { printf "%.0f", pg / en }')"
say "engine: RunScreen median of $ENGINE_RUNS runs; PostGIS: planning + execution, median of $RUNS run(s) (best $PG_BEST ms)"
printf 'engine %.2f ms, PostGIS %.1f ms, ratio %sx; %s schools compared, %s differ\n' \
  "$ENGINE_MS" "$PG_MEDIAN" "$RATIO" "$(thousands "$COMPARED")" "$(thousands "$DIFFER")"
if [[ "$RATIO" -lt 50 ]]; then say "note: below the target ratio of 50x"; fi
[[ "$DIFFER" == 0 ]] || exit 1
