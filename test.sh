#!/usr/bin/env bash
# Runs every test of Credstack: formatting check, build (warnings are errors) and all test projects.
# Installs what the tests need when it is missing, so it works on a fresh machine and in CI.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK is required (dotnet not on PATH)" >&2
  exit 2
fi
if [ ! -d ../shared/vectors ]; then
  echo "test.sh: ../shared/vectors is missing: the conformance suites read their vectors from there" >&2
  exit 2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "== restore tools and check formatting (CSharpier)"
dotnet tool restore >/dev/null
dotnet csharpier check .

echo "== build"
dotnet build Credstack.slnx -c Release -nologo -v quiet

echo "== start PostgreSQL and an SMTP server for the server's tests (scripts/postgres-test.sh, scripts/smtp-test.sh)"
# The server tests run every data test on SQLite and on PostgreSQL, and send e-mail to a real SMTP server
# (smtp4dev); without them those tests fail. What this script starts, it stops at the end.
cleanup=()
if [ -z "${CREDSTACK_TEST_POSTGRES:-}" ]; then
  cleanup+=("scripts/postgres-test.sh stop")
fi
if [ -z "${CREDSTACK_TEST_SMTP:-}" ]; then
  cleanup+=("scripts/smtp-test.sh stop")
fi
trap 'for c in "${cleanup[@]}"; do $c || true; done' EXIT
pg_env=$(scripts/postgres-test.sh start)
eval "$pg_env"
if [ -z "${CREDSTACK_TEST_SMTP:-}" ]; then
  smtp_env=$(scripts/smtp-test.sh start)
  eval "$smtp_env"
fi

echo "== test"
log=$(mktemp)
set +e
dotnet test Credstack.slnx -c Release --no-build -nologo -v quiet --logger "console;verbosity=minimal" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
# xUnit runs only the first of two theory cases with the same arguments and says so in one line:
# a case that never runs is a test that cannot fail, so it fails the run.
duplicates=$(grep -c 'Skipping test case with duplicate ID' "$log" || true)
rm -f "$log"
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$duplicates" -gt 0 ] && [ "$rc" -eq 0 ]; then
  echo "test.sh: $duplicates theory case(s) skipped as duplicates (see 'Skipping test case with duplicate ID' above)" >&2
  rc=1
fi
exit "$rc"
