#!/usr/bin/env bash
# Load test of the server's VC-API hot paths with wrk (issue 4, item 9).
#
#   bench/server-load.sh [verify|issue|all] [--duration 20s] [--connections 8] [--threads 2]
#                        [--db sqlite|postgres] [--warmup 10s]
#
# Builds the server (Release) when needed, starts it as its own process on a free loopback port with a
# fresh data directory under /tmp (Production environment, logging at Warning), bootstraps an
# organisation, issues one realistic Open Badges 3.0 credential (bench/Credstack.Benchmarks/Data/
# ob3-realistic.json under the organisation's issuer) and then runs, per endpoint,
#   wrk -t2 -c8 -d20s --latency -s bench/wrk/post.lua
#   verify: POST /credentials/verify with that signed credential (no API key needed);
#   issue:  POST /credentials/issue, every request a different credential (no Idempotency-Key).
# Prints requests/s, p50 and p99, fails when any response was not 2xx, and stops the server.
#
# CPU: no pinning. The server and wrk both run on all cores (the machine has 2) under the normal
# scheduler, so the load generator takes its share of the same 2 cores the server uses.
# CREDSTACK_LOAD_DLL=path/to/Credstack.Server.dll runs that build instead (not rebuilt), e.g. a baseline.
# CREDSTACK_LOAD_PERF=PREFIX records the server with `perf record -g` during each measured run
# (PREFIX.verify.data, PREFIX.issue.data; export DOTNET_PerfMapEnabled=1 for .NET method names).
# --db postgres needs a PostgreSQL server: CREDSTACK_BENCH_POSTGRES, or CREDSTACK_TEST_POSTGRES (eval
# "$(scripts/postgres-test.sh start)"); a fresh database is created on it for the run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

what=all
duration=20s
connections=8
threads=2
db=sqlite
warmup=10s
while [ $# -gt 0 ]; do
  case "$1" in
    verify | issue | all) what="$1" ;;
    --duration) duration="$2"; shift ;;
    --connections) connections="$2"; shift ;;
    --threads) threads="$2"; shift ;;
    --db) db="$2"; shift ;;
    --warmup) warmup="$2"; shift ;;
    -h | --help) sed -n 2,23p "$0"; exit 0 ;;
    *) echo "server-load.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done
case "$db" in sqlite | postgres) ;; *) echo "server-load.sh: --db must be sqlite or postgres" >&2; exit 2 ;; esac

for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "server-load.sh: $tool is required" >&2; exit 2; }
done
if ! command -v wrk >/dev/null; then
  echo "server-load.sh: installing Debian's wrk package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq wrk >&2
fi

dll="$root/src/Credstack.Server/bin/Release/net10.0/Credstack.Server.dll"
if [ -n "${CREDSTACK_LOAD_DLL:-}" ]; then
  # Another build of the server (e.g. a baseline to compare with), used as it is.
  dll="$CREDSTACK_LOAD_DLL"
fi
newest_source=$(find src/Credstack.Server src/Credstack.Credentials src/Credstack.LinkedData \
  \( -name '*.cs' -o -name '*.csproj' -o -name '*.json' \) -not -path '*/bin/*' -not -path '*/obj/*' \
  -newer "$dll" 2>/dev/null | head -1 || true)
if [ -z "${CREDSTACK_LOAD_DLL:-}" ] && { [ ! -f "$dll" ] || [ -n "$newest_source" ]; }; then
  echo "== building the server (Release)" >&2
  dotnet build src/Credstack.Server -c Release -nologo -v q >&2
fi

free_port() {
  local port
  for port in $(seq 18080 18180); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "server-load.sh: no free port in 18080-18180" >&2
  return 1
}

port=$(free_port)
origin="http://127.0.0.1:$port"
work=$(mktemp -d /tmp/credstack-load.XXXXXX)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

