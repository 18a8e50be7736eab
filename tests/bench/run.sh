#!/usr/bin/env bash
# tests/bench/run.sh [-n RUNS]: wall time and peak RSS of `personality boot` on two trees:
#   stock    the stock Fedora rwtab (46 entries, every path present with small content)
#            plus a 10-entry statetab on an ext4 state volume (loop device)
#   gen1000  a generated 1000-entry rwtab (a third each of empty, dirs and files)
# Every run is a fresh private mount namespace, so mounts never stack. The state volume keeps
# its copies between runs, as on real reboots: the warm-up run does the first-boot copy.
# A benchmark, not a test: it prints numbers and fails only when a boot cannot run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
runs=20
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "usage: $0 [-n RUNS]" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" -eq 0 ] || { echo "bench: run as root (loop devices, mount namespaces)" >&2; exit 1; }

bin=${PERSONALITY_BIN:-$repo/out/personality}
if [ -z "${PERSONALITY_BIN:-}" ] && { [ ! -x "$bin" ] || [ -n "$(find "$repo/src" -newer "$bin" -type f -name '*.cs' -print -quit)" ]; }; then
  bash "$repo/tests/publish.sh"
fi
[ -x "$bin" ] || { echo "bench: $bin is missing: run tests/publish.sh" >&2; exit 1; }

work=$(mktemp -d /tmp/personality-bench.XXXXXX)
loop=""
cleanup() {
  if [ -n "$loop" ]; then
    for _ in 1 2 3 4 5 6 7 8 9 10; do losetup -d "$loop" 2>/dev/null && break; sleep 0.2; done
  fi
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT
label() { printf 'pb%s' "$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')"; }

# populate PATH KIND: a directory with a little realistic content, or a small file.
populate() {
  local p=$1
  if [ "$2" = file ]; then
    mkdir -p "$(dirname "$p")"; head -c 300 /dev/urandom | base64 >"$p"; return
  fi
  mkdir -p "$p/sub/deeper"
  head -c 2000 /dev/urandom | base64 >"$p/data.log"
  printf 'key=value\n' >"$p/settings.conf"
  head -c 700 /dev/urandom | base64 >"$p/sub/cache.bin"
  printf 'x\n' >"$p/sub/deeper/marker"
  ln -s data.log "$p/current"
}
skeleton() {
  mkdir -p "$1/etc/sysconfig" "$1/var/run" "$1/var/log" "$1/var/lib/stateless/writable" "$1/var/lib/stateless/state"
  printf 'READONLY=yes\nRW_LABEL=%s\nSTATE_LABEL=%s\n' "$2" "$3" >"$1/etc/sysconfig/readonly-root"
}

# --- tree 1: stock Fedora rwtab + statetab on a state volume
stock=$repo/../shared/data/rwtab.fedora
[ -f "$stock" ] || stock=$repo/tests/Personality.IntegrationTests/Data/rwtab.fedora
t1=$work/stock
state_label=$(label)
skeleton "$t1" "$(label)" "$state_label"
cp "$stock" "$t1/etc/rwtab"
while read -r type path; do
  [ -n "${path:-}" ] || continue
  case "$type:$(basename "$path")" in
    files:adjtime|files:ntp.conf|files:resolv.conf|files:logrotate.status|files:localtime|files:random-seed|files:audit.log)
      populate "$t1$path" file ;;
    *) populate "$t1$path" dir ;;
  esac
done <"$stock"
for i in $(seq 0 9); do
  populate "$t1/var/lib/bench-state/app$i" dir
  echo "/var/lib/bench-state/app$i"
done >"$t1/etc/statetab"
truncate -s 64M "$work/state.img"
mkfs.ext4 -q -F -L "$state_label" "$work/state.img"
loop=$(losetup --find --show "$work/state.img")

# --- tree 2: 1000 generated entries
t2=$work/gen1000
skeleton "$t2" "$(label)" "$(label)"
types=(empty dirs files)
for i in $(seq 0 999); do
  p=$(printf '/srv/bench/e%04d' "$i")
  type=${types[$((i % 3))]}
  if [ "$type" = files ] && [ $((i % 2)) -eq 0 ]; then populate "$t2$p" file; else populate "$t2$p" dir; fi
  printf '%s\t%s\n' "$type" "$p"
