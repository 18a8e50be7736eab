# Sourced by tests/bench/*.sh: builds the benchmark trees. Needs root (loop device, mkfs).
#   bench_init            makes $work (a fresh temp dir) and an EXIT trap that frees everything
#   build_stock DIR       stock Fedora rwtab (46 entries, every path present with small content)
#                         plus a 10-entry statetab on an ext4 state volume (loop device)
#   build_gen1000 DIR     a generated 1000-entry rwtab (a third each of empty, dirs and files)
# Both trees are scratch on tmpfs (no RW device is found by its random label).

bench_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bench_loops=()

bench_init() {
  work=$(mktemp -d /tmp/personality-bench.XXXXXX)
  trap bench_cleanup EXIT
}
bench_cleanup() {
  local l
  for l in "${bench_loops[@]}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do losetup -d "$l" 2>/dev/null && break; sleep 0.2; done
  done
  rm -rf --one-file-system "$work"
}
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

# populate_stock TREE RWTAB: every path of a stock rwtab present in TREE (a file where a real
# system has a file, else a directory with small content), and a 10-entry statetab of its own.
populate_stock() {
  local t=$1 stock=$2 type path i
  while read -r type path; do
    [ -n "${path:-}" ] || continue
    case "$type:$(basename "$path")" in
      files:adjtime|files:ntp.conf|files:resolv.conf|files:logrotate.status|files:localtime|files:random-seed|files:audit.log)
        populate "$t$path" file ;;
      *) populate "$t$path" dir ;;
    esac
  done <"$stock"
  for i in $(seq 0 9); do
    populate "$t/var/lib/bench-state/app$i" dir
    echo "/var/lib/bench-state/app$i"
  done >"$t/etc/statetab"
}

# build_stock DIR: also sets stock_state_image and stock_state_loop (the state volume).
build_stock() {
  local t=$1 stock=$bench_repo/../shared/data/rwtab.fedora state_label type path i
  [ -f "$stock" ] || stock=$bench_repo/tests/Personality.IntegrationTests/Data/rwtab.fedora
  state_label=$(label)
  skeleton "$t" "$(label)" "$state_label"
  cp "$stock" "$t/etc/rwtab"
  populate_stock "$t" "$stock"
  stock_state_image=$work/$(basename "$t")-state.img
  truncate -s 64M "$stock_state_image"
  mkfs.ext4 -q -F -L "$state_label" "$stock_state_image"
  stock_state_loop=$(losetup --find --show "$stock_state_image")
  bench_loops+=("$stock_state_loop")
}

build_gen1000() {
  local t=$1 types=(empty dirs files) i p type
  skeleton "$t" "$(label)" "$(label)"
  for i in $(seq 0 999); do
    p=$(printf '/srv/bench/e%04d' "$i")
    type=${types[$((i % 3))]}
    if [ "$type" = files ] && [ $((i % 2)) -eq 0 ]; then populate "$t$p" file; else populate "$t$p" dir; fi
    printf '%s\t%s\n' "$type" "$p"
  done >"$t/etc/rwtab"
}

# bench_binary: sets bin to the published binary, publishing first when a source is newer.
bench_binary() {
  bin=${PERSONALITY_BIN:-$bench_repo/out/personality}
  if [ -z "${PERSONALITY_BIN:-}" ] && { [ ! -x "$bin" ] || [ -n "$(find "$bench_repo/src" -newer "$bin" -type f -name '*.cs' -print -quit)" ]; }; then
    bash "$bench_repo/tests/publish.sh"
  fi
  [ -x "$bin" ] || { echo "bench: $bin is missing: run tests/publish.sh" >&2; exit 1; }
}
