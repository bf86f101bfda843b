#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL cluster for the server's data tests.
#
#   scripts/postgres-test.sh start   prints "export CREDSTACK_TEST_POSTGRES=..." and writes the same
#                                    connection string to .postgres-test/connection (the tests read either)
#   scripts/postgres-test.sh stop    stops the cluster and removes its directory
#
# When CREDSTACK_TEST_POSTGRES already names a reachable server, start does nothing. Otherwise it
# installs Debian's postgresql package when missing, creates a cluster with initdb in a temporary
# directory (as the postgres system user: initdb refuses to run as root, and CI runs as root), and
# starts it on 127.0.0.1 on a free port. The cluster is disposable: fsync off, nothing kept.
set -euo pipefail
cd "$(dirname "$0")/.."
state_dir="$PWD/.postgres-test"
cmd="${1:-start}"

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

free_port() {
  local port
  for port in $(seq 55432 55499); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "postgres-test.sh: no free port in 55432-55499" >&2
  return 1
}

stop_cluster() {
  if [ -f "$state_dir/cluster" ]; then
    local data bin
    data=$(cat "$state_dir/cluster")
    bin=$(cat "$state_dir/bin")
    if [ -d "$data" ]; then
      runuser -u postgres -- "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
      rm -rf "$(dirname "$data")"
    fi
  fi
  rm -rf "$state_dir"
}

case "$cmd" in
  stop)
    stop_cluster
    exit 0
    ;;
  start) ;;
  *)
    echo "usage: scripts/postgres-test.sh start|stop" >&2
    exit 2
    ;;
esac

if [ -n "${CREDSTACK_TEST_POSTGRES:-}" ]; then
  echo "export CREDSTACK_TEST_POSTGRES='$CREDSTACK_TEST_POSTGRES'"
  exit 0
fi

stop_cluster
if ! bin=$(find_bin); then
  echo "postgres-test.sh: installing Debian's postgresql package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bin=$(find_bin)
fi

if [ "$(id -u)" -eq 0 ]; then
  as_pg=(runuser -u postgres --)
else
  as_pg=()
fi

tmp=$(mktemp -d /tmp/credstack-pg.XXXXXX)
chmod 755 "$tmp"
data="$tmp/data"
mkdir -p "$data"
[ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$tmp"
port=$(free_port)

"${as_pg[@]}" "$bin/initdb" -D "$data" -U postgres -A trust --no-sync -E UTF8 >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$data" -w -t 60 -l "$tmp/log" \
  -o "-h 127.0.0.1 -p $port -k $tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null
"${as_pg[@]}" "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
  -c "CREATE ROLE credstack LOGIN PASSWORD 'credstack' CREATEDB;" \
  -c "CREATE DATABASE credstack OWNER credstack;" >/dev/null

mkdir -p "$state_dir"
echo "$data" >"$state_dir/cluster"
echo "$bin" >"$state_dir/bin"
conn="Host=127.0.0.1;Port=$port;Username=credstack;Password=credstack;Database=credstack"
echo "$conn" >"$state_dir/connection"
echo "export CREDSTACK_TEST_POSTGRES='$conn'"
