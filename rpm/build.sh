#!/usr/bin/env bash
# Build the binary RPM into out/rpm/ from the published out/personality (run
# tests/publish.sh first, or pass --publish). Needs rpmbuild (Debian: the rpm package).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
[ "${1:-}" = "--publish" ] && bash tests/publish.sh
[ -x out/personality ] || { echo "rpm/build.sh: out/personality is missing; run tests/publish.sh" >&2; exit 1; }
command -v rpmbuild >/dev/null || { echo "rpm/build.sh: rpmbuild not found (apt-get install rpm)" >&2; exit 1; }
version=$(out/personality --version | awk '{print $2}')
top=$(mktemp -d)
trap 'rm -rf "$top"' EXIT
mkdir -p out/rpm
# --nodeps: the build host is Debian, not an RPM system. A gzip payload: old guests' rpm
# (CentOS 5/6) cannot read the newer default compressions.
if ! rpmbuild -bb --nodeps --quiet \
    --define "_topdir $top" --define "srcdir $repo" --define "pversion $version" \
    --define "_rpmdir $repo/out/rpm" --define "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm" \
    --define "_binary_payload w9.gzdio" \
    rpm/personality.spec >"$top/log" 2>&1; then
  cat "$top/log" >&2
  echo "rpm/build.sh: rpmbuild failed" >&2
  exit 1
fi
rpm=out/rpm/personality-$version-1.x86_64.rpm
[ -f "$rpm" ] || { echo "rpm/build.sh: $rpm was not produced" >&2; exit 1; }
echo "built $rpm ($(stat -c %s "$rpm") bytes)"
