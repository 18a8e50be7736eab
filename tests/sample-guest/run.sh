#!/usr/bin/env bash
# run.sh: boot the sample guest with the published binary and show what it did.
# Builds the guest in a temp dir, attaches its two volumes to loop devices, runs
# `personality boot` twice inside a private mount namespace (nothing on the host changes),
# then detaches and removes everything. Needs root.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
[ "$(id -u)" -eq 0 ] || { echo "run.sh: run as root (loop devices and mount namespaces need it)" >&2; exit 1; }

# Publish when the binary is missing or older than any source file.
bin=${PERSONALITY_BIN:-$repo/out/personality}
if [ -z "${PERSONALITY_BIN:-}" ] && { [ ! -x "$bin" ] || [ -n "$(find "$repo/src" -newer "$bin" -type f \( -name '*.cs' -o -name '*.csproj' \) -print -quit)" ]; }; then
  bash "$repo/tests/publish.sh"
fi
[ -x "$bin" ] || { echo "run.sh: $bin is missing: run tests/publish.sh" >&2; exit 1; }

# Two devices with one label is an error by design: refuse to add a second sample-rw/sample-st.
for label in sample-rw sample-st sample-host sample-app; do
  if other=$(blkid -c /dev/null -t "LABEL=$label" -o device 2>/dev/null) && [ -n "$other" ]; then
    echo "run.sh: $other already carries label $label (an earlier run?); detach it first: losetup -d $other" >&2
    exit 1
  fi
done

work=$(mktemp -d /tmp/personality-sample.XXXXXX)
loops=()
cleanup() {
  for dev in "${loops[@]}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do losetup -d "$dev" 2>/dev/null && break; sleep 0.2; done
  done
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT

BIN="$bin" bash "$here/build.sh" "$work/guest"
tree=$work/guest/root
for img in "$work"/guest/volumes/sample-{rw,st,host,app}.img; do
  dev=$(losetup --find --show "$img")
  loops+=("$dev")
  echo "attached $(basename "$img" .img) as $dev"
done

# Everything below runs in private mount and UTS namespaces: the mounts and the hostname
# vanish when it exits.
echo
unshare -m -u --propagation private env BIN="$bin" TREE="$tree" bash -euo pipefail -c '
  show_mounts() {
    findmnt --list --noheadings -o TARGET,SOURCE,FSTYPE | awk -v t="$TREE" "index(\$1, t) == 1" \
      | sed "s|^$TREE||" | awk "{ printf \"  %-32s %-40s %s\n\", \$1, \$2, \$3 }"
  }
  count_mounts() { grep -c " $TREE" /proc/self/mountinfo || true; }

  echo "== personality boot --root TREE --cmdline readonlyroot"
  "$BIN" boot --root "$TREE" --cmdline "readonlyroot"
  echo
  echo "== mounts it made (TARGET in the guest, SOURCE[path inside it], TYPE)"
  show_mounts
  echo
  echo "== scratch area /var/lib/stateless/writable (the old junk is gone):"
  ls -A "$TREE/var/lib/stateless/writable" | sed "s/^/  /"
  echo "== state volume /var/lib/stateless/state holds the statetab copies:"
  (cd "$TREE/var/lib/stateless/state" && find . -mindepth 1 -maxdepth 3 ! -path "./lost+found*" | sort | sed "s/^/  /")
  echo
  echo "== the personality: hostname $(hostname), services in runlevel 3:"
  ls "$TREE/etc/rc.d/rc3.d" | sed "s/^/  /"
  echo
  echo "== personality status --root TREE (what an admin sees; the record is /var/run/personality/status.json)"
  "$BIN" status --root "$TREE" || echo "  (status exit $?)"
  echo
  before=$(count_mounts)
  echo "== second boot: changes nothing"
  "$BIN" boot --root "$TREE" --cmdline "readonlyroot"
  echo "mounts below the tree: $before before, $(count_mounts) after the second boot"
'
echo
echo "namespace gone: mounts below the tree on the host: $(grep -c " $tree" /proc/self/mountinfo || true)"
