#!/usr/bin/env bash
# CI step "simd-widths": the vectorised kernels (ML workspace, grid score, information bounds) and the routes that use
# them, re-run at every vector width the machine can be told to use: 256-bit (DOTNET_PreferredVectorBitWidth=256,
# Vector512 off) and scalar (DOTNET_EnableHWIntrinsic=0). The main test run covers the widest width.
# usage: .ci/steps/simd-widths.sh RESULTS_DIR   (writes simd-*.trx there, which .ci/run counts, and appends
# "passed simd-widths" or "failed simd-widths" to RESULTS_DIR/steps.txt)
set -uo pipefail
cd "$(dirname "$0")/../.."
results="${1:?usage: simd-widths.sh RESULTS_DIR}"
mkdir -p "$results"
filter='FullyQualifiedName~MaximumLikelihoodWorkspaceTests|FullyQualifiedName~IncrementalEstimationTests|FullyQualifiedName~HighestModeTests|FullyQualifiedName~CatROracleTests|FullyQualifiedName~InformationBoundsTests|FullyQualifiedName~MaximumInformationSelectorTests|FullyQualifiedName~SimulatorTests|FullyQualifiedName~GoldenSessionTests|FullyQualifiedName~MixedPatternEstimatorTests|FullyQualifiedName~MixedBankSimulationTests|FullyQualifiedName~PolytomousInformationBoundsTests|FullyQualifiedName~CatRPolytomousOracleTests|FullyQualifiedName~RandomesqueSelectorTests|FullyQualifiedName~NewtonRefinementTests|FullyQualifiedName~VectorExpTests'

status=0
run() {
  local name=$1; shift
  echo "-- $name: $*"
  env "$@" dotnet test tests/EmrCat.Tests -c Release --no-build -nologo --filter "$filter" \
    --logger "trx;LogFileName=simd-$name.trx" --results-directory "$results" || status=1
}
run 256 DOTNET_PreferredVectorBitWidth=256
run scalar DOTNET_EnableHWIntrinsic=0

if [ "$status" -eq 0 ]; then echo "passed simd-widths" >> "$results/steps.txt"; else echo "failed simd-widths" >> "$results/steps.txt"; fi
exit $status
