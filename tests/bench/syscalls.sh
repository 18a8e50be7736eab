#!/usr/bin/env bash
# tests/bench/syscalls.sh [stock|gen1000] [--first]: the syscalls of one `personality boot`
# (strace -c -f, in a fresh private mount namespace) on a benchmark tree (tests/bench/trees.sh).
# By default a warm-up boot runs first (the state volume's first-boot copy), as in run.sh;
# --first counts that first boot instead. Prints strace's table, then totals.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/trees.sh"
case_name=stock first=no
for a in "$@"; do
  case "$a" in
    stock|gen1000) case_name=$a ;;
    --first) first=yes ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) echo "usage: $0 [stock|gen1000] [--first]" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" -eq 0 ] || { echo "syscalls: run as root (loop devices, mount namespaces)" >&2; exit 1; }
command -v strace >/dev/null || { echo "syscalls: strace is missing (apt-get install strace)" >&2; exit 1; }
bench_binary
bench_init
tree=$work/$case_name
"build_$case_name" "$tree"

boot() { unshare -m --propagation private "$@" "$bin" boot --root "$tree" --cmdline "" >/dev/null; }
[ "$first" = yes ] || boot
boot strace -c -f -o "$work/strace.txt"
cat "$work/strace.txt"
status=$tree/var/run/personality/status.json
printf '\n%s boot (%s): %s syscalls, %s errors; result %s\n' "$case_name" \
  "$([ "$first" = yes ] && echo first || echo after a warm-up)" \
  "$(awk '$NF == "total" { print $(NF-2) }' "$work/strace.txt")" \
  "$(awk '$NF == "total" && NF == 6 { print $(NF-1) }' "$work/strace.txt")" \
  "$(grep -m1 -oE '"result": *"[a-z]+"' "$status" | grep -oE '[a-z]+"$' | tr -d '"')"

# The rwtab copies run after the scratch tmpfs is mounted, the rwtab planned and the mount table
# read, and before the first bind (all copies, then all binds): count the calls in that stretch
# of a full trace and divide by the entries copied.
[ "$first" = yes ] && exit 0
boot strace -f -o "$work/trace.txt"
calls=$(awk '/, "tmpfs", / { tmpfs = 1 } tmpfs && /mountinfo/ { table = 1 } table && !counting && /close\(/ { counting = 1; next }
  counting && /MS_BIND/ { exit } counting { n++ } END { print n + 0 }' "$work/trace.txt")
entries=$(awk '/"stage":/ { rwtab = /"rwtab"/ } /"action":/ { copy = /"copy"/ }
  rwtab && copy && match($0, /"detail": *"[0-9]+ created, [0-9]+ replaced/) {
    split(substr($0, RSTART, RLENGTH), w, /[^0-9]+/); n += w[2] + w[3]; rwtab = copy = 0 }
  END { print n + 0 }' "$status")
awk -v c="$calls" -v e="$entries" 'BEGIN { printf "rwtab copies: %d syscalls for %d entries copied (files, directories, links): %.1f per entry\n", c, e, e ? c / e : 0 }'
