#!/usr/bin/env bash
# The fleet's real VM test: tests/fleet/vm (10 guests, 3 personalities, a static address each)
# booted under libvirt from the tests/vm image (tests/vm/build-image.sh), then a role swap of one
# guest, an image upgrade of all, idempotence, placement on a second libvirt connection, the Xen
# xl configs and the domain XML checked, and `fleet down`.
#
#   tests/fleet/run.sh                 as root on Debian 12 (packages: see .ci/run); no systemd needed
#   PERS_FLEET_KEEP=1                  keep the work directory (printed)
#   PERS_FLEET_TIMEOUT=S               seconds to wait for readiness (default 240)
#   PERS_FLEET_NO_KERNEL_BUILD=1       fail instead of building the guest kernel when it is not
#                                      in tests/vm/.cache (tests/vm/build-kernel.sh)
#
# It starts its own virtlogd and libvirtd (refusing when a libvirtd already runs), and a second,
# unprivileged libvirtd as user nobody for the second connection: as root, qemu:///session is
# served by the system daemon (the same guests), so the "session" guest of the fleet file is
# placed on qemu+unix:///session?socket=WORK/session/run/libvirt/libvirt-sock instead. On exit,
# whatever happened, every domain it defined is destroyed and undefined and the daemons it
# started are stopped by their pids.
#
# Where /dev/kvm is there but unusable (kvm-pvm, as on the CI machines: see
# shared/notes/vm-boot-test.md), libvirt probes QEMU with KVM, finds it gone at the next call and
# probes again, at every define and start (2-60 s each, by load). The daemons then run in a mount
# namespace of their own in which /dev/kvm is an empty file (and, for the system daemon,
# qemu.conf says namespaces = [ ], as a file over /dev/kvm cannot be copied into a guest's /dev).
# The host's /dev and /etc are not touched. One line per check, PASS or FAIL, then
# "N passed, N failed"; exit 1 on any failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
P=$repo/out/personality
timeout_s=${PERS_FLEET_TIMEOUT:-240}
export LC_ALL=C

. "$repo/tests/vm/checks.sh"
expect() { # NAME GOT WANTED
  if [ "$2" = "$3" ]; then ok "$1"; else bad "$1 (got '$2', want '$3')"; fi
}
die() { echo "tests/fleet/run.sh: $*" >&2; bad "setup: $*"; finish; }
note() { echo "NOTE $*"; }

# ---- tools, root, no libvirtd of someone else's ----------------------------------------------
[ "$(id -u)" = 0 ] || die "run as root (it starts libvirtd and virtlogd)"
for tool in libvirtd virtlogd virsh qemu-system-x86_64 mkfs.ext2 mkfs.ext4 virt-xml-validate jq runuser md5sum; do
  command -v "$tool" >/dev/null || die "$tool not found (see the apt line in .ci/run)"
done
for d in libvirtd virtqemud virtlogd; do
  if pids=$(pgrep -x "$d"); then
    die "a $d is already running (pid $(echo $pids)); this test starts and stops its own: stop that one first, it is not killed here"
  fi
done

work=$(mktemp -d /tmp/personality-fleet.XXXXXX)
chmod 755 "$work"     # qemu runs as libvirt-qemu (system) and nobody (session): both must reach the volumes
sess=$work/session
SYS=qemu:///system
SESS="qemu+unix:///session?socket=$sess/run/libvirt/libvirt-sock"
started_pids=()       # daemons this test started, stopped in this order's reverse
touch "$work/preexisting"