export ASPNETCORE_ENVIRONMENT=Production
export DOTNET_ENVIRONMENT=Production
export ASPNETCORE_URLS="$origin"
export Credstack__PublicOrigin="$origin"
export Credstack__DataDirectory="$work/data"
export Logging__LogLevel__Default=Warning
# (appsettings.json sets Microsoft.AspNetCore and Microsoft.EntityFrameworkCore to Warning already.)
export Database__Provider="$db"
if [ "$db" = postgres ]; then
  base="${CREDSTACK_BENCH_POSTGRES:-${CREDSTACK_TEST_POSTGRES:-}}"
  if [ -z "$base" ] && [ -f .postgres-test/connection ]; then base=$(cat .postgres-test/connection); fi
  if [ -z "$base" ]; then
    echo "server-load.sh: --db postgres needs CREDSTACK_BENCH_POSTGRES or CREDSTACK_TEST_POSTGRES" >&2
    exit 2
  fi
  # A fresh database per run (the server creates and migrates it on start).
  export ConnectionStrings__Default
  ConnectionStrings__Default="$(echo "$base" | sed -E 's/(^|;)Database=[^;]*//I');Database=credstack_load_$(date +%s)_$$"
else
  export ConnectionStrings__Default=""
fi

echo "== bootstrap ($db, data under $work)" >&2
key=$(dotnet "$dll" bootstrap --org "Load Test University" --admin load@example.edu | tail -1)
case "$key" in csk_*) ;; *) echo "server-load.sh: bootstrap printed no API key" >&2; exit 1 ;; esac
export CREDSTACK_BENCH_KEY="$key"

echo "== starting the server on $origin" >&2
# The server's recommended runtime settings (README, "Runtime settings"): dynamic PGO with tier-up call
# counting from the start. Either may be overridden from the environment (e.g. DOTNET_TieredPGO=0).
export DOTNET_TieredPGO="${DOTNET_TieredPGO:-1}"
export DOTNET_TC_CallCountingDelayMs="${DOTNET_TC_CallCountingDelayMs:-0}"
dotnet "$dll" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  if curl -fsS "$origin/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then cat "$work/server.log" >&2; exit 1; fi
  sleep 0.5
done

auth=(-H "Authorization: Bearer $key")
issuer=$(curl -fsS "${auth[@]}" "$origin/api/v1/organization" | jq -r '.issuer.id')
echo "== issuer $issuer" >&2

# The credential to issue: the realistic OB 3.0 credential under this organisation's issuer, without
# id, status or proof (the server adds them); __SEQ__ makes every request's credential different.
jq --arg issuer "$issuer" '
  del(.id, .proof, .credentialStatus)
  | .issuer.id = $issuer
  | .credentialSubject.identifier[0].salt = "__SEQ__"
  | {credential: ., options: {cryptosuite: "eddsa-rdfc-2022"}}' \
  bench/Credstack.Benchmarks/Data/ob3-realistic.json >"$work/issue.json"

# One issued credential (a real signed one, with its status entry) is the verify body.
sed 's/__SEQ__/first/' "$work/issue.json" >"$work/issue-one.json"
curl -fsS "${auth[@]}" -H 'Content-Type: application/json' --data-binary @"$work/issue-one.json" \
  "$origin/credentials/issue" | jq -c '{verifiableCredential: .verifiableCredential}' >"$work/verify.json"
verdict=$(curl -sS -H 'Content-Type: application/json' --data-binary @"$work/verify.json" \
  "$origin/credentials/verify" | jq -r '.verdict')
if [ "$verdict" != valid ]; then
  echo "server-load.sh: the issued credential does not verify (verdict '$verdict')" >&2
  exit 1
fi
if [ -n "${CREDSTACK_LOAD_KEEP:-}" ]; then
  # For profiling: keep the request bodies.
  mkdir -p "$CREDSTACK_LOAD_KEEP" && cp "$work/verify.json" "$work/issue.json" "$CREDSTACK_LOAD_KEEP/"
fi
echo "== verify body: $(wc -c <"$work/verify.json") bytes; issue body: $(wc -c <"$work/issue.json") bytes" >&2

