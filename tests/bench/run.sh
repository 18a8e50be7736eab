#!/usr/bin/env bash
# tests/bench/run.sh [-n RUNS]: wall time and peak RSS of `personality boot` on two trees
# (tests/bench/trees.sh), each next to Red Hat's shell implementation of the same job
# (tests/bench/redhat-readonly-root.sh: blkid, cpio, find, cp and mount processes):
#   stock    the stock Fedora rwtab (46 entries, every path present with small content)
#            plus a 10-entry statetab on an ext4 state volume (loop device)
#   gen1000  a generated 1000-entry rwtab (a third each of empty, dirs and files)
# Every run is a fresh private mount namespace, so mounts never stack. The state volume keeps
# its copies between runs, as on real reboots: the warm-up run does the first-boot copy.
# A benchmark, not a test: it prints numbers and fails only when a boot cannot run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/trees.sh"
runs=20
shell_big_runs=3 # the shell takes seconds on gen1000 (its outermost check is quadratic)
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "usage: $0 [-n RUNS]" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" -eq 0 ] || { echo "bench: run as root (loop devices, mount namespaces)" >&2; exit 1; }
bench_binary
bench_init
shell=$here/redhat-readonly-root.sh
build_stock "$work/stock"
build_gen1000 "$work/gen1000"

# pct P: the P-th percentile (nearest rank) of the numbers on stdin.
pct() { sort -g | awk -v p="$1" '{ v[NR] = $1 } END { if (NR == 0) { print "n/a"; exit } r = int((p * NR + 99) / 100); if (r < 1) r = 1; print v[r] }'; }

# wall FILE RUNS COMMAND: writes the wall time in ms of each of RUNS runs of COMMAND (one
# string, split like a shell would, run without one) to FILE.
wall() {
  local out=$1 n=$2 command=$3
  : >"$out"
  if command -v hyperfine >/dev/null; then
    tool="hyperfine (includes unshare)"
    hyperfine --style none --runs "$n" -N --export-json "$out.json" "$command" >"$out.log" 2>&1 \
      || { cat "$out.log" >&2; exit 1; }
    sed -n '/"times"/,/]/p' "$out.json" | grep -oE '[0-9]+\.[0-9]+(e-?[0-9]+)?' \
      | awk '{ printf "%.3f\n", $1 * 1000 }' >"$out"
  else
    tool="date +%s%N around the command (includes unshare)"
    for _ in $(seq "$n"); do
      local t0 t1
      t0=$(date +%s%N); eval "$command" >/dev/null; t1=$(date +%s%N)
      awk -v d=$(( (t1 - t0) / 1000 )) 'BEGIN { printf "%.3f\n", d / 1000 }' >>"$out"
    done
  fi
}

# measure NAME TREE SHELL_RUNS: fills the globals ours_med ours_p90 self_med rss_med result
# shell_med shell_p90.
measure() {
  local name=$1 tree=$2 self_file=$work/$1.self rss_file=$work/$1.rss
  : >"$self_file"; : >"$rss_file"
  # Warm-up (and first-boot copy to the state volume, which the shell then finds too); must succeed.
  unshare -m --propagation private "$bin" boot --root "$tree" --cmdline "" >/dev/null
  wall "$work/$name.ours" "$runs" "unshare -m --propagation private $bin boot --root $tree --cmdline ''"
  wall "$work/$name.shell" "$3" "unshare -m --propagation private bash $shell $tree"
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
  ours_med=$(pct 50 <"$work/$name.ours"); ours_p90=$(pct 90 <"$work/$name.ours")
  shell_med=$(pct 50 <"$work/$name.shell"); shell_p90=$(pct 90 <"$work/$name.shell")
  self_med=$(pct 50 <"$self_file")
  rss_med=$(pct 50 <"$rss_file")
  [ "$rss_med" = n/a ] || rss_med=$(awk -v k="$rss_med" 'BEGIN { printf "%.1f MB", k / 1024 }')
  result=$(grep -m1 -oE '"result": *"[a-z]+"' "$tree/var/run/personality/status.json" | head -n1 | grep -oE '[a-z]+"$' | tr -d '"')
}

row() { printf '%-24s %8s %10s %10s %10s %10s %10s %10s  %s\n' "$@"; }
printf '%s: %s runs per case, each in a fresh mount namespace\n\n' "$(basename "$bin")" "$runs"
row case entries "median ms" "p90 ms" "self ms" "peak RSS" "shell ms" "shell p90" result
summary=()
for c in stock gen1000; do
  case $c in
    stock) label="stock Fedora + statetab" entries="46+10" shell_runs=$runs ;;
    *) label="generated rwtab" entries=1000 shell_runs=$(( runs < shell_big_runs ? runs : shell_big_runs )) ;;
  esac
  measure "$c" "$work/$c" "$shell_runs"
  row "$label" "$entries" "$ours_med" "$ours_p90" "$self_med" "$rss_med" "$shell_med" "$shell_p90" "$result"
  summary+=("$(awk -v c="$c" -v o="$ours_med" -v s="$shell_med" -v r="$rss_med" \
    'BEGIN { printf "%s: personality %.1f ms, shell %.1f ms, ratio %.1f (peak RSS of personality %s)", c, o, s, s / o, r }')")
done
echo
printf '%s\n' "${summary[@]}"
echo
echo "wall time: $tool; self ms: the record's totalMs; peak RSS: /usr/bin/time %M of boot alone"
echo "shell: $shell (bash, blkid, cpio, find, cp, mount) on the same trees and state volume;"
echo "       $runs runs on stock, $(( runs < shell_big_runs ? runs : shell_big_runs )) on gen1000"
echo "binary: $bin, $(stat -c %s "$bin") bytes ($(file -b "$bin" 2>/dev/null | cut -d, -f1-2 || echo '?'))"
