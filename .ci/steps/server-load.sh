#!/usr/bin/env bash
# CI step "server-load": two EmrCat.Server processes on loopback ports over one PostgreSQL database, 2,000 concurrent
# simulated candidates alternating between them, one node SIGKILLed and restarted mid-run; every accepted answer must
# be in the store exactly once and every session must replay on a restarted node (tests/EmrCat.Server.LoadTest).
# Prints p50/p99 latency and throughput. Bounded: EMRCAT_LOAD_CANDIDATES (default 2000), at most 25 minutes.
# usage: bash .ci/steps/server-load.sh RESULTS_DIR   (appends "passed server-load" or "failed server-load" to RESULTS_DIR/steps.txt)
set -uo pipefail
cd "$(dirname "$0")/../.."
results="${1:?usage: server-load.sh RESULTS_DIR}"
mkdir -p "$results"
export EMRCAT_SERVICES_ENV="${EMRCAT_SERVICES_ENV:-$results/services.env}"
log="$results/server-load.log"
server=samples/EmrCat.Server/bin/Release/net10.0/emrcat-server.dll
load=tests/EmrCat.Server.LoadTest/bin/Release/net10.0/emrcat-server-load.dll

fail() { echo "server-load: FAILED: $*"; echo "failed server-load" >> "$results/steps.txt"; exit 1; }

bash .ci/services.sh start > /dev/null || fail "PostgreSQL could not be started (see .ci/services.sh)"
# shellcheck disable=SC1090
. "$EMRCAT_SERVICES_ENV"
[ -n "${EMRCAT_TEST_POSTGRES:-}" ] || fail "no PostgreSQL connection string"
if [ ! -f "$server" ] || [ ! -f "$load" ]; then
  dotnet build samples/EmrCat.Server -c Release -nologo -v q > "$log" 2>&1 && dotnet build tests/EmrCat.Server.LoadTest -c Release -nologo -v q >> "$log" 2>&1 || fail "build: $(tail -5 "$log")"
fi

timeout 1600 dotnet "$load" --server "$server" --postgres "$EMRCAT_TEST_POSTGRES" \
  --candidates "${EMRCAT_LOAD_CANDIDATES:-2000}" --ports "${EMRCAT_LOAD_PORTS:-5301,5302}" --max-seconds 1500 2>&1 | tee "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || fail "see the lines above"
echo "passed server-load" >> "$results/steps.txt"
