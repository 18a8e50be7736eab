#!/usr/bin/env bash
# tests/faults/run.sh [--quick] [--kill-rounds N] [--big MB] [--per-class N] [--keep]:
# fault injection at every syscall of `personality boot` (see tests/faults/README.md).
# Builds the fault tree once (tree.sh), counts each syscall class in one clean boot, then for
# each class and N makes the Nth call fail (strace inject, one boot per case, each on fresh copies
# in a fresh private mount namespace) and checks what is left (case.sh); then kill -9 rounds on a
# tree with large files. Prints a table; the per-case log is saved under TestResults/faults-*.
#   --quick          a small sample (first and middle call of each class, 3 kill rounds): < 60 s
#   --per-class N    at most N cases per syscall (default 60: every call up to 40, then spread)
#   --kill-rounds N  kill -9 rounds (default 30); --big MB: size of the large files (default 30)
# Needs root, strace, jq; never touches the host's mounts (every boot is in its own namespace).
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/tree.sh"
quick=no per_class=60 kill_rounds=30 big=30 keep=no
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=yes per_class=2 kill_rounds=3 big=20 ;;
    --per-class) per_class=$2; shift ;;
    --kill-rounds) kill_rounds=$2; shift ;;
    --big) big=$2; shift ;;
    --keep) keep=yes ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "usage: $0 [--quick] [--per-class N] [--kill-rounds N] [--big MB] [--keep]" >&2; exit 64 ;;
  esac
  shift
done
[ "$(id -u)" -eq 0 ] || { echo "faults: run as root (loop devices, mount namespaces)" >&2; exit 1; }
for c in strace jq losetup mkfs.ext4 unshare; do
  command -v "$c" >/dev/null || { echo "faults: $c is missing" >&2; exit 1; }
done
bench_binary
export PERSONALITY_BIN=$bin
work=$(mktemp -d /tmp/personality-faults.XXXXXX)
# case.sh frees its own loop devices; the work dir (images, trees) goes here, even on failure.
trap '[ "$keep" = yes ] || rm -rf --one-file-system "$work"' EXIT
results=$bench_repo/TestResults/faults-$(date +%Y%m%d-%H%M%S)-$$
mkdir -p "$results"
log=$results/cases.log

# The classes of the issue, with the errno each fails with (what such a call plausibly returns).
classes=(
  "mount:mount:EPERM"
  "umount:umount2:EBUSY"
  "rename:rename,renameat,renameat2:EIO"
  "open:open,openat:EIO"
  "write:write,pwrite64,writev:ENOSPC"
  "fsync:fsync,fdatasync,syncfs:EIO"
  "mkdir:mkdir,mkdirat:ENOSPC"
  "chown:chown,fchown,lchown,fchownat:EPERM"
  "copy:sendfile,copy_file_range:ENOSPC"
)
all=$(printf '%s\n' "${classes[@]}" | cut -d: -f2 | paste -sd,)

faults_build "$work/small" 0 >/dev/null
# Reference: one clean boot (mount points it leaves), then one traced clean boot for the counts.
mkdir -p "$work/ref"
ref_line=$("$here/case.sh" "$work/small" "$work/ref" 0 clean)
ref=$(wc -l <"$work/ref/clean/mounts")
echo "reference clean boot: $ref mount points below the tree" | tee "$log"
mkdir -p "$work/count"
"$here/case.sh" "$work/small" "$work/count" "$ref" inject "$all" EIO 65535 >/dev/null
"$here/count.sh" "$work/count/fault/strace.txt" >"$results/counts.txt"
echo "calls in one clean boot (name total max-per-process):" | tee -a "$log"
sed 's/^/  /' "$results/counts.txt" | tee -a "$log"

# picks MAX LIMIT: the Ns to inject: all when MAX <= LIMIT, else the first 2/3 of LIMIT and the
# rest spread evenly up to MAX (always including MAX). --quick: 1 and the middle one.
picks() {
  local max=$1 limit=$2 head i
  if [ "$quick" = yes ]; then { echo 1; [ "$max" -gt 1 ] && echo $(((max + 1) / 2)); } | sort -un; return; fi
  if [ "$max" -le "$limit" ]; then seq 1 "$max"; return; fi
  head=$((limit * 2 / 3))
  { seq 1 "$head"; for i in $(seq 1 $((limit - head))); do echo $((head + (max - head) * i / (limit - head))); done; } | sort -un
}

# one_case ARGS...: case.sh, once more when another test run took one of its loop devices away.
one_case() {
  local line
  line=$("$here/case.sh" "$@")
  case "$line" in interfered*) echo "  (retried: $line)" >&2; line=$("$here/case.sh" "$@") ;; esac
  echo "$line"
}