done >"$t2/etc/rwtab"

# pct P: the P-th percentile (nearest rank) of the numbers on stdin.
pct() { sort -g | awk -v p="$1" '{ v[NR] = $1 } END { if (NR == 0) { print "n/a"; exit } r = int((p * NR + 99) / 100); if (r < 1) r = 1; print v[r] }'; }

# measure NAME TREE: fills the globals wall_med wall_p90 self_med rss_med and tool.
measure() {
  local name=$1 tree=$2 ms_file=$work/$1.wall self_file=$work/$1.self rss_file=$work/$1.rss
  : >"$ms_file"; : >"$self_file"; : >"$rss_file"
  # Warm-up (and first-boot copy to the state volume); must succeed.
  unshare -m --propagation private "$bin" boot --root "$tree" --cmdline "" >/dev/null
  if command -v hyperfine >/dev/null; then
    tool="hyperfine (includes unshare)"
    hyperfine --style none --runs "$runs" -N --export-json "$work/$name.json" \
      "unshare -m --propagation private $bin boot --root $tree --cmdline ''" >/dev/null
    sed -n '/"times"/,/]/p' "$work/$name.json" | grep -oE '[0-9]+\.[0-9]+(e-?[0-9]+)?' \
      | awk '{ printf "%.3f\n", $1 * 1000 }' >"$ms_file"
  else
    tool="date +%s%N around boot"
    for _ in $(seq "$runs"); do
      BIN=$bin TREE=$tree unshare -m --propagation private bash -c \
        't0=$(date +%s%N); "$BIN" boot --root "$TREE" --cmdline "" >/dev/null; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000 ))' \
        | awk '{ printf "%.3f\n", $1 / 1000 }' >>"$ms_file"
    done
  fi
  # Peak RSS of the boot process itself (time runs inside the namespace), and boot's own totalMs.
  for _ in $(seq "$runs"); do
    if [ -x /usr/bin/time ]; then
      BIN=$bin TREE=$tree OUT=$rss_file unshare -m --propagation private bash -c \
        '/usr/bin/time -f %M -a -o "$OUT" "$BIN" boot --root "$TREE" --cmdline "" >/dev/null'
    else
      unshare -m --propagation private "$bin" boot --root "$tree" --cmdline "" >/dev/null
    fi
    grep -oE '"totalMs": *[0-9.]+' "$tree/var/run/personality/status.json" | grep -oE '[0-9.]+$' >>"$self_file" || true
  done
  wall_med=$(pct 50 <"$ms_file"); wall_p90=$(pct 90 <"$ms_file")
  self_med=$(pct 50 <"$self_file")
  rss_med=$(pct 50 <"$rss_file")
  [ "$rss_med" = n/a ] || rss_med=$(awk -v k="$rss_med" 'BEGIN { printf "%.1f MB", k / 1024 }')
  result=$(grep -m1 -oE '"result": *"[a-z]+"' "$tree/var/run/personality/status.json" | head -n1 | grep -oE '[a-z]+"$' | tr -d '"')
}

printf '%s: %s runs per case, each in a fresh mount namespace\n\n' "$(basename "$bin")" "$runs"
printf '%-28s %8s %10s %10s %10s %10s  %s\n' case entries "median ms" "p90 ms" "self ms" "peak RSS" result
measure stock "$t1"
printf '%-28s %8s %10s %10s %10s %10s  %s\n' "stock Fedora + statetab" "46+10" "$wall_med" "$wall_p90" "$self_med" "$rss_med" "$result"
measure gen1000 "$t2"
printf '%-28s %8s %10s %10s %10s %10s  %s\n' "generated rwtab" 1000 "$wall_med" "$wall_p90" "$self_med" "$rss_med" "$result"
echo
echo "wall time: $tool; self ms: the record's totalMs; peak RSS: /usr/bin/time %M of boot alone"
echo "binary: $bin, $(stat -c %s "$bin") bytes ($(file -b "$bin" 2>/dev/null | cut -d, -f1-2 || echo '?'))"
