#!/usr/bin/env bash
# The one command that runs every test: publish the binary, run unit and integration tests,
# the rc.sysinit hook's fallback contract (tests/vm/hook-contract-test.sh, about a second), a
# sample of the fault injection (tests/faults/run.sh --quick, about 25 s), the short deterministic
# fuzz run (tests/Personality.Fuzz, about a minute), then the VM test
# (tests/vm/run.sh: QEMU guests booting the RPM, tests/vm/systemd-test.sh: a systemd guest and
# the unit's fallback, tests/fleet/run.sh: a rack of 10 guests on libvirt; skip them with
# --no-vm), print "N passed,
# N failed" summed over all of them, and fail on any failure.
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
# run_counted SCRIPT [ARG...]: runs a script that ends with "N passed, N failed" and adds its counts
# (a non-zero exit without a failure counted is one failure).
run_counted() {
  local log rc line p f
  log=$(mktemp)
  bash "$@" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n1)
  rm -f "$log"
  p=$(cut -d' ' -f1 <<<"${line:-0 passed, 0 failed}")
  f=$(cut -d' ' -f3 <<<"${line:-0 passed, 0 failed}")
  [ "$rc" -eq 0 ] || [ "$f" -gt 0 ] || f=1
  passed=$((passed + p))
  failed=$((failed + f))
}
run_counted tests/vm/hook-contract-test.sh
# A small sample of the fault injection (tests/faults: the first and middle call of each syscall
# class fails, 3 kill -9 rounds; about 25 s). The full run is too long for every test run.
run_counted tests/faults/run.sh --quick
# The short fuzz run: the same inputs every time; it prints "fuzz: N inputs over K targets, 0 crashes".
# Any crash (printed with its input) is one failure.
if dotnet run --project tests/Personality.Fuzz -c Release -- --seed 1 --iterations 4000; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
fi
if [ "$vm" = yes ]; then
  run_counted tests/vm/run.sh
  # The systemd guest: the unit, its fallback and its timeout (a Debian root from debootstrap).
  run_counted tests/vm/systemd-test.sh
  # The rack: 10 guests through libvirt (its own daemons), role swap, image upgrade, a failing roll.
  run_counted tests/fleet/run.sh
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
