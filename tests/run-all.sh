#!/usr/bin/env bash
# The one command that runs every test: publish the binary, run unit and integration tests,
# then the VM test (tests/vm/run.sh: QEMU guests booting the RPM; skip it with --no-vm), print
# "N passed, N failed" summed over all of them, and fail on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
vm=yes
case "${1:-}" in
  --no-vm) vm=no ;;
  "") ;;
  *) echo "usage: tests/run-all.sh [--no-vm]" >&2; exit 2 ;;
esac

bash tests/publish.sh || { echo "0 passed, 1 failed"; exit 1; }
export PERSONALITY_BIN="$repo/out/personality"

results="$repo/TestResults/run-$(date +%Y%m%d-%H%M%S)-$$"
mkdir -p "$results"
dotnet test Personality.sln -nologo -tl:off --logger trx --results-directory "$results"
rc=$?

# Sum the Counters of every .trx (one per test project).
passed=0 failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
# A build failure or a crashed test host leaves no (or too few) results: count it as a failure.
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
if [ "$vm" = yes ]; then
  vmlog=$(mktemp)
  bash tests/vm/run.sh 2>&1 | tee "$vmlog"
  vmrc=${PIPESTATUS[0]}
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$vmlog" | tail -n1)
  rm -f "$vmlog"
  vmpassed=$(cut -d' ' -f1 <<<"${line:-0 passed, 0 failed}")
  vmfailed=$(cut -d' ' -f3 <<<"${line:-0 passed, 0 failed}")
  [ "$vmrc" -eq 0 ] || [ "$vmfailed" -gt 0 ] || vmfailed=1
  passed=$((passed + vmpassed))
  failed=$((failed + vmfailed))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
