# tests/vm/checks.sh: sourced by the VM test scripts. One line per check ("PASS name" or
# "FAIL name"), counted; finish prints "N passed, N failed" and exits 1 on any failure.
pass=0; fail=0
ok() { echo "PASS $*"; pass=$((pass+1)); }
bad() { echo "FAIL $*"; fail=$((fail+1)); }
check() { local name=$1; shift; if "$@" >/dev/null 2>&1; then ok "$name"; else bad "$name"; fi; }
finish() { echo "$pass passed, $fail failed"; [ "$fail" = 0 ] && exit 0 || exit 1; }
