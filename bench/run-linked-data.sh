#!/usr/bin/env sh
# Runs the linked-data benchmarks (expand, toRdf, RDFC-1.0, and the whole JSON-LD → canonical N-Quads path)
# on the OB 3.0 credential in bench/Credstack.Benchmarks/Data. A short run: a few seconds per benchmark.
# Extra arguments go to BenchmarkDotNet, e.g. --job medium, --exporters json.
set -eu
cd "$(dirname "$0")/.."
exec dotnet run -c Release --project bench/Credstack.Benchmarks -- --filter '*LinkedData*' "$@"
