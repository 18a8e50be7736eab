#!/usr/bin/env bash
# The fallback contract between `personality boot` and its rc.sysinit hook (personality(8),
# FALLBACK CONTRACT), at shell level, in about a second and without root. The VM test's
# CentOS-shaped rc.sysinit (tests/vm/guest/rc.sysinit) is hooked with personality-rcsysinit;
# its part from the readonly-root section to the read-write remount is run with sh, with its
# absolute paths moved into a scratch directory, a stub /sbin/personality per case, and stub
# mount, sulogin and halt that only log (halt also ends the shell, as halt -f ends a boot).
# Each check says whether Red Hat's built-in readonly-root ran and whether the boot went on.
# Prints one line per check and "N passed, N failed"; exits 1 on any failure.
#   tests/vm/hook-contract-test.sh [--hook PATH]    the hook to test (default: initscripts/)
set -uo pipefail
cd "$(dirname "$0")/../.."
hook=$(pwd)/initscripts/personality-rcsysinit
if [ "${1:-}" = --hook ]; then hook=$2; fi
pass=0; fail=0
check() { local name=$1; shift; if "$@" >/dev/null 2>&1; then echo "PASS $name"; pass=$((pass+1)); else echo "FAIL $name"; fail=$((fail+1)); fi; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

# Stubs: each logs its command line to $LOG.
mkdir -p "$work/stubs"
for c in mount swapon hostname; do printf '#!/bin/sh\necho "%s $*" >>"$LOG"\n' "$c" >"$work/stubs/$c"; done
printf '#!/bin/sh\necho "sulogin $*" >>"$LOG"\n[ -z "${NO_SULOGIN:-}" ] || exit 127\n' >"$work/stubs/sulogin"
printf '#!/bin/sh\necho "halt $*" >>"$LOG"\nkill -KILL $PPID\n' >"$work/stubs/halt"
chmod +x "$work/stubs/"*

# section FILE: from the readonly-root comment to the end of the remount (before `mount -a`).
section() { sed -n '/^# readonly-root$/,/^# mount -a/p' "$1" | sed '$d'; }

cp tests/vm/guest/rc.sysinit "$work/rc.sysinit.orig"
cp "$work/rc.sysinit.orig" "$work/rc.sysinit"
sh "$hook" install --file "$work/rc.sysinit" >/dev/null
section "$work/rc.sysinit" >"$work/hooked-section"
check "the hooked section holds the managed block and the built-in block" \
  bash -c "grep -q '^# >>> personality-rcsysinit' '$work/hooked-section' && grep -q 'built-in readonly-root block running' '$work/hooked-section'"
check "docs/deploying.md shows the block as install writes it" \
  bash -c "cmp <(sed -n '/^# >>> personality-rcsysinit/,/^# <<< personality-rcsysinit/p' '$work/rc.sysinit') \
               <(sed -n '/^# >>> personality-rcsysinit/,/^# <<< personality-rcsysinit/p' docs/deploying.md)"

# boot NAME READONLY STUB [ENV...]: runs SECTION (default the hooked one) as rc.sysinit would, with
# /sbin/personality a stub whose body is STUB ("missing": none; "noexec": not executable).
boot() {
  local name=$1 readonly=$2 stub=$3; shift 3
  local d="$work/case-$name"
  mkdir -p "$d/sbin" "$d/etc/sysconfig" "$d/run"
  printf 'READONLY=%s\n' "$readonly" >"$d/etc/sysconfig/readonly-root"
  case $stub in
    missing) ;;
    *) printf '#!/bin/sh\necho "personality $*" >>"$LOG"\n%s\n' "${stub#noexec:}" >"$d/sbin/personality"
       case $stub in noexec:*) chmod -x "$d/sbin/personality" ;; *) chmod +x "$d/sbin/personality" ;; esac ;;
  esac
  {
    echo 'cmdline=ro'
    sed -e "s|/sbin/personality|$d/sbin/personality|g" -e "s|/etc/|$d/etc/|g" -e "s|/dev/console|$d/console|g" \
        -e "s|/run/|$d/run/|g" -e "s|/fastboot|$d/fastboot|g" "${SECTION:-$work/hooked-section}"
    echo 'echo "went on to mount -a" >>"$LOG"'
  } >"$d/rc.sysinit"
  # The group's stderr takes bash's "Killed" notice of a halted case.
  { env "$@" LOG="$d/log" PATH="$work/stubs:$PATH" sh "$d/rc.sysinit" >"$d/console.out" 2>&1 </dev/null
    echo $? >"$d/exit"; } 2>/dev/null
  touch "$d/log"
}
ran() { [ -f "$work/case-$1/run/readonly-root-builtin-ran" ]; }     # Red Hat's built-in block ran
went_on() { grep -qx 'went on to mount -a' "$work/case-$1/log"; }  # the boot went past rc.sysinit's readonly-root, fsck and remount
logged() { grep -qx -- "$2" "$work/case-$1/log"; }
said() { grep -q -- "$2" "$work/case-$1/console.out"; }

