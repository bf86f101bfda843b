#!/usr/bin/env bash
# Bulk issuing end to end, as a user runs it: the Release server as a process on a fresh data directory
# (SQLite) or a fresh PostgreSQL database, bootstrap, a template, a CSV uploaded with curl, the job
# polled until it is done. Prints the elapsed time from the start of the upload to "completed", rows/s,
# and the server's peak RSS (VmHWM). Not part of ./test.sh.
#
#   bench/bulk.sh [ROWS] [sqlite|postgres]        ROWS defaults to 100000, the provider to sqlite
#
# Environment: NOTIFY=false uploads with ?notify=false (default true: an e-mail is queued per row);
# BULK_SERVER_ARGS adds server options (e.g. "--Credstack:Bulk:Workers=2"); NO_BUILD=1 skips the build;
# KEEP=1 keeps the work directory (CSV, server log, data); CREDSTACK_TEST_POSTGRES names the PostgreSQL
# server for `postgres` (else scripts/postgres-test.sh start is run; its server is left running);
# SERVER_DLL runs another build of the server (e.g. a copy of a baseline's bin/Release/net10.0) and
# implies NO_BUILD=1. On `postgres` with a local server, the CPU time of the PostgreSQL backends serving
# the bench database is also reported, from /proc (not the shared WAL writer, checkpointer and background
# writer, which other databases' work on the same server would blur).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
rows=${1:-100000}
provider=${2:-sqlite}
notify=${NOTIFY:-true}
case "$provider" in sqlite | postgres) ;; *)
  echo "usage: bench/bulk.sh [ROWS] [sqlite|postgres]" >&2
  exit 2
  ;;
esac
if ! [[ "$rows" =~ ^[0-9]+$ ]] || [ "$rows" -lt 1 ]; then
  echo "bench/bulk.sh: ROWS must be a positive number" >&2
  exit 2
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ "${NO_BUILD:-}" != 1 ] && [ -z "${SERVER_DLL:-}" ]; then
  dotnet build src/Credstack.Server -c Release -nologo -v quiet >/dev/null
fi
dll="${SERVER_DLL:-$root/src/Credstack.Server/bin/Release/net10.0/Credstack.Server.dll}"
[ -f "$dll" ] || { echo "bench/bulk.sh: $dll is missing" >&2; exit 1; }

work=$(mktemp -d /tmp/credstack-bulk.XXXXXX)
server_pid=""
database=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ -n "$database" ]; then
    psql -q -c "DROP DATABASE IF EXISTS \"$database\" WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  if [ "${KEEP:-}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# A free loopback port.
port=""
for candidate in $(shuf -i 20000-60000 -n 50); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[ -n "$port" ] || { echo "bench/bulk.sh: no free port" >&2; exit 1; }
base="http://127.0.0.1:$port"

export ASPNETCORE_URLS="$base" Urls="$base" ASPNETCORE_ENVIRONMENT=Production
export Credstack__DataDirectory="$work/data" Credstack__PublicOrigin="$base"
export Credstack__Email__Transport=pickup Credstack__NodeId=bench
export Database__Provider="$provider"
if [ "$provider" = postgres ]; then
  if [ -z "${CREDSTACK_TEST_POSTGRES:-}" ]; then
    eval "$(scripts/postgres-test.sh start)"
  fi
  # The Npgsql connection string's parts, for psql.
  pg_value() { tr ';' '\n' <<<"$CREDSTACK_TEST_POSTGRES" | awk -v k="$1" '{ i = index($0, "="); if (tolower(substr($0, 1, i - 1)) == k) { print substr($0, i + 1); exit } }'; }
  export PGHOST=$(pg_value host) PGPORT=$(pg_value port) PGUSER=$(pg_value username) PGPASSWORD=$(pg_value password)
  export PGDATABASE=$(pg_value database)
  database="credstack_bench_$(date +%s)_$$"
  psql -q -c "CREATE DATABASE \"$database\"" >/dev/null
  export ConnectionStrings__Default="Host=$PGHOST;Port=${PGPORT:-5432};Username=$PGUSER;Password=$PGPASSWORD;Database=$database"
else
  mkdir -p "$work/data"
  export ConnectionStrings__Default="Data Source=$work/data/credstack.db"
fi

echo "== $rows rows, $provider, notify=$notify; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
csv="$work/recipients.csv"
awk -v n="$rows" 'BEGIN { print "email,name"; for (i = 0; i < n; i++) printf "learner%d@example.test,Learner %d\n", i, i }' >"$csv"

