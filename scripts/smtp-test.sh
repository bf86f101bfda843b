#!/usr/bin/env bash
# Starts (or stops) a real SMTP server for the server's e-mail tests: smtp4dev (the Rnwood.Smtp4dev .NET
# tool, installed into .tools/smtp4dev from NuGet when missing), on 127.0.0.1 only, with an in-memory
# message store, its web API on a second free port, and no IMAP/POP3.
#
#   scripts/smtp-test.sh start   prints "export CREDSTACK_TEST_SMTP=127.0.0.1:PORT" and
#                                "export CREDSTACK_TEST_SMTP_API=http://127.0.0.1:PORT" and writes the same
#                                lines to .smtp-test/env (the tests read either); waits until it answers
#   scripts/smtp-test.sh stop    stops it and removes .smtp-test
#
# Start is idempotent: a server this script started that still answers is reused. The server refuses two
# kinds of recipients, so that the tests can see real SMTP refusals: local parts starting with "bounce"
# get 550 (permanent), those starting with "tempfail" get 451 (transient). Log: .smtp-test/smtp4dev.log.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
state_dir="$root/.smtp-test"
tool_dir="$root/.tools/smtp4dev"
version=3.15.0
cmd="${1:-start}"

free_port() {
  local port
  for port in $(seq "$1" "$2"); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "smtp-test.sh: no free port in $1-$2" >&2
  return 1
}

answers() {
  [ -f "$state_dir/env" ] || return 1
  local api
  api=$(sed -n "s/^export CREDSTACK_TEST_SMTP_API='\(.*\)'$/\1/p" "$state_dir/env")
  [ -n "$api" ] && curl -fsS -m 2 "$api/api/messages?pageSize=1" >/dev/null 2>&1
}

stop_server() {
  if [ -f "$state_dir/pid" ]; then
    local pid
    pid=$(cat "$state_dir/pid")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -rf "$state_dir"
}

case "$cmd" in
  stop)
    stop_server
    exit 0
    ;;
  start) ;;
  *)
    echo "usage: scripts/smtp-test.sh start|stop" >&2
    exit 2
    ;;
esac

if answers; then
  cat "$state_dir/env"
  exit 0
fi
stop_server

if [ ! -x "$tool_dir/smtp4dev" ]; then
  echo "smtp-test.sh: installing the smtp4dev .NET tool $version into .tools/smtp4dev" >&2
  dotnet tool install --tool-path "$tool_dir" Rnwood.Smtp4dev --version "$version" >&2
fi

mkdir -p "$state_dir/app"
smtp_port=$(free_port 55625 55699)
api_port=$(free_port 55780 55849)
# Jint expressions (see smtp4dev's appsettings.json): false is a 550, error(451, ...) a transient refusal.
export ServerOptions__RecipientValidationExpression='recipient.toLowerCase().startsWith("bounce") ? false : recipient.toLowerCase().startsWith("tempfail") ? error(451, "Mailbox busy, try again later") : true'
(
  cd "$state_dir"
  exec setsid "$tool_dir/smtp4dev" \
    --urls="http://127.0.0.1:$api_port" \
    --smtpport="$smtp_port" \
    --bindaddress=127.0.0.1 \
    --imapport= --pop3port= \
    --db= \
    --messagestokeep=100000 --sessionstokeep=1000 \
    --nousersettings \
    --baseappdatapath="$state_dir/app" \
    >"$state_dir/smtp4dev.log" 2>&1 </dev/null
) &
echo $! >"$state_dir/pid"

api="http://127.0.0.1:$api_port"
for _ in $(seq 1 120); do
  if curl -fsS -m 2 "$api/api/messages?pageSize=1" >/dev/null 2>&1 \
    && (exec 3<>"/dev/tcp/127.0.0.1/$smtp_port") 2>/dev/null; then
    {
      echo "export CREDSTACK_TEST_SMTP='127.0.0.1:$smtp_port'"
      echo "export CREDSTACK_TEST_SMTP_API='$api'"
    } >"$state_dir/env"
    cat "$state_dir/env"
    exit 0
  fi
  if ! kill -0 "$(cat "$state_dir/pid")" 2>/dev/null; then break; fi
  sleep 0.5
done
echo "smtp-test.sh: smtp4dev did not start; its log:" >&2
tail -n 30 "$state_dir/smtp4dev.log" >&2 || true
stop_server
exit 1