declare -A calls injected held lost half bad
n_case=0
for spec in "${classes[@]}" ; do
  IFS=: read -r cls names errno <<<"$spec"
  calls[$cls]=0 injected[$cls]=0 held[$cls]=0 lost[$cls]=0 half[$cls]=0 bad[$cls]=0
  for name in ${names//,/ }; do
    read -r _ total max < <(awk -v n="$name" '$1 == n' "$results/counts.txt") || continue
    calls[$cls]=$((calls[$cls] + total))
    for n in $(picks "$max" "$per_class"); do
      n_case=$((n_case + 1))
      mkdir -p "$work/case"
      line=$(one_case "$work/small" "$work/case" "$ref" inject "$name" "$errno" "$n")
      printf '%s %s=%s when=%s: %s\n' "$cls" "$name" "$errno" "$n" "$line" >>"$log"
      case "$line" in *injected=yes*) ;; *) continue ;; esac
      injected[$cls]=$((injected[$cls] + 1))
      v=${line%% *}
      case "$v" in held) held[$cls]=$((held[$cls] + 1)) ;; lost) lost[$cls]=$((lost[$cls] + 1)) ;;
        half) half[$cls]=$((half[$cls] + 1)) ;; *) bad[$cls]=$((bad[$cls] + 1)) ;; esac
      [ "$v" = held ] || echo "  $cls $name when=$n: $line"
    done
  done
done

# kill -9 rounds on a tree with large files in statetab paths and the app's state.
faults_build "$work/big" "$big" >/dev/null
mkdir -p "$work/bigref"
start=$(date +%s%N)
"$here/case.sh" "$work/big" "$work/bigref" 0 clean >/dev/null
# The round trip (copies, two boots, checks) over-estimates one boot; the first boot's own log
# has its duration ("... in 123.4 ms").
boot_ms=$(grep -oE 'in [0-9.]+ ms' "$work/bigref/fault/boot.log" | grep -oE '[0-9]+' | head -n1)
boot_ms=${boot_ms:-$((($(date +%s%N) - start) / 2000000))}
# Delays spread over 0..one boot (at least 50 ms), so the kill lands inside the boot.
span=$((boot_ms > 50 ? boot_ms : 50))
echo "kill -9: one boot on the large-file tree takes ${boot_ms} ms; delays 0..${span} ms" | tee -a "$log"
bigref=$(wc -l <"$work/bigref/clean/mounts")
k_held=0 k_lost=0 k_half=0 k_bad=0 k_killed=0 k_temps=0
for r in $(seq 1 "$kill_rounds"); do
  delay=$((RANDOM % (span + 1)))
  mkdir -p "$work/kcase"
  line=$(one_case "$work/big" "$work/kcase" "$bigref" kill "$delay")
  printf 'kill round %s delay=%sms: %s\n' "$r" "$delay" "$line" >>"$log"
  case "$line" in *injected=yes*) k_killed=$((k_killed + 1)) ;; esac
  case "$line" in *temporaries=0*) ;; *temporaries=*) k_temps=$((k_temps + 1)) ;; esac
  v=${line%% *}
  case "$v" in held) k_held=$((k_held + 1)) ;; lost) k_lost=$((k_lost + 1)) ;; half) k_half=$((k_half + 1)) ;; *) k_bad=$((k_bad + 1)) ;; esac
  [ "$v" = held ] || echo "  kill round $r delay=${delay}ms: $line"
done

t_inj=0 t_fail=0
for spec in "${classes[@]}"; do
  cls=${spec%%:*}
  t_inj=$((t_inj + injected[$cls])); t_fail=$((t_fail + lost[$cls] + half[$cls] + bad[$cls]))
done
{
  echo
  printf '%-8s %6s %9s %5s %5s %12s %5s\n' class calls injected held lost half-applied bad
  for spec in "${classes[@]}"; do
    cls=${spec%%:*}
    printf '%-8s %6s %9s %5s %5s %12s %5s\n' "$cls" "${calls[$cls]}" "${injected[$cls]}" "${held[$cls]}" "${lost[$cls]}" "${half[$cls]}" "${bad[$cls]}"
  done
  printf 'kill -9: %s rounds (%s killed mid-boot, the rest had finished; %s left a temporary: killed inside a copy): %s held, %s lost, %s half-applied, %s bad\n' \
    "$kill_rounds" "$k_killed" "$k_temps" "$k_held" "$k_lost" "$k_half" "$k_bad"
  echo "$n_case cases run, $t_inj injected (a case whose call number no process reached injects nothing)"
  echo "log: $log"
} | tee -a "$log"
passed=$((t_inj - t_fail + k_held)) failed=$((t_fail + kill_rounds - k_held))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
