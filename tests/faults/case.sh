#!/usr/bin/env bash
# case.sh DIR CASEDIR REF_MOUNTS MODE [ARG...]: one fault case on fresh copies of DIR's pristine
# tree and volume images (tree.sh). Runs the faulted boot (ns-boot.sh MODE ARG...), checks what it
# left, then a clean boot in a fresh namespace on the same tree and images, and checks that.
# Prints one line: "VERDICT rc=RC result=RESULT injected=yes|no|- PROBLEMS" where VERDICT is
#   held  every check passed
#   lost  no usable record, existing data changed, or the record says applied for a boot that
#         did not do everything
#   half  a partial copy at a real path or a stacked mount (after the fault or the clean boot)
#   bad   the exit status is outside the contract, or the clean boot afterwards is not right
#   interfered  one of our loop devices was detached by someone else meanwhile (no verdict)
# REF_MOUNTS is the number of mount points a clean boot leaves below the tree.
set -u
here=$(cd "$(dirname "$0")" && pwd)
dir=$1 cd_=$2 ref=$3
shift 3
bin=${PERSONALITY_BIN:?}
mkdir -p "$cd_/fault" "$cd_/clean"
tree=$cd_/tree
loops=()
cleanup() {
  local l
  for l in "${loops[@]}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do losetup -d "$l" 2>/dev/null && break; sleep 0.2; done
  done
  rm -rf --one-file-system "$tree" "$cd_"/*.img
}
trap cleanup EXIT
cp -a "$dir/pristine-tree" "$tree"
for v in state host app; do
  cp --sparse=always "$dir/$v.img" "$cd_/$v.img"
  loops+=("$(losetup --find --show "$cd_/$v.img")") || { echo "bad rc=- result=- injected=- losetup failed"; exit 0; }
done

problems=() verdict=held
flag() { # flag KIND TEXT: worst kind wins (lost > half > bad > held)
  problems+=("$2")
  case "$1:$verdict" in
    lost:*) verdict=lost ;;
    half:held|half:bad) verdict=half ;;
    bad:held) verdict=bad ;;
  esac
}

status=$tree/var/run/personality/status.json
unshare -m -u --propagation private "$here/ns-boot.sh" "$bin" "$tree" "$dir/pristine-tree" "$cd_/fault" "$@"
rc=$(cat "$cd_/fault/rc")
injected=-
[ "$1" = inject ] && { grep -q INJECTED "$cd_/fault/strace.txt" 2>/dev/null && injected=yes || injected=no; }
[ "$1" = kill ] && [ "$rc" = 137 ] && injected=yes
case "$1:$rc" in
  *:0|*:10|*:11|*:12|*:13|*:14) ;;
  kill:137) ;;                           # killed: no status of its own to judge
  *) flag bad "exit status $rc outside the contract" ;;
esac
result=-
if [ -f "$status" ] && result=$(jq -er '.result' "$status" 2>/dev/null); then
  cp "$status" "$cd_/fault/status.json"
else
  # A killed boot may die before it writes the record; anything else must leave one.
  result=none
  [ "$1" = kill ] || flag lost "no status.json, or it does not parse"
fi
[ -s "$cd_/fault/stacked" ] && flag half "stacked mounts after the fault: $(tr '\n' ' ' <"$cd_/fault/stacked")"
[ -s "$cd_/fault/scratch-bad" ] && flag half "rwtab bind shows a partial copy: $(tr '\n' ' ' <"$cd_/fault/scratch-bad")"
vol=$("$here/check-volumes.sh" "$dir" "$tree" "${loops[@]}" partial)
# "note:" lines are temporaries left by the convention: counted (a kill inside a copy), not a problem.
temps=$(grep -c '^note:' <<<"$vol")
while IFS= read -r p; do
  case "$p" in ""|note:*) ;; *) flag "${p%%:*}" "after the fault: $p" ;; esac
done <<<"$vol"
# A record that says "applied" must mean everything was done: the same mounts as a clean boot
# and complete copies. (A fault the product absorbs, e.g. a failed read it retries, is fine.)
if [ "$1" = inject ] && [ "$result" = applied ]; then
  n=$(wc -l <"$cd_/fault/mounts")
  missing=$("$here/check-volumes.sh" "$dir" "$tree" "${loops[@]}" complete | grep -c '^missing' || true)
  [ "$n" -eq "$ref" ] && [ "$missing" -eq 0 ] || flag lost "result applied but $n of $ref mounts, $missing things missing"
fi

# The next clean boot, in a fresh namespace, must set everything up from whatever was left.
rm -f "$status"
unshare -m -u --propagation private "$here/ns-boot.sh" "$bin" "$tree" "$dir/pristine-tree" "$cd_/clean" clean
crc=$(cat "$cd_/clean/rc")
cres=$(jq -er '.result' "$status" 2>/dev/null || echo none)
[ "$crc" = 0 ] || flag bad "clean boot after: exit $crc"
# Other tests' loop devices come and go while boot scans the machine: a probe warning about a
# device that is not ours makes a run "degraded" without saying anything about this tree.
host_noise_only() {
  jq -e --arg a "${loops[0]}" --arg b "${loops[1]}" --arg c "${loops[2]}" '
    (.errors | length) == 0 and ([.steps[] | select(.result == "failed")] | length) == 0 and
    all(.warnings[]; (.message | test("/dev/")) and (.message | contains($a) or contains($b) or contains($c) | not))' \
    "$status" >/dev/null 2>&1
}
[ "$cres" = degraded ] && host_noise_only && cres="degraded (host noise: $(jq -c '[.warnings[].message]' "$status"))" && problems+=("$cres") && cres=applied
case "$cres" in applied|unchanged) ;; *) flag bad "clean boot after: result $cres ($(jq -c '[.errors[]?, .warnings[]?, (.steps[]? | select(.result == "failed") | .target + ": " + (.detail // ""))]' "$status" 2>/dev/null))" ;; esac
n=$(wc -l <"$cd_/clean/mounts")
[ "$n" -eq "$ref" ] || flag bad "clean boot after: $n mount points, want $ref"
[ -s "$cd_/clean/stacked" ] && flag half "stacked mounts after the clean boot: $(tr '\n' ' ' <"$cd_/clean/stacked")"
[ -s "$cd_/clean/scratch-bad" ] && flag half "clean boot: rwtab bind shows a partial copy: $(tr '\n' ' ' <"$cd_/clean/scratch-bad")"
vol=$("$here/check-volumes.sh" "$dir" "$tree" "${loops[@]}" complete)
while IFS= read -r p; do
  [ -n "$p" ] || continue
  case "$p" in missing:*) flag bad "after the clean boot: $p" ;; *) flag "${p%%:*}" "after the clean boot: $p" ;; esac
done <<<"$vol"

# Other test runs on this machine attach and detach loop devices too: one that detaches a device
# by name after it was reused (a retried `losetup -d`) takes ours away mid-case. Such a case says
# nothing about the product: report "interfered" (run.sh runs it again).
for i in 0 1 2; do
  v=(state host app)
  back=$(losetup -nO BACK-FILE "${loops[$i]}" 2>/dev/null)
  [ "$back" = "$cd_/${v[$i]}.img" ] || { verdict=interfered; problems+=("${loops[$i]} no longer backs ${v[$i]}.img"); }
done
printf '%s rc=%s result=%s injected=%s temporaries=%s%s\n' "$verdict" "$rc" "$result" "$injected" "$temps" \
  "$( ((${#problems[@]})) && printf ' | %s' "${problems[@]}")"
