#!/usr/bin/env bash
# CI step "packages": the NuGet packages work for someone outside this repository.
#   1. The code blocks in docs/*.md marked <!-- snippet: PATH#REGION --> (or <!-- snippet: PATH --> for a whole file)
#      equal the region between "// <REGION>" and "// </REGION>" in PATH (compared without common indentation).
#   2. dotnet pack EmrCat.sln (Release, CI build) yields exactly EmrCat and EmrCat.Testing (+ .snupkg) in a local
#      folder feed, with the expected metadata, README, XML docs, symbols and Source Link commit.
#   3. The consumers samples/EmrCat.Embedding and samples/EmrCat.Reviewing (not in EmrCat.sln) are copied next to that
#      feed, restored from it by version into a NuGet packages folder of their own (so a stale cached package can
#      never stand in for the one just packed), built and run; the reviewer's deliberate failure must exit 1. The
#      embedding consumer binds AddEmrCat from its appsettings.json (naming the bundled bank), runs a session and
#      must see EmrCat's meter counters move.
# Usage: bash .ci/steps/packages.sh RESULTS_DIR
# Appends "passed packages" or "failed packages" to RESULTS_DIR/steps.txt; exits non-zero on failure.
set -uo pipefail

results="${1:?usage: packages.sh RESULTS_DIR}"
mkdir -p "$results"
cd "$(dirname "$0")/../.." || exit 1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
feed="$work/artifacts/feed"
packages="$work/packages"

fail() {
  echo "packages: FAILED: $*" >&2
  echo "failed packages" >>"$results/steps.txt"
  exit 1
}

say() { echo "packages: $*"; }

# --- 1. Documentation snippets ---------------------------------------------------------------------------------------

# The lines strictly between "// <NAME>" and "// </NAME>" in FILE, without their common indentation.
source_region() {
  awk -v name="$2" '
    $0 ~ ("^[ \t]*// </" name ">[ \t]*$") { inside = 0; closed = 1 }
    inside {
      lines[++n] = $0
      if ($0 ~ /[^ \t]/) { match($0, /^[ ]*/); if (min < 0 || RLENGTH < min) min = RLENGTH }
    }
    $0 ~ ("^[ \t]*// <" name ">[ \t]*$") { inside = 1; opened = 1 }
    BEGIN { min = -1 }
    END {
      if (!opened || !closed) exit 2
      for (i = 1; i <= n; i++) print substr(lines[i], (min < 0 ? 0 : min) + 1)
    }' "$1"
}

# The fenced code block right after the line "<!-- snippet: SPEC -->" in a markdown FILE.
markdown_block() {
  awk -v marker="<!-- snippet: $2 -->" '
    state == 0 && $0 == marker { state = 1; next }
    state == 1 { if ($0 ~ /^```/) { state = 2; next } else exit 3 }
    state == 2 { if ($0 ~ /^```[ \t]*$/) { done = 1; exit } print }
    END { if (!done) exit 2 }' "$1"
}

