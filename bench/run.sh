#!/usr/bin/env bash
# Runs the Credstack benchmarks quickly (BenchmarkDotNet, Release build, few iterations).
#   bench/run.sh                      all LinkedData and DataIntegrity benchmarks
#   bench/run.sh '*Signing*'          any BenchmarkDotNet --filter glob
#   bench/run.sh quick [filter]       CPU-time harness (process CPU time per operation; robust on a loaded machine);
#                                     filter: part of a case name, or its end when it ends in $ ('NQuads$')
set -euo pipefail
set -f  # the filters are BenchmarkDotNet globs, not file names
cd "$(dirname "$0")/Credstack.Benchmarks"
if [[ "${1:-}" == "quick" ]]; then
  shift
  exec dotnet run -c Release -- quick "$@"
fi
filter="${1:-*LinkedDataBenchmarks* *DataIntegrityBenchmarks*}"
# shellcheck disable=SC2086
exec dotnet run -c Release -- --filter $filter --memory --join "${@:2}"
