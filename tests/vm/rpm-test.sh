#!/usr/bin/env bash
# Checks the RPM built by rpm/build.sh: its file list (rpm -qlp), its scriptlets
# (rpm -qp --scripts), its config files, and the packaged rc.sysinit hook on a sample
# rc.sysinit (install twice = one marked block; remove = byte-identical; the fallback contract,
# tests/vm/hook-contract-test.sh, on the packaged hook). Prints one line per
# check and a closing "N passed, N failed"; exits 1 on any failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
pass=0; fail=0
check() { local name=$1; shift; if "$@" >/dev/null 2>&1; then echo "PASS $name"; pass=$((pass+1)); else echo "FAIL $name"; fail=$((fail+1)); fi; }

# Always rebuilt from the current tree: a package left from an earlier build would test stale files.
bash rpm/build.sh >/dev/null || true
rpmfile=$(ls out/rpm/personality-*.x86_64.rpm 2>/dev/null | tail -1)
[ -n "$rpmfile" ] || { echo "FAIL rpm built"; echo "0 passed, 1 failed"; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

rpm -qlp "$rpmfile" >"$work/list" 2>/dev/null
for f in /sbin/personality /usr/share/man/man8/personality.8 /usr/libexec/personality/personality-rcsysinit \
         /usr/lib/systemd/system/personality.service /usr/lib/systemd/system/personality-fallback.service \
         /usr/libexec/personality/personality-fallback /etc/sysconfig/personality /etc/personality/ownership.yaml \
         /var/lib/personality/host /var/lib/personality/app; do
  check "file list has $f" grep -qx -- "$f" "$work/list"
done
check "config files: sysconfig and ownership are %config(noreplace)" \
  bash -c "[ \"\$(rpm -qp --qf '[%{FILEFLAGS:fflags} %{FILENAMES}\n]' '$rpmfile' | grep -E '^cn ' | awk '{print \$2}' | sort | tr '\n' ' ')\" = '/etc/personality/ownership.yaml /etc/sysconfig/personality ' ]"
check "/sbin/personality is mode 0755" bash -c "rpm -qp --qf '[%{FILEMODES:perms} %{FILENAMES}\n]' '$rpmfile' | grep -qx -- '-rwxr-xr-x /sbin/personality'"
rpm -qp --scripts "$rpmfile" >"$work/scripts" 2>/dev/null
check "postinstall runs the hook's install" grep -q 'personality-rcsysinit install' "$work/scripts"
check "postinstall reloads systemd" grep -q 'systemctl daemon-reload' "$work/scripts"
check "preuninstall runs the hook's remove on erase only" bash -c "sed -n '/^preuninstall/,/^postuninstall/p' '$work/scripts' | grep -q 'personality-rcsysinit remove' && sed -n '/^preuninstall/,/^postuninstall/p' '$work/scripts' | grep -q '\"\$1\" = 0'"

# The packaged hook, extracted from the RPM itself
(cd "$work" && rpm2cpio "$OLDPWD/$rpmfile" | cpio -idm --quiet 2>/dev/null)
hook=$work/usr/libexec/personality/personality-rcsysinit
check "packaged ownership.yaml passes personality validate" "$work/sbin/personality" validate "$work/etc/personality/ownership.yaml"
check "packaged sysconfig passes personality validate" "$work/sbin/personality" validate --type sysconfig "$work/etc/sysconfig/personality"
cp tests/vm/guest/rc.sysinit "$work/rc.sysinit"; cp "$work/rc.sysinit" "$work/orig"
"$hook" install --file "$work/rc.sysinit" >/dev/null; cp "$work/rc.sysinit" "$work/once"
"$hook" install --file "$work/rc.sysinit" >/dev/null
check "hook install twice = one marked block" bash -c "[ \$(grep -c '^# >>> personality-rcsysinit' '$work/rc.sysinit') = 1 ] && cmp -s '$work/once' '$work/rc.sysinit'"
check "hook install: personality boot called, original readonly-root test guarded" bash -c "grep -qx '	/sbin/personality boot' '$work/rc.sysinit' && grep -q 'personality_root\" != \"done\" ] && \[ \"\$READONLY\" = \"yes\"' '$work/rc.sysinit'"
check "hook install: READONLY still skips fsck and remount" bash -c "grep -q 'READONLY\" != \"yes\" ]; then' '$work/rc.sysinit' && [ \$(grep -c '^READONLY=' '$work/rc.sysinit') = 1 ]"
check "hooked rc.sysinit is valid shell" sh -n "$work/rc.sysinit"
check "hook status says installed" "$hook" status --file "$work/rc.sysinit"
"$hook" remove --file "$work/rc.sysinit" >/dev/null
check "hook remove restores the file byte for byte" cmp "$work/orig" "$work/rc.sysinit"
"$hook" remove --file "$work/rc.sysinit" >/dev/null
check "hook remove twice is harmless" cmp "$work/orig" "$work/rc.sysinit"
# The packaged hook keeps the fallback contract: each exit status of boot, a crash, no binary, halt.
check "packaged hook: fallback contract (tests/vm/hook-contract-test.sh)" bash tests/vm/hook-contract-test.sh --hook "$hook"
echo 'just text' >"$work/notrc"
check "hook refuses a file that is not rc.sysinit" bash -c "! '$hook' install --file '$work/notrc' && [ \"\$(cat '$work/notrc')\" = 'just text' ]"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
