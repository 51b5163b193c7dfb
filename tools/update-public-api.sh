#!/usr/bin/env bash
# Declares new public API: builds the libraries with warnings allowed, and appends every symbol the
# PublicApiAnalyzers report as undeclared (RS0016) to that project's PublicAPI.Unshipped.txt, sorted. Removed or
# changed members (RS0017) are listed for you to delete from the PublicAPI files by hand (or to mark *REMOVED* in
# Unshipped once the API has shipped). Review the diff: every line is a promise to callers.
# Usage: bash tools/update-public-api.sh
set -euo pipefail
cd "$(dirname "$0")/.."
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
for project in src/EmrCat src/EmrCat.Testing; do
  dotnet build "$project" -c Release -nologo -v q --no-incremental -p:TreatWarningsAsErrors=false >"$log" 2>&1 || true
  root="$(pwd)/$project/"
  file="$project/PublicAPI.Unshipped.txt"
  grep -F "$root" "$log" | grep -F "warning RS0016" | sed -n "s/.*Symbol '\(.*\)' is not part of the declared public API.*/\1/p" | sort -u >"$log.new" || true
  { grep -v '^#nullable enable$' "$file" || true; cat "$log.new"; } | sort -fu | { echo '#nullable enable'; cat; } >"$file.tmp"
  mv "$file.tmp" "$file"
  echo "$project: $(wc -l <"$log.new") symbol(s) declared"
  grep -F "$root" "$log" | grep -F "warning RS0017" | sed 's/ \[.*//' | sort -u || true
  rm -f "$log.new"
done