key=$(cd "$work" && dotnet "$dll" bootstrap --org "Bench University" --admin bench@example.test | tail -1)
# The server's recommended runtime settings (README, "Runtime settings"): dynamic PGO with tier-up call
# counting from the start. Either may be overridden from the environment (e.g. DOTNET_TieredPGO=0).
export DOTNET_TieredPGO="${DOTNET_TieredPGO:-1}"
export DOTNET_TC_CallCountingDelayMs="${DOTNET_TC_CallCountingDelayMs:-0}"
(cd "$work" && exec dotnet "$dll" ${BULK_SERVER_ARGS:-} >"$work/server.log" 2>&1) &
server_pid=$!
for _ in $(seq 1 600); do
  if curl -fsS "$base/healthz" >/dev/null 2>&1; then break; fi
  kill -0 "$server_pid" 2>/dev/null || { echo "the server exited:" >&2; tail -20 "$work/server.log" >&2; exit 1; }
  sleep 0.1
done
# The server's own pid (the subshell execs dotnet, so $server_pid is it).
H="Authorization: Bearer $key"
API="$base/api/v1"
template=$(curl -fsS -H "$H" -H 'Content-Type: application/json' -X POST "$API/templates" -d '{
  "kind": "micro-credential", "name": "Data analysis with Python",
  "description": "Cleans, explores and visualises a data set with pandas.",
  "criteria": {"narrative": "Passes the final project.", "url": "https://example.org/criteria"},
  "skills": [{"name": "Data analysis", "framework": "ESCO", "code": "S7.4", "url": "https://esco.example/s74"}],
  "level": "EQF 5", "effort": {"hours": 40, "credits": 1.5}, "validityDays": 730, "tags": ["data"]}' | jq -r .id)
rss_before=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")
# The server's CPU time (user + system, clock ticks): a figure that a busy machine distorts less.
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$server_pid/stat"; }
cpu_before=$(cpu_ticks)
# PostgreSQL's side (a local server only): CPU ticks per backend of the bench database; a backend started
# during the job counts in full (one that ended before the job did, e.g. an autovacuum worker, is missed).
declare -A pg_before=()
pg_pids() {
  psql -Atc "SELECT pid FROM pg_stat_activity WHERE datname = '$database'" 2>/dev/null || true
}
proc_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
if [ -n "$database" ]; then
  for pid in $(pg_pids); do pg_before[$pid]=$(proc_ticks "$pid"); done
fi

start=$(date +%s.%N)
job=$(curl -fsS -H "$H" -H 'Content-Type: text/csv' -X POST --data-binary "@$csv" \
  "$API/templates/$template/bulk?notify=$notify")
uploaded=$(date +%s.%N)
id=$(jq -r .id <<<"$job")
# Polled ten times a second with curl alone: a jq process per poll (20 a second) took about 8% of the
# two cores the server is measured on.
while :; do
  state=$(curl -fsS -H "$H" "$API/jobs/$id")
  [[ "$state" =~ \"status\":[[:space:]]*\"(completed|failed)\" ]] && break
  sleep 0.1
done
end=$(date +%s.%N)
peak=$(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status")
cpu=$(($(cpu_ticks) - cpu_before))
pg_cpu=""
pg_work=""
if [ -n "$database" ]; then
  # The bench database's work counters, which load on the machine does not change: rows read by scans
  # (returned) and through indexes (fetched), rows written, and buffer pages touched. Backends flush
  # their counters about a second after going idle.
  sleep 2
  pg_work=$(psql -Atc "SELECT 'rows read ' || tup_returned || ' (by index ' || tup_fetched || '), inserted '
    || tup_inserted || ', updated ' || tup_updated || ', deleted ' || tup_deleted || '; pages touched '
    || (blks_hit + blks_read) || '; commits ' || xact_commit || ', rollbacks ' || xact_rollback
    FROM pg_stat_database WHERE datname = '$database'" 2>/dev/null || true)
fi
if [ -n "$database" ] && [ -d /proc ]; then
  pg_cpu=0
  for pid in $(pg_pids); do pg_cpu=$((pg_cpu + $(proc_ticks "$pid") - ${pg_before[$pid]:-0})); done
fi

jq -c '{status, total, done, failed}' <<<"$state"
awk -v s="$start" -v u="$uploaded" -v e="$end" -v n="$rows" -v p="$peak" -v b="$rss_before" \
  -v c="$cpu" -v pg="$pg_cpu" -v hz="$(getconf CLK_TCK)" 'BEGIN {
  printf "upload answered after %.2f s\n", u - s
  printf "elapsed (upload start -> completed): %.2f s, %.0f rows/s\n", e - s, n / (e - s)
  printf "server peak RSS (VmHWM): %.0f MiB (RSS before the upload: %.0f MiB)\n", p / 1024, b / 1024
  printf "server CPU time during the job: %.1f s (%.2f ms per row; %.0f rows per CPU-second)\n", c / hz, 1000 * c / hz / n, n / (c / hz)
  if (pg != "") printf "PostgreSQL CPU time during the job: %.1f s (%.2f ms per row); server + PostgreSQL %.2f ms per row\n", pg / hz, 1000 * pg / hz / n, 1000 * (c + pg) / hz / n
}'
[ -z "$pg_work" ] || echo "PostgreSQL work in the bench database: $pg_work"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
[[ "$state" =~ \"status\":[[:space:]]*\"completed\" ]]
