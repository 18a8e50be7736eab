#!/usr/bin/env bash
# Publish the static native-AOT binary to out/personality. Quiet; fails on any error.
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! dotnet publish src/Personality -c Release -r linux-x64 -o out -nologo -v quiet -tl:off >"$log" 2>&1; then
  cat "$log" >&2
  echo "publish.sh: dotnet publish failed" >&2
  exit 1
fi
[ -x out/personality ] || { echo "publish.sh: out/personality was not produced" >&2; exit 1; }
echo "published out/personality ($(stat -c %s out/personality) bytes)"
