#!/usr/bin/env bash
# ns-boot.sh BIN TREE PRISTINE OUT MODE [ARG...]: runs inside a fresh private mount + UTS
# namespace (run.sh/case.sh start it with `unshare -m -u --propagation private`), so whatever
# boot mounts dies with the namespace and the host's mounts and hostname are never touched.
# Runs one boot, then looks at the namespace while its mounts still exist:
#   MODE clean                     a plain boot
#   MODE inject SYSCALL ERRNO N    the Nth SYSCALL of each traced process fails with ERRNO
#                                  (strace; OUT/strace.txt marks the call "(INJECTED)")
#   MODE kill DELAY_MS             kill -9 the boot after DELAY_MS
# Writes OUT/rc (boot's exit status), OUT/mounts (mount points below TREE, one a line),
# OUT/stacked (mount points that appear more than once), OUT/scratch-bad (rwtab "files" entries
# bound at their real path whose content differs from the pristine tree: a half copy shown).
set -u
bin=$1 tree=$2 pristine=$3 out=$4 mode=$5
shift 5
boot=("$bin" boot --root "$tree" --cmdline "")
case "$mode" in
  clean) timeout -s KILL 60 "${boot[@]}" >"$out/boot.log" 2>&1; echo $? >"$out/rc" ;;
  inject)
    # Only SYSCALL is traced: the others run at full speed, and the trace stays small.
    timeout -s KILL 120 strace -f -o "$out/strace.txt" -e trace="$1" -e inject="$1:error=$2:when=$3" \
      "${boot[@]}" >"$out/boot.log" 2>&1
    echo $? >"$out/rc" ;;
  kill)
    "${boot[@]}" >"$out/boot.log" 2>&1 &
    pid=$!
    sleep "$(awk -v m="$1" 'BEGIN { printf "%.3f", m / 1000 }')"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null; echo $? >"$out/rc" ;;
  *) echo "ns-boot: unknown mode $mode" >&2; exit 2 ;;
esac

# Mount points are field 5 of mountinfo (octal escapes kept: they only need to compare equal).
awk -v t="$tree" 'index($5, t) == 1 { print $5 }' /proc/self/mountinfo >"$out/mounts"
sort "$out/mounts" | uniq -d >"$out/stacked"

# A bind at a real path must show a whole copy: compare each bound rwtab "files" entry with the
# pristine tree (content, names and symlink targets; not modes, which the copy keeps anyway).
: >"$out/scratch-bad"
while read -r type path; do
  [ "$type" = files ] && [ -n "${path:-}" ] || continue
  mountpoint -q "$tree$path" || continue
  diff -r --no-dereference "$pristine$path" "$tree$path" >/dev/null 2>&1 || echo "$path" >>"$out/scratch-bad"
done <"$pristine/etc/rwtab"
exit 0