failed=0
summary=()
ticks_per_second=$(getconf CLK_TCK)
server_cpu_ticks() {
  # /proc/PID/stat fields 14 and 15: user and system time in clock ticks (the command name has no spaces).
  awk '{print $14 + $15}' "/proc/$server_pid/stat"
}
run() {
  local name="$1" path="$2" body="$3"
  echo "== warm-up $name ($warmup)" >&2
  wrk -t"$threads" -c"$connections" -d"$warmup" -s bench/wrk/post.lua "$origin" -- "$path" "$body" >/dev/null
  echo "== $name: wrk -t$threads -c$connections -d$duration --latency POST $path  (load average: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  local out cpu_before cpu_after
  cpu_before=$(server_cpu_ticks)
  local perf_pid=""
  if [ -n "${CREDSTACK_LOAD_PERF:-}" ]; then
    # For profiling: perf record of the server during the measured run, to $CREDSTACK_LOAD_PERF.NAME.data
    # (export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 too, for .NET method names).
    perf record -q -F 999 -g -p "$server_pid" -o "$CREDSTACK_LOAD_PERF.$name.data" >/dev/null 2>&1 &
    perf_pid=$!
  fi
  out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency -s bench/wrk/post.lua "$origin" -- "$path" "$body")
  cpu_after=$(server_cpu_ticks)
  if [ -n "$perf_pid" ]; then kill -INT "$perf_pid" 2>/dev/null || true; wait "$perf_pid" 2>/dev/null || true; fi
  echo "$out"
  local line rps p50 p99 errors
  line=$(grep '^RESULT ' <<<"$out")
  rps=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$line")
  p50=$(sed -E 's/.* p50_us=([0-9]+).*/\1/' <<<"$line")
  p99=$(sed -E 's/.* p99_us=([0-9]+).*/\1/' <<<"$line")
  errors=$(sed -E 's/.* non2xx=([0-9]+) connect_errors=([0-9]+) read_errors=([0-9]+) write_errors=([0-9]+) timeouts=([0-9]+).*/\1 \2 \3 \4 \5/' <<<"$line")
  local non2xx socket=0 n
  non2xx=$(cut -d' ' -f1 <<<"$errors")
  for n in $(cut -d' ' -f2- <<<"$errors"); do socket=$((socket + n)); done
  local requests cpu_us
  requests=$(sed -E 's/.* requests=([0-9]+).*/\1/' <<<"$line")
  # Server CPU time (user + system) per request: robust to other load on the machine.
  cpu_us=$(( (cpu_after - cpu_before) * 1000000 / ticks_per_second / (requests > 0 ? requests : 1) ))
  summary+=("$(printf '%-24s %7.0f req/s   p50 %6.2f ms   p99 %7.2f ms   server CPU %5s us/req   non-2xx %s   socket errors %s   (%s, c=%s, %s, load %s)' \
    "POST $path" "$rps" "$(awk "BEGIN{print $p50/1000}")" "$(awk "BEGIN{print $p99/1000}")" "$cpu_us" \
    "$non2xx" "$socket" "$db" "$connections" "$duration" "$(cut -d' ' -f1-3 /proc/loadavg)")")
  if [ "$non2xx" != 0 ] || [ "$socket" != 0 ]; then
    echo "server-load.sh: $name had $non2xx non-2xx responses and $socket socket errors" >&2
    failed=1
  fi
}

if [ "$what" = verify ] || [ "$what" = all ]; then run verify /credentials/verify "$work/verify.json"; fi
if [ "$what" = issue ] || [ "$what" = all ]; then run issue /credentials/issue "$work/issue.json"; fi

echo
echo "== summary ($(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'))"
printf '%s\n' "${summary[@]}"
if grep -qiE 'fail|exception' "$work/server.log"; then
  echo "== server log (warnings and errors):" >&2
  tail -20 "$work/server.log" >&2
fi
exit "$failed"