boot setup yes 'exit 0'
check "set up (0): personality boot is called" logged setup 'personality boot'
check "set up (0): the built-in readonly-root is skipped" bash -c "$(declare -f ran); work='$work'; ! ran setup"
check "set up (0): the boot goes on, fsck and the rw remount still skipped (READONLY=yes)" \
  bash -c "$(declare -f went_on); work='$work'; went_on setup && [ ! -e '$work/case-setup/run/rc.sysinit-fsck-ran' ] && [ ! -e '$work/case-setup/run/rc.sysinit-remount-ran' ]"
check "set up (0): nothing said, nothing mounted by rc.sysinit" bash -c "[ ! -s '$work/case-setup/console.out' ] && ! grep -q '^mount' '$work/case-setup/log'"

boot partial yes 'exit 10'
check "partly set up (10): the built-in block does not run on top of ours" bash -c "$(declare -f ran went_on); work='$work'; ! ran partial && went_on partial"

boot scratch yes 'exit 11'
check "scratch failed (11): the built-in readonly-root runs" bash -c "$(declare -f ran went_on); work='$work'; ran scratch && went_on scratch"
check "scratch failed (11): it mounts its own scratch tmpfs" logged scratch 'mount -n -t tmpfs tmpfs /var/lib/stateless/writable'
check "scratch failed (11): the console says why" said scratch 'not set up (exit 11): falling back'

boot off no 'exit 12'
check "READONLY off (12): no built-in block, fsck and the rw remount run as on any guest" \
  bash -c "$(declare -f ran went_on); work='$work'; ! ran off && went_on off && [ -e '$work/case-off/run/rc.sysinit-fsck-ran' ] && [ -e '$work/case-off/run/rc.sysinit-remount-ran' ]"
boot offdisagree yes 'exit 12'
check "READONLY off for personality but yes for rc.sysinit (12): rc.sysinit's own test runs its block" \
  bash -c "$(declare -f ran); work='$work'; ran offdisagree"

boot disabled yes 'exit 13'
check "disabled (13): the built-in readonly-root runs" bash -c "$(declare -f ran went_on); work='$work'; ran disabled && went_on disabled"
boot disabledrw no 'exit 13'
check "disabled (13) on a read-write guest: nothing runs" bash -c "$(declare -f ran went_on); work='$work'; ! ran disabledrw && went_on disabledrw"

boot segv yes 'kill -SEGV $$'
check "crash (SIGSEGV, 139): the built-in readonly-root runs" bash -c "$(declare -f ran went_on); work='$work'; ran segv && went_on segv"
check "crash: the console says the exit status" said segv 'exit 139'
boot killed yes 'kill -KILL $$'
check "crash (SIGKILL, 137): the built-in readonly-root runs" bash -c "$(declare -f ran); work='$work'; ran killed"