check_snippets() {
  local md spec file region expected actual count=0
  for md in docs/*.md README.md; do
    while IFS= read -r spec; do
      file="${spec%%#*}"
      region=""
      [ "$spec" != "$file" ] && region="${spec#*#}"
      [ -f "$file" ] || fail "$md: snippet source $file does not exist"
      if [ -n "$region" ]; then
        expected="$(source_region "$file" "$region")" || fail "$md: $file has no '// <$region>' ... '// </$region>' region"
      else
        expected="$(cat "$file")"
      fi
      actual="$(markdown_block "$md" "$spec")" || fail "$md: no fenced code block right after <!-- snippet: $spec -->"
      if [ "$expected" != "$actual" ]; then
        diff <(printf '%s\n' "$expected") <(printf '%s\n' "$actual") | head -40 >&2
        fail "$md: the block after <!-- snippet: $spec --> differs from $file (diff above: < source, > markdown)"
      fi
      count=$((count + 1))
    done < <(sed -n 's/^<!-- snippet: \(.*\) -->$/\1/p' "$md")
  done
  for md in docs/embedding.md docs/reviewers.md README.md; do
    grep -q '^<!-- snippet: samples/' "$md" || fail "$md has no snippet taken from a consumer project"
  done
  say "docs: $count snippets match their sources"
}

check_snippets

# --- 2. Pack ---------------------------------------------------------------------------------------------------------

version="$(dotnet msbuild src/EmrCat/EmrCat.csproj -getProperty:PackageVersion -p:Configuration=Release)" || fail "cannot read the package version"
version="$(echo "$version" | tr -d '[:space:]')"
[ -n "$version" ] || fail "empty package version"
say "packing version $version into $feed"

dotnet pack EmrCat.sln -c Release -nologo -v q -p:ContinuousIntegrationBuild=true -p:PackageOutputPath="$feed" \
  || fail "dotnet pack EmrCat.sln"

expected_files="$(printf '%s\n' "EmrCat.$version.nupkg" "EmrCat.$version.snupkg" "EmrCat.Testing.$version.nupkg" "EmrCat.Testing.$version.snupkg" | sort)"
actual_files="$(cd "$feed" && ls -1 | sort)"
[ "$expected_files" = "$actual_files" ] \
  || fail "the feed should hold exactly EmrCat and EmrCat.Testing (is IsPackable=false missing somewhere?); it holds: $(echo $actual_files)"

commit="$(git rev-parse HEAD 2>/dev/null || true)"
check_package() {
  local id="$1" nupkg="$feed/$1.$version.nupkg" snupkg="$feed/$1.$version.snupkg" nuspec listing
  nuspec="$(unzip -p "$nupkg" "$id.nuspec")" || fail "$id: no nuspec"
  listing="$(unzip -Z1 "$nupkg")"
  for needle in "<id>$id</id>" "<version>$version</version>" '<authors>EmrCat contributors</authors>' \
    '<license type="expression">MIT</license>' '<readme>README.md</readme>' '<tags>cat irt adaptive-testing psychometrics emr ems' \
    '<repository type="git" url="https://github.com/emrcat/emrcat"' '<description>'; do
    grep -qF "$needle" <<<"$nuspec" || fail "$id: the nuspec lacks $needle"
  done
  if [ -n "$commit" ]; then
    grep -qF "commit=\"$commit\"" <<<"$nuspec" || fail "$id: the nuspec's repository commit is not HEAD ($commit)"
  fi
  for file in README.md "lib/net10.0/$id.dll" "lib/net10.0/$id.xml"; do
    grep -qxF "$file" <<<"$listing" || fail "$id: the package lacks $file"
  done
  # (Read into variables and files first: with pipefail, "unzip | grep -q" can fail on SIGPIPE.)
  unzip -p "$snupkg" "lib/net10.0/$id.pdb" >"$work/$id.pdb" 2>/dev/null || fail "$id: the symbol package lacks $id.pdb"
  if [ -n "$commit" ]; then
    grep -aqE "https://raw\.githubusercontent\.com/[^\"]+/$commit/\*" "$work/$id.pdb" \
      || fail "$id: the PDB has no Source Link to GitHub at $commit"
  fi
  say "$id $version: metadata, README, XML docs, symbols and Source Link present"
}
check_package EmrCat
check_package EmrCat.Testing
testing_nuspec="$(unzip -p "$feed/EmrCat.Testing.$version.nupkg" EmrCat.Testing.nuspec)"
grep -qF "<dependency id=\"EmrCat\" version=\"$version\"" <<<"$testing_nuspec" || fail "EmrCat.Testing does not depend on EmrCat $version"
grep -qF '<dependency id="FsCheck"' <<<"$testing_nuspec" || fail "EmrCat.Testing does not depend on FsCheck"

# --- 3. Consumers ----------------------------------------------------------------------------------------------------

mkdir -p "$work/samples"
for consumer in EmrCat.Embedding EmrCat.Reviewing; do
  cp -r "samples/$consumer" "$work/samples/$consumer" || fail "copy $consumer"
  rm -rf "$work/samples/$consumer/bin" "$work/samples/$consumer/obj"
done

build_consumer() {
  local consumer="$1"
  say "restoring $consumer from the feed (packages folder $packages) and building it"
  dotnet build "$work/samples/$consumer/$consumer.csproj" -c Release -nologo -v q \
    -p:RestorePackagesPath="$packages" -p:EmrCatPackageVersion="$version" \
    || fail "build $consumer against the packages"
}

build_consumer EmrCat.Embedding
build_consumer EmrCat.Reviewing
for id in emrcat emrcat.testing; do
  cmp -s "$packages/$id/$version/$id.$version.nupkg" "$feed/$(cd "$feed" && ls | grep -ix "$id.$version.nupkg")" \
    || fail "$id $version was not restored from the package just packed"
done
say "both consumers restored the packages just packed"

say "running EmrCat.Embedding"
output="$(dotnet "$work/samples/EmrCat.Embedding/bin/Release/net10.0/EmrCat.Embedding.dll" 2>&1)"
status=$?
echo "$output"
[ $status -eq 0 ] || fail "EmrCat.Embedding exited $status"
grep -qE '^Decision: +(Pass|Fail|Undecided)$' <<<"$output" || fail "EmrCat.Embedding printed no decision"
grep -qE '^Scaled score: [0-9]+ ' <<<"$output" || fail "EmrCat.Embedding printed no scaled score"
grep -qE '^Items: +[0-9]+ scored \+ [0-9]+ pilot' <<<"$output" || fail "EmrCat.Embedding printed no counts"
grep -qE '^Bank: +EmrCat EMR Practice Bank \([0-9]+ items\)' <<<"$output" || fail "EmrCat.Embedding did not run on the bundled bank named in its appsettings.json"
# The meter's counters moved: one session started and ended, and every answer counted.
items="$(sed -n 's/^Items: .* in \([0-9]*\) answered$/\1/p' <<<"$output")"
grep -qE "^Counters: +emrcat\.sessions\.started=1 emrcat\.sessions\.ended=1 emrcat\.items\.administered=${items:-x}\$" <<<"$output" \
  || fail "EmrCat.Embedding's meter counters did not move as the session ran (expected started=1 ended=1 administered=$items)"

say "running EmrCat.Reviewing"
output="$(dotnet "$work/samples/EmrCat.Reviewing/bin/Release/net10.0/EmrCat.Reviewing.dll" 2>&1)"
status=$?
echo "$output"
[ $status -eq 0 ] || fail "EmrCat.Reviewing exited $status: a property failed on the sample bank"
[ "$(grep -c '^Ok, passed' <<<"$output")" -ge 5 ] || fail "EmrCat.Reviewing did not report five passing properties"

say "running EmrCat.Reviewing --demo-failure (must exit 1)"
output="$(dotnet "$work/samples/EmrCat.Reviewing/bin/Release/net10.0/EmrCat.Reviewing.dll" --demo-failure 2>&1)"
status=$?
echo "$output" | head -4
[ $status -eq 1 ] || fail "EmrCat.Reviewing --demo-failure exited $status, not 1: a failing property would not fail CI"
grep -q 'Falsifiable' <<<"$output" || fail "EmrCat.Reviewing --demo-failure did not report the counterexample"

echo "passed packages" >>"$results/steps.txt"
say "passed"
