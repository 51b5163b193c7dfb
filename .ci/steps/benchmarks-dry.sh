#!/usr/bin/env bash
# Benchmark dry run: every BenchmarkDotNet benchmark once, in process (Job.Dry, no warm-up, one iteration), so CI proves
# the suite builds, sets up and runs without paying for real measurements (a few seconds; under a minute with the build).
# usage: .ci/steps/benchmarks-dry.sh RESULTS_DIR   (appends "passed benchmarks-dry" or "failed benchmarks-dry" to RESULTS_DIR/steps.txt)
set -uo pipefail
cd "$(dirname "$0")/../.."
results="${1:?usage: benchmarks-dry.sh RESULTS_DIR}"
mkdir -p "$results"
artifacts="$(mktemp -d)"
trap 'rm -rf "$artifacts"' EXIT
log="$results/benchmarks-dry.log"

ok=0
if dotnet build benchmarks/EmrCat.Benchmarks -c Release -nologo -v q > "$log" 2>&1 \
  && timeout 300 dotnet benchmarks/EmrCat.Benchmarks/bin/Release/net10.0/EmrCat.Benchmarks.dll \
       --job dry --inProcess --filter '*' --artifacts "$artifacts" >> "$log" 2>&1 \
  && compgen -G "$artifacts/results/*-report.csv" > /dev/null; then
  ok=1
fi

if [ "$ok" -eq 1 ]; then
  echo "passed benchmarks-dry" >> "$results/steps.txt"
  grep -E "executed benchmarks" "$log" | tail -1
  exit 0
fi

echo "failed benchmarks-dry" >> "$results/steps.txt"
tail -40 "$log"
exit 1