boot missing yes missing
check "missing binary: the built-in readonly-root runs" bash -c "$(declare -f ran went_on); work='$work'; ran missing && went_on missing"
check "missing binary: the console says so (127)" said missing 'exit 127'
boot noexec yes 'noexec:exit 0'
check "binary not executable: the built-in readonly-root runs" bash -c "$(declare -f ran); work='$work'; ran noexec"
for code in 1 2 64 70 126 255; do
  boot "exit$code" yes "exit $code"
  check "exit $code (no status of the contract): the built-in readonly-root runs" bash -c "$(declare -f ran went_on); work='$work'; ran exit$code && went_on exit$code"
done

boot halt yes 'exit 14'
check "halt (14): a root shell (sulogin), then halt -f" bash -c "[ \"\$(grep -E '^(sulogin|halt)' '$work/case-halt/log' | tr '\n' ,)\" = 'sulogin ,halt -f,' ]"
check "halt (14): the boot stops: no built-in block, nothing after" bash -c "$(declare -f ran went_on); work='$work'; ! ran halt && ! went_on halt && [ ! -e '$work/case-halt/run/rc.sysinit-fsck-ran' ]"
check "halt (14): the console says why" said halt 'ON_FAILURE=halt'
boot halt-nosulogin yes 'exit 14' NO_SULOGIN=1
check "halt (14) without a usable sulogin: halt -f all the same" bash -c "$(declare -f went_on logged); work='$work'; logged halt-nosulogin 'halt -f' && ! went_on halt-nosulogin"

# An rc.sysinit without the readonly-root block: the call alone before fsck, still halting on 14.
awk '/^if \[ "\$READONLY" = "yes" -o/ { skip = 1 } !skip { print } skip && /^fi$/ { skip = 0 }' "$work/rc.sysinit.orig" >"$work/noblock"
sh "$hook" install --file "$work/noblock" >/dev/null
section "$work/noblock" >"$work/noblock-section"
check "no readonly-root block: the call goes before the fsck section" \
  bash -c "grep -B1 -m1 'fastboot' '$work/noblock-section' | grep -qx '# <<< personality-rcsysinit <<<'"
SECTION=$work/noblock-section boot noblock-ok yes 'exit 0'
check "no readonly-root block, exit 0: the boot goes on" bash -c "$(declare -f went_on logged); work='$work'; logged noblock-ok 'personality boot' && went_on noblock-ok"
SECTION=$work/noblock-section boot noblock-halt yes 'exit 14'
check "no readonly-root block, halt (14): sulogin, halt -f, the boot stops" \
  bash -c "$(declare -f went_on logged); work='$work'; logged noblock-halt 'sulogin ' && logged noblock-halt 'halt -f' && ! went_on noblock-halt"

# A block written by the previous hook (0|1 skipped the built-in block) is replaced by install.
sed 's/^if \[ "\$READONLY" = "yes" -o "\$TEMPORARY_STATE" = "yes" \]; then$/# >>> personality-rcsysinit: managed block, do not edit (personality-rcsysinit remove restores it) >>>\
#personality-rcsysinit-original: &\
personality_ran=no\
if [ -x \/sbin\/personality ]; then\
	\/sbin\/personality boot\
	case $? in 0|1) personality_ran=yes ;; esac\
fi\
if [ "$personality_ran" != "yes" ] \&\& [ "$READONLY" = "yes" -o "$TEMPORARY_STATE" = "yes" ]; then\
# <<< personality-rcsysinit <<</' "$work/rc.sysinit.orig" >"$work/old"
check "the old block fixture is an installed hook" bash -c "sh '$hook' status --file '$work/old' && grep -q personality_ran '$work/old'"
check "install updates an old block" bash -c "sh '$hook' install --file '$work/old' | grep -q updated"
check "the updated file is what a fresh install gives" cmp "$work/old" "$work/rc.sysinit"
check "remove after the update restores the original byte for byte" bash -c "sh '$hook' remove --file '$work/old' && cmp '$work/old' '$work/rc.sysinit.orig'"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