cleanup() {
  local rc=$? uri d
  trap - EXIT INT TERM
  for uri in "$SESS" "$SYS"; do
    virsh -c "$uri" uri >/dev/null 2>&1 || continue
    for d in $(virsh -c "$uri" list --all --name 2>/dev/null); do
      grep -qx "$uri $d" "$work/preexisting" && continue
      virsh -c "$uri" destroy "$d" >/dev/null 2>&1
      virsh -c "$uri" undefine "$d" >/dev/null 2>&1 || echo "cleanup: could not undefine $d on $uri" >&2
    done
  done
  # the session daemon spawned its own virtlogd: stop it too (by its pid file, it is ours)
  [ -f "$sess/run/libvirt/virtlogd.pid" ] && started_pids=("$(cat "$sess/run/libvirt/virtlogd.pid")" "${started_pids[@]}")
  local i pid
  for ((i=${#started_pids[@]}-1; i>=0; i--)); do
    pid=${started_pids[$i]}
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
  done
  for pid in "${started_pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
  if [ "${PERS_FLEET_KEEP:-}" = 1 ]; then echo "work directory kept: $work"; else rm -rf "$work"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- the product: binary with the fleet command, RPM --------------------------------------------
if ! [ -x "$P" ] || ! "$P" fleet --help >/dev/null 2>&1; then bash tests/publish.sh >/dev/null || die "tests/publish.sh failed"; fi
rpmfile=$(ls out/rpm/personality-*.x86_64.rpm 2>/dev/null | tail -1)
if [ -z "$rpmfile" ] || [ "$rpmfile" -ot "$P" ]; then bash rpm/build.sh >/dev/null || die "rpm/build.sh failed"; fi

# ---- the guest kernel: the cached tiny kernel of tests/vm ------------------------------------
# The cache key is build-kernel.sh's; computed here so that a missing kernel is said, not built,
# when PERS_FLEET_NO_KERNEL_BUILD=1 (building takes minutes).
tarball=$(ls /usr/src/linux-source-6.1.tar.xz 2>/dev/null | tail -1 || true)
kernel=
if [ -n "$tarball" ] && command -v gcc >/dev/null; then
  khash=$( { basename "$tarball"; stat -c %s "$tarball"; dpkg-query -W -f '${Version}' linux-source-6.1 2>/dev/null; cat tests/vm/kernel/config.fragment; gcc -dumpfullversion; } | sha256sum | cut -c1-16)
  [ -f "tests/vm/.cache/kernel-tiny-$khash/vmlinux" ] && kernel=$repo/tests/vm/.cache/kernel-tiny-$khash/vmlinux
fi
if [ -z "$kernel" ]; then
  [ "${PERS_FLEET_NO_KERNEL_BUILD:-}" = 1 ] && die "the guest kernel is not in tests/vm/.cache and PERS_FLEET_NO_KERNEL_BUILD=1 (tests/vm/build-kernel.sh builds it)"
  kernel=$(bash tests/vm/build-kernel.sh) || die "tests/vm/build-kernel.sh failed"
fi
echo "kernel: $kernel"

# ---- two OS images that differ visibly: image-1, image-2 ----------------------------------------
fl=$work/fleet
mkdir -p "$fl"
cp -r tests/fleet/vm/fleet.yaml tests/fleet/vm/personalities "$fl/"
mkdir -p "$fl/images"
for n in 1 2; do
  out=$(bash tests/vm/build-image.sh "$work/image-$n" "$fl/images/os-$n.img" "image-$n" 2>&1)
  grep -E '^(PASS|FAIL) ' <<<"$out" | sed "s/^\(PASS\|FAIL\) /\1 image-$n: /"
  ip=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' <<<"$out" | tail -1)
  ifl=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' <<<"$out" | tail -1)
  [ -n "$ip" ] && [ -f "$fl/images/os-$n.img" ] || { echo "$out" | tail -5; die "tests/vm/build-image.sh image-$n failed"; }
  pass=$((pass + ip)); fail=$((fail + ifl))
done
cp "$kernel" "$fl/images/vmlinux"   # a copy: libvirt relabels (chowns) the kernel it boots

# ---- the daemons: virtlogd and libvirtd (system), and an unprivileged libvirtd (nobody) ------------
# KVM that is there but unusable (kvm-pvm): hidden from the daemons, in a mount namespace of theirs.
hide_kvm=
if [ -e /dev/kvm ] && ! { [ -w /dev/kvm ] && [ ! -d /sys/module/kvm_pvm ] && [ -d /sys/module/kvm_intel -o -d /sys/module/kvm_amd ]; }; then
  hide_kvm=yes
  : >"$work/no-kvm"
  cp /etc/libvirt/qemu.conf "$work/qemu.conf" && printf '\n# tests/fleet/run.sh: /dev/kvm is a file here\nnamespaces = [ ]\n' >>"$work/qemu.conf" || die "cannot copy /etc/libvirt/qemu.conf"
  note "/dev/kvm is not usable here (kvm-pvm): the daemons run with it hidden, in a mount namespace of theirs"
fi
daemon() { # [--system] COMMAND...: started as it is, or with /dev/kvm hidden
  local conf=
  [ "$1" = --system ] && { shift; conf="mount --bind '$work/qemu.conf' /etc/libvirt/qemu.conf &&"; }
  if [ -n "$hide_kvm" ]; then
    unshare -m --propagation private sh -c "mount --bind '$work/no-kvm' /dev/kvm && $conf exec \"\$@\"" daemon "$@"
  else "$@"; fi
}
daemon virtlogd -d || die "virtlogd -d failed"
for _ in $(seq 1 50); do [ -s /run/virtlogd.pid ] && break; sleep 0.1; done
started_pids+=("$(cat /run/virtlogd.pid 2>/dev/null)")
daemon --system libvirtd -d || die "libvirtd -d failed"
for _ in $(seq 1 100); do [ -s /run/libvirtd.pid ] && virsh -c "$SYS" uri >/dev/null 2>&1 && break; sleep 0.1; done
started_pids+=("$(cat /run/libvirtd.pid 2>/dev/null)")
virsh -c "$SYS" uri >/dev/null 2>&1 || die "libvirtd does not answer on $SYS"
mkdir -p "$sess/run" "$sess/home"; chown -R nobody:nogroup "$sess"; chmod 700 "$sess/run"
(cd "$sess" && daemon runuser -u nobody -- env HOME="$sess/home" XDG_RUNTIME_DIR="$sess/run" \
   XDG_CONFIG_HOME="$sess/home/.config" XDG_CACHE_HOME="$sess/home/.cache" libvirtd -d) || die "the session libvirtd (user nobody) did not start"
for _ in $(seq 1 100); do [ -s "$sess/run/libvirt/libvirtd.pid" ] && virsh -c "$SESS" uri >/dev/null 2>&1 && break; sleep 0.1; done
started_pids+=("$(cat "$sess/run/libvirt/libvirtd.pid" 2>/dev/null)")
virsh -c "$SESS" uri >/dev/null 2>&1 || die "the session libvirtd does not answer on $SESS"
for uri in "$SYS" "$SESS"; do for d in $(virsh -c "$uri" list --all --name); do echo "$uri $d" >>"$work/preexisting"; done; done
echo "libvirt: $(libvirtd --version), $(qemu-system-x86_64 --version | head -1); daemons ${started_pids[*]}"

# qemu:///session as root: the system daemon answers it (the same domains), so it is no second place.
if [ "$(virsh -c qemu:///session uri 2>/dev/null)" = qemu:///session ] && [ ! -e /root/.cache/libvirt/libvirt-sock ] \
   && [ "$(virsh -c qemu:///session list --all --name | sort)" = "$(virsh -c "$SYS" list --all --name | sort)" ]; then
  note "as root, qemu:///session is served by the system libvirtd (no second daemon): the session guest is placed on $SESS (a libvirtd of user nobody)"
fi

# ---- the fleet file: the session guest on the second daemon ----------------------------------------
F=$fl/fleet.yaml
sed -i "s|connection: \"qemu:///session\"|connection: \"$SESS\"|" "$F"
grep -qF "$SESS" "$F" || die "no guest of tests/fleet/vm/fleet.yaml names qemu:///session"
OUT=$fl/build
# Volumes the nobody daemon's qemu writes (the session guest's host, app and state volumes, its
# console folder) must be writable for nobody: built with umask 000 (the system daemon chowns its own).
umask 000

plan_json() { "$P" fleet plan "$F" --json 2>"$work/plan.err"; }
plan_json >"$work/plan.json" || { cat "$work/plan.err"; die "fleet plan failed"; }
mapfile -t guests < <(jq -r '.guests[].name' "$work/plan.json")
uri_of() { jq -r --arg g "$1" '.guests[] | select(.name == $g) | .connection' "$work/plan.json"; }
dom_of() { jq -r --arg g "$1" '.guests[] | select(.name == $g) | .domain' "$work/plan.json"; }
pers_of() { jq -r --arg g "$1" '.guests[] | select(.name == $g) | .personality' "$work/plan.json"; }
echo "fleet: ${#guests[@]} guests: ${guests[*]}"
[ "${#guests[@]}" -ge 10 ] && ok "fleet: at least 10 guests (${#guests[@]})" || bad "fleet: at least 10 guests (${#guests[@]})"
npers=$(jq -r '.guests[].personality' "$work/plan.json" | sort -u | wc -l)
[ "$npers" -ge 3 ] && ok "fleet: at least 3 personalities ($npers)" || bad "fleet: at least 3 personalities ($npers)"

# plan's dry-run against the unpacked tree of image-1 (build-image.sh leaves it): every guest clean
sed "s|os: images/os-1.img|os: $work/image-1/root|" "$F" >"$fl/fleet-tree.yaml"
if "$P" fleet plan "$fl/fleet-tree.yaml" --out "$work/tree-build" --json >"$work/plan-tree.json" 2>"$work/plan-tree.err"; then
  expect "plan: every guest dry-run against image-1's tree without errors" \
    "$(jq '[.guests[] | select(.dryRun.ran and .dryRun.errors == 0)] | length' "$work/plan-tree.json")" "${#guests[@]}"
else bad "plan: dry-run against image-1's tree ($(head -3 "$work/plan-tree.err"))"; fi

# ---- reading the guests: console log, readiness line, report ----------------------------------------
console() { echo "$OUT/$1/$1.console"; }
ready_line() { grep -a '^PERSONALITY-READY ' "$(console "$1")" 2>/dev/null | tail -1 | tr -d '\r'; }
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"; }
boot_id() { field "$(ready_line "$1")" boot; }
# the guest's last report (rc.report's VMTEST lines after the last BEGIN-RESULTS)
report() { tr -d '\r' <"$(console "$1")" 2>/dev/null | sed -n 's/^VMTEST //p' | awk '/^BEGIN-RESULTS$/{b=""} {b=b $0 "\n"} END{printf "%s", b}' | sed -n "s/^$2=//p" | tail -1 | xargs; }
reported() { tr -d '\r' <"$(console "$1")" 2>/dev/null | grep -q '^VMTEST END-RESULTS'; }
state_of() { virsh -c "$(uri_of "$1")" domstate "$(dom_of "$1")" 2>/dev/null | head -1; }
domid_of() { virsh -c "$(uri_of "$1")" domid "$(dom_of "$1")" 2>/dev/null | head -1; }
cpu_s() { virsh -c "$(uri_of "$1")" domstats --cpu-total "$(dom_of "$1")" 2>/dev/null | sed -n 's/^ *cpu.time=//p' | awk '{printf "%.1f", $1/1e9}'; }

# The readiness line comes at the end of boot, the report (rc.report) a moment later, in runlevel 3.
wait_reported() { # GUEST...: up to 60 s for each one's report
  local g deadline=$((SECONDS + 60))
  for g in "$@"; do while ! reported "$g" && [ $SECONDS -lt $deadline ]; do sleep 0.5; done; done
}
fleet_up() { "$P" fleet up "$F" --parallel 10 --timeout "$timeout_s" "$@"; }
fleet_roll() { "$P" fleet roll "$F" --batch 4 --timeout "$timeout_s"; }
fleet_down() { "$P" fleet down "$F"; }

expected_services() { # PERSONALITY: what rc 3 starts (the image: cups on; the personalities: see tests/fleet/vm)
  case $1 in web) echo httpd ;; db) echo postgresql ;; cache) echo "cups memcached" ;; esac
}
check_guest() { # GUEST PERSONALITY IMAGE
  local g=$1 p=$2 img=$3 line want_addr
  line=$(ready_line "$g")
  expect "$g: readiness line result=applied personality=$p hostname=$g" \
    "$(field "$line" result) $(field "$line" personality) $(field "$line" hostname)" "applied $p $g"
  expect "$g: hostname" "$(report "$g" hostname)" "$g"
  want_addr=$(sed -n 's/.*address: \([0-9.]*\)\/.*/\1/p' "$OUT/$g/host/personality.yaml" | head -1)
  expect "$g: address (ifcfg-eth0)" "$(report "$g" address)" "$want_addr"
  expect "$g: nameserver (resolv.conf)" "$(report "$g" nameserver)" "192.168.122.1"
  expect "$g: services started ($p)" "$(report "$g" started)" "$(expected_services "$p")"
  expect "$g: image marker" "$(report "$g" image)" "$img"
  expect "$g: root read-only" "$(report "$g" root_ro)" "yes"
}

# ---- 5. fleet up: all ready; wall time, CPU seconds per guest --------------------------------------
t0=$(cut -d" " -f1 /proc/uptime)
fleet_up >"$work/up1.log" 2>&1; up_rc=$?
t1=$(cut -d" " -f1 /proc/uptime)
wait_reported "${guests[@]}"
cat "$work/up1.log"
wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}')
expect "fleet up: exit 0, every guest ready" "$up_rc" 0
nready=0; for g in "${guests[@]}"; do [ -n "$(ready_line "$g")" ] && nready=$((nready+1)); done
expect "fleet up: readiness lines" "$nready" "${#guests[@]}"
cpus=(); for g in "${guests[@]}"; do cpus+=("$g=$(cpu_s "$g")"); done
echo "TIMING fleet up of ${#guests[@]} guests to all ready: $wall s wall (target 60 s on an idle 2-core machine; load now: $(cut -d' ' -f1-3 /proc/loadavg))"
echo "TIMING CPU seconds per guest at all-ready (virsh domstats cpu.time): ${cpus[*]}"
echo "TIMING CPU seconds per guest, mean: $(printf '%s\n' "${cpus[@]}" | cut -d= -f2 | awk '{s+=$1} END{if (NR) printf "%.1f", s/NR}')"
echo "TIMING boot ms (readiness line): $(for g in "${guests[@]}"; do printf '%s=%s ' "$g" "$(field "$(ready_line "$g")" ms)"; done)"
# Idle cost: CPU time of the ready guests over 10 s, in cores per guest.
idle0=(); for g in "${guests[@]}"; do idle0+=("$(virsh -c "$(uri_of "$g")" domstats --cpu-total "$(dom_of "$g")" 2>/dev/null | sed -n 's/^ *cpu.time=//p')"); done
sleep 10
i=0; idle=0; for g in "${guests[@]}"; do
  t=$(virsh -c "$(uri_of "$g")" domstats --cpu-total "$(dom_of "$g")" 2>/dev/null | sed -n 's/^ *cpu.time=//p')
  idle=$(awk -v a="${idle0[$i]:-0}" -v b="${t:-0}" -v s="$idle" 'BEGIN{printf "%.4f", s + (b-a)/1e9}'); i=$((i+1))
done
echo "TIMING idle guests: $(awk -v s="$idle" -v n="${#guests[@]}" 'BEGIN{printf "%.3f", s/10/n}') cores per guest (CPU time over 10 s after all were ready)"
for g in "${guests[@]}"; do check_guest "$g" "$(pers_of "$g")" image-1; done
if [ -n "$(ready_line cache1)" ]; then
  mt=$(report cache1 mem_total_kb); [ -n "$mt" ] && [ "$mt" -lt 32768 ] && ok "cache1: boots in 32M (MemTotal $mt kB)" || bad "cache1: boots in 32M (MemTotal '$mt' kB)"
fi

# ---- 9. placement: the session guest runs on the second daemon, the others on the system one ----
sg=$(jq -r --arg u "$SESS" '.guests[] | select(.connection == $u) | .name' "$work/plan.json" | head -1)
if [ -n "$sg" ]; then
  expect "placement: $sg running on $SESS" "$(virsh -c "$SESS" domstate "$(dom_of "$sg")" 2>/dev/null | head -1)" running
  check "placement: $sg not on $SYS" bash -c "! virsh -c '$SYS' list --all --name | grep -qx '$(dom_of "$sg")'"
  expect "placement: $sg's qemu runs as nobody (the session daemon's user)" \
    "$(ps -C qemu-system-x86_64 -o user=,args= | awk -v d="guest=$(dom_of "$sg")," 'index($0, d) {print $1}' | head -1)" nobody
  nsys=$(virsh -c "$SYS" list --name | grep -c .)
  expect "placement: the other guests on $SYS" "$nsys" "$(( ${#guests[@]} - 1 ))"
else bad "placement: no guest on $SESS"; fi

# ---- fleet status ------------------------------------------------------------------------------
"$P" fleet status "$F" >"$work/status.txt" 2>&1; src=$?; cat "$work/status.txt"
expect "fleet status: exit 0" "$src" 0
nrun=0; for g in "${guests[@]}"; do grep -E "^$g[[:space:]]" "$work/status.txt" | grep -q running && nrun=$((nrun+1)); done
expect "fleet status: every guest's line says running" "$nrun" "${#guests[@]}"
if "$P" fleet status "$F" --json >"$work/status.json" 2>&1 && jq -e . "$work/status.json" >/dev/null; then ok "fleet status --json: a JSON document"; else bad "fleet status --json: a JSON document"; fi

# ---- 8. idempotence: build twice, up twice ---------------------------------------------------------
# What build writes (the guests write their own volumes while they run: those are not compared).
sums() { (cd "$OUT" && md5sum */domain.xml */xl.cfg */build.json 2>/dev/null); }
sums >"$work/sums1"
"$P" fleet build "$F" --json >"$work/build2.json" 2>&1; brc=$?
expect "idempotence: fleet build again exits 0" "$brc" 0
expect "idempotence: fleet build again says every guest unchanged" "$(jq '[.guests[] | select(.result == "unchanged")] | length' "$work/build2.json" 2>/dev/null)" "${#guests[@]}"
sums >"$work/sums2"
check "idempotence: fleet build again changes no file" cmp -s "$work/sums1" "$work/sums2"
expect "idempotence: plan after build: every guest unchanged" \
  "$(plan_json | jq '[.guests[] | select(.status == "unchanged")] | length')" "${#guests[@]}"
before=$(for g in "${guests[@]}"; do echo "$g $(domid_of "$g") $(boot_id "$g")"; done)
fleet_up >"$work/up2.log" 2>&1; up2=$?
after=$(for g in "${guests[@]}"; do echo "$g $(domid_of "$g") $(boot_id "$g")"; done)
expect "idempotence: fleet up again exits 0" "$up2" 0
if [ "$before" = "$after" ]; then ok "idempotence: fleet up again restarts no guest"; else bad "idempotence: fleet up again restarts no guest"; diff <(echo "$before") <(echo "$after"); fi

# ---- 10. the domain XML and the Xen xl configs ------------------------------------------------------
nx=0; for g in "${guests[@]}"; do virt-xml-validate "$OUT/$g/domain.xml" domain >/dev/null 2>&1 && nx=$((nx+1)); done
expect "domain.xml: virt-xml-validate FILE domain, every guest" "$nx" "${#guests[@]}"
xl_check() { # FILE GUEST: xl's key = value forms, and disk = [ '...' ] with the documented specs
  local f=$1 g=$2 text stmt key val spec specs n=0 err=""
  # statements: comments and blank lines out, the lines of a [ ... ] list joined into one
  text=$(sed -e 's/^[[:space:]]*#.*//' -e '/^[[:space:]]*$/d' "$f" | awk '
    { line = (pending != "" ? pending " " : "") $0
      o = gsub(/\[/, "[", line); c = gsub(/\]/, "]", line)
      if (o > c) { pending = line; next } pending = ""; print line }
    END { if (pending != "") print "UNCLOSED " pending }')
  declare -A seen
  local re=$'^([a-z_]+) = ("[^"\']*"|[0-9]+|\\[ *\'[^\']*\'( *, *\'[^\']*\')* *,? *\\])$'
  local dre='^format=raw, vdev=xvd[a-z], access=(ro|rw), target=/[^,]+$'
  while IFS= read -r stmt; do
    if [[ $stmt =~ $re ]]; then
      key=${BASH_REMATCH[1]}; val=${BASH_REMATCH[2]}
      [ -n "${seen[$key]:-}" ] && err="$err; $key twice"; seen[$key]=1
    else err="$err; not xl syntax: $stmt"; continue; fi
    if [ "$key" = disk ]; then
      mapfile -t specs < <(grep -o "'[^']*'" <<<"$val" | tr -d "'")
      for spec in "${specs[@]}"; do
        n=$((n+1))
        [[ $spec =~ $dre ]] || err="$err; disk spec: $spec"
        [ -e "${spec##*target=}" ] || err="$err; disk target missing: ${spec##*target=}"
      done
      [[ ${specs[0]:-} == *"vdev=xvda, access=ro, target=$fl/images/os-"* ]] || err="$err; first disk is not the OS image read-only"
    fi
  done <<<"$text"
  for key in name memory vcpus kernel extra disk; do [ -n "${seen[$key]:-}" ] || err="$err; $key missing"; done
  grep -qx "name = \"$(dom_of "$g")\"" "$f" || err="$err; name is not $(dom_of "$g")"
  [ "$n" -ge 3 ] || err="$err; $n disks"
  [ -z "$err" ] || { echo "xl.cfg $g:${err}" >&2; return 1; }
}
nxl=0; for g in "${guests[@]}"; do xl_check "$OUT/$g/xl.cfg" "$g" && nxl=$((nxl+1)); done
expect "xl.cfg: key = value and disk = [ 'format=raw, vdev=xvdX, access=ro|rw, target=PATH' ], every guest" "$nxl" "${#guests[@]}"

# ---- 6. role swap: one web guest becomes a cache guest -----------------------------------------
swap=$(for g in "${guests[@]}"; do [ "$(pers_of "$g")" = web ] && [ "$g" != "$sg" ] && echo "$g"; done | tail -1)
others=(); for g in "${guests[@]}"; do [ "$g" != "$swap" ] && others+=("$g"); done
declare -A boot0 size0
for g in "${others[@]}"; do boot0[$g]=$(boot_id "$g"); size0[$g]=$(stat -c %s "$(console "$g")"); done
old=$(boot_id "$swap")
sed -i -E "s/^(  - \{name: $swap, personality: )web,/\1cache,/" "$F"
grep -qE "name: $swap, personality: cache," "$F" || die "could not change $swap's personality in $F"
"$P" fleet plan "$F" >"$work/plan-swap.txt" 2>&1
echo "role swap: $swap web -> cache"
fleet_roll >"$work/roll1.log" 2>&1; rrc=$?; cat "$work/roll1.log"
wait_reported "$swap"
expect "role swap: fleet roll exits 0" "$rrc" 0
plan_json >"$work/plan.json"
check "role swap: $swap restarted (a new boot)" test -n "$(boot_id "$swap")" -a "$(boot_id "$swap")" != "$old"
check_guest "$swap" cache image-1
s=$(report "$swap" started)
check "role swap: $swap: nothing of the old role started (httpd; cups back on as the image has it)" bash -c "[[ ' $s ' != *' httpd '* && ' $s ' == *' cups '* ]]"
nun=0; for g in "${others[@]}"; do
  [ "$(boot_id "$g")" = "${boot0[$g]}" ] && [ "$(stat -c %s "$(console "$g")")" = "${size0[$g]}" ] && [ "$(state_of "$g")" = running ] && nun=$((nun+1))
done
expect "role swap: the other guests untouched (same boot, console unchanged, running)" "$nun" "${#others[@]}"

# ---- 7. image upgrade: images.os -> image-2, every guest restarted on it ---------------------------
declare -A boot1; for g in "${guests[@]}"; do boot1[$g]=$(boot_id "$g"); done
sed -i 's|os: images/os-1.img|os: images/os-2.img|' "$F"
grep -q 'os: images/os-2.img' "$F" || die "could not point images.os at image-2"
t0=$(cut -d" " -f1 /proc/uptime)
fleet_roll >"$work/roll2.log" 2>&1; rrc=$?; cat "$work/roll2.log"
wait_reported "${guests[@]}"
echo "TIMING image upgrade roll (batches of 4): $(awk -v a="$t0" -v b="$(cut -d" " -f1 /proc/uptime)" 'BEGIN{printf "%.1f", b-a}') s"
expect "image upgrade: fleet roll exits 0" "$rrc" 0
nnew=0; n2=0
for g in "${guests[@]}"; do
  [ -n "$(boot_id "$g")" ] && [ "$(boot_id "$g")" != "${boot1[$g]}" ] && nnew=$((nnew+1))
  [ "$(report "$g" image)" = image-2 ] && n2=$((n2+1))
done
expect "image upgrade: every guest restarted" "$nnew" "${#guests[@]}"
expect "image upgrade: every guest reports image=image-2" "$n2" "${#guests[@]}"
for g in "${guests[@]}"; do
  p=$(pers_of "$g")
  expect "image upgrade: $g: services ($p), hostname" "$(report "$g" started) $(report "$g" hostname)" "$(expected_services "$p") $g"
done

# ---- a roll that meets a guest whose boot fails: it stops there, the rest keep running as they were
declare -A boot2; for g in "${guests[@]}"; do boot2[$g]=$(boot_id "$g"); done
bad1=$(for g in "${guests[@]}"; do [ "$(pers_of "$g")" = web ] && [ "$g" != "$sg" ] && echo "$g"; done | sed -n 1p)
bad2=$(for g in "${guests[@]}"; do [ "$(pers_of "$g")" = web ] && [ "$g" != "$sg" ] && echo "$g"; done | sed -n 2p)
for g in "$bad1" "$bad2"; do sed -i -E "s/^(  - \{name: $g, personality: )web,/\1broken,/" "$F"; done
"$P" fleet roll "$F" --batch 1 --timeout "$timeout_s" >"$work/roll3.log" 2>&1; rrc=$?; cat "$work/roll3.log"
expect "failing roll: fleet roll exits 1" "$rrc" 1
expect "failing roll: $bad1 restarted and its boot reports failed" \
  "$( [ "$(boot_id "$bad1")" != "${boot2[$bad1]}" ] && echo new) $(field "$(ready_line "$bad1")" result)" "new failed"
check "failing roll: the roll says it stopped, naming $bad1 and the guest not rolled ($bad2)" \
  bash -c "grep -q 'roll stopped: $bad1 not ready' '$work/roll3.log' && grep -q 'not rolled, still running as they were: $bad2' '$work/roll3.log'"
expect "failing roll: $bad2 not restarted, still running its web boot" \
  "$(boot_id "$bad2") $(state_of "$bad2") $(field "$(ready_line "$bad2")" personality)" "${boot2[$bad2]} running web"
"$P" fleet status "$F" >"$work/status3.txt" 2>&1; src=$?
expect "failing roll: fleet status exits 1 and names $bad1's failed boot" \
  "$src $(grep -E "^$bad1[[:space:]]" "$work/status3.txt" | grep -o 'boot failed' | head -1)" "1 boot failed"

# ---- 11. fleet down: nothing left defined ------------------------------------------------------------
fleet_down >"$work/down.log" 2>&1; drc=$?; cat "$work/down.log"
expect "fleet down: exits 0" "$drc" 0
left=$(for u in "$SYS" "$SESS"; do virsh -c "$u" list --all --name 2>/dev/null | grep . | while read -r d; do grep -qx "$u $d" "$work/preexisting" || echo "$d"; done; done)
expect "fleet down: no domain left defined" "$(echo $left)" ""
# shared images after libvirt: chowned to its qemu user and left so (the notes say it)
note "after down: $(stat -c '%n %U:%G %a' "$fl/images/os-1.img" "$fl/images/vmlinux" | sed "s|$fl/||g" | paste -sd ' ')"

finish
