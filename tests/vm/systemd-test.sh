#!/usr/bin/env bash
# VM test of the systemd side of the fallback contract: a Debian 12 guest booting systemd from a
# read-only root, with the personality RPM installed (its %post enables personality.service and
# personality-fallback.service offline), on the same small kernel as tests/vm/run.sh.
#
#   tests/vm/systemd-test.sh          as root on Debian 12 (packages: see .ci/run)
#   PERS_VM_KEEP=1 ...                keep the work directory (printed)
#   PERS_VM_SD_MEM=MB, PERS_VM_TIMEOUT=S   memory per guest (default 96), seconds per boot (180)
#
# The root is made once with debootstrap (minbase + systemd, from the mirror apt already uses)
# and cached in tests/vm/.cache. It has /etc/rwtab (/var/log, /var/tmp, /var/lib/systemd, /srv),
# READONLY=yes, and a stand-in rhel-readonly.service (enabled, as on EL7) that would leave a
# mark if it ran: personality.service conflicts with it, so it never may. Boots:
#   good      the real binary with host, app and state volumes: exit 0, the fallback does nothing
#   disabled  the same image with personality=off: exit 13, the fallback's readonly-root runs
#   broken    /sbin/personality is not a program (exec fails): the fallback runs
#   hang      /sbin/personality never ends; a drop-in shortens the unit's timeout to 10 s:
#             systemd kills it, no exit file, the fallback runs
# Each must reach multi-user.target with the root read-only and the rwtab paths writable.
# One line per check and "N passed, N failed"; exit 1 on any failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
vmdir=$repo/tests/vm
cache=$vmdir/.cache
mkdir -p "$cache"
export DEBIAN_FRONTEND=noninteractive

. "$vmdir/checks.sh"
die() { echo "systemd-test.sh: $*" >&2; bad "setup: $*"; finish; }

for tool in qemu-system-x86_64 mkfs.ext2 mkfs.ext4 debootstrap rpm timeout; do
  command -v "$tool" >/dev/null || die "$tool not found (see the apt line in .ci/run)"
done
work=$(mktemp -d /tmp/personality-sd.XXXXXX)
if [ "${PERS_VM_KEEP:-}" = 1 ]; then echo "work directory: $work"; else trap 'rm -rf "$work"' EXIT; fi

[ -x out/personality ] || bash tests/publish.sh >/dev/null || die "publish failed"
bash rpm/build.sh >/dev/null || die "rpm/build.sh failed"
rpmfile=$(ls out/rpm/personality-*.x86_64.rpm | tail -1)
kimg=$(bash "$vmdir/build-kernel.sh" "$cache") || die "the VM kernel could not be built"

# ---- the Debian root, cached ------------------------------------------------------------
# The mirror is the one apt is configured with here (deb822 or one-line sources).
mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null)
[ -n "$mirror" ] || mirror=$(awk '$1=="deb"{for(i=2;i<=NF;i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' /etc/apt/sources.list 2>/dev/null)
[ -n "$mirror" ] || die "no Debian mirror in apt's sources"
packages=systemd,systemd-sysv
base=$cache/debian-bookworm-$(echo "$packages" | sha256sum | cut -c1-12).tar
if [ ! -f "$base" ]; then
  t0=$(date +%s)
  debootstrap --variant=minbase --include="$packages" bookworm "$work/debootstrap" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -5 "$work/debootstrap.log"; die "debootstrap failed"; }
  # What a booted test guest never reads.
  rm -rf "$work/debootstrap"/var/cache/apt/* "$work/debootstrap"/var/lib/apt/lists/* "$work"/debootstrap/usr/share/{doc,man,locale,info}
  tar -C "$work/debootstrap" -cf "$base.tmp" . && mv "$base.tmp" "$base" || die "caching the Debian root failed"
  rm -rf "$work/debootstrap"
  echo "Debian root: debootstrap in $(( $(date +%s) - t0 )) s"
fi
R=$work/root
mkdir -p "$R" && tar -C "$R" -xf "$base" || die "unpacking the Debian root failed"

# ---- the image ----------------------------------------------------------------------------
rpm -i --root "$R" --nodeps --noverify --nosignature "$rpmfile" >"$work/rpm-i.log" 2>&1 || { cat "$work/rpm-i.log"; die "rpm -i --root failed"; }
check "image: RPM installed /sbin/personality and both units" test -x "$R/sbin/personality" -a -f "$R/usr/lib/systemd/system/personality-fallback.service"
check "image: %post enabled personality.service offline" test -L "$R/etc/systemd/system/local-fs.target.wants/personality.service"
check "image: %post enabled personality-fallback.service offline" test -L "$R/etc/systemd/system/local-fs.target.wants/personality-fallback.service"

: >"$R/etc/machine-id"   # shared image: systemd makes a transient one on the read-only root
echo generic >"$R/etc/hostname"
printf '/dev/vda / ext4 ro 0 1\n' >"$R/etc/fstab"
mkdir -p "$R/etc/sysconfig" "$R/var/lib/stateless/writable" "$R/var/lib/stateless/state" "$R/srv/data"
cat >"$R/etc/sysconfig/readonly-root" <<'EOF'
READONLY=yes
TEMPORARY_STATE=no
RW_MOUNT=/var/lib/stateless/writable
RW_LABEL=stateless-rw
STATE_LABEL=stateless-state
STATE_MOUNT=/var/lib/stateless/state
EOF
printf 'dirs\t/var/log\nempty\t/var/tmp\ndirs\t/var/lib/systemd\nempty\t/srv/data\n' >"$R/etc/rwtab"
# EL7's unit name, as a stand-in that leaves a mark: it must never run next to personality.
cat >"$R/etc/systemd/system/rhel-readonly.service" <<'EOF'
[Unit]
Description=stand-in for EL7's rhel-readonly.service
DefaultDependencies=no
Before=local-fs.target
[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/bin/sh -c 'echo ran >/run/rhel-readonly-ran'
[Install]
WantedBy=local-fs.target
EOF
ln -s ../rhel-readonly.service "$R/etc/systemd/system/local-fs.target.wants/rhel-readonly.service"
# Quiet, quick guests: no logins on consoles.
for u in getty@.service serial-getty@.service getty.target systemd-logind.service; do ln -sf /dev/null "$R/etc/systemd/system/$u"; done
cat >"$R/usr/local/sbin/vm-report" <<'EOF'
#!/bin/sh
# Results to the second serial port, then power off.
writable() { f=$1/.probe-$$; touch "$f" 2>/dev/null && rm -f "$f" && echo yes || echo no; }
{
  echo BEGIN-RESULTS
  echo "multi_user=$(systemctl is-active multi-user.target)"
  echo "hostname=$(hostname)"
  echo "personality_unit=$(systemctl show -p Result --value personality.service) $(systemctl show -p ExecMainStatus --value personality.service)"
  echo "fallback_unit=$(systemctl show -p Result --value personality-fallback.service)"
  echo "boot_exit=$(cat /run/personality/boot-exit 2>/dev/null || echo none)"
  echo "fallback_said=$(journalctl -b -o cat -u personality-fallback.service 2>/dev/null | grep -o 'nothing to do\|running readonly-root\|readonly-root done' | tr '\n' ',')"
  echo "rhel_readonly_ran=$(cat /run/rhel-readonly-ran 2>/dev/null || echo no)"
  echo "root_writable=$(writable /)"
  echo "writable=$(for p in /var/log /var/tmp /var/lib/systemd /srv/data; do printf '%s:%s ' $p $(writable $p); done)"
  echo "failed_units=$(systemctl list-units --failed --plain --no-legend | awk '{print $1}' | tr '\n' ' ')"
  echo "mem_available_kb=$(sed -n 's/^MemAvailable: *\([0-9]*\) kB/\1/p' /proc/meminfo)"
  echo END-RESULTS
} >/dev/ttyS1 2>&1
sync
systemctl --force --force poweroff || echo o >/proc/sysrq-trigger
EOF
chmod 755 "$R/usr/local/sbin/vm-report"
cat >"$R/etc/systemd/system/vm-report.service" <<'EOF'
[Unit]
Description=VM test report
After=multi-user.target
[Service]
Type=oneshot
ExecStart=/usr/local/sbin/vm-report
StandardOutput=journal+console
[Install]
WantedBy=multi-user.target
EOF
ln -s ../vm-report.service "$R/etc/systemd/system/multi-user.target.wants/vm-report.service"

image() { # NAME: the tree as it is now, as a read-only root image
  mkfs.ext4 -q -F -d "$R" -O ^metadata_csum,^orphan_file,^64bit -b 4096 "$work/$1.img" 400M >/dev/null 2>&1 || die "mkfs.ext4 of $1 failed"
}
image good
cp "$R/sbin/personality" "$work/personality.real"
printf 'this is not a program\n' >"$R/sbin/personality"; chmod 755 "$R/sbin/personality"
image broken
printf '#!/bin/sh\nexec sleep 100000\n' >"$R/sbin/personality"
mkdir -p "$R/etc/systemd/system/personality.service.d"
printf '[Service]\nTimeoutStartSec=10s\n' >"$R/etc/systemd/system/personality.service.d/test-timeout.conf"
image hang

# ---- volumes --------------------------------------------------------------------------------
vol() { mkfs.ext2 -q -F -d "$1" -L "$2" -b 1024 "$3" 4M >/dev/null 2>&1 || die "mkfs.ext2 $2 failed"; }
mkdir -p "$work/v/host" "$work/v/app" "$work/v/empty"
printf 'version: 1\nrole: host\nhostname: sd01\n' >"$work/v/host/personality.yaml"
printf 'version: 1\nrole: app\npersonality: web\n' >"$work/v/app/personality.yaml"
for g in good disabled broken hang; do
  vol "$work/v/host" PERS_HOST "$work/$g-host.img"; vol "$work/v/app" PERS_APP "$work/$g-app.img"; vol "$work/v/empty" stateless-state "$work/$g-state.img"
done

# ---- boot -----------------------------------------------------------------------------------
mem=${PERS_VM_SD_MEM:-96}
boot() { # NAME IMAGE EXTRA-CMDLINE
  local name=$1 img=$2 extra=$3
  local t0=$(date +%s.%N)
  timeout "${PERS_VM_TIMEOUT:-180}" qemu-system-x86_64 -accel tcg -cpu max -m "$mem" -smp 1 -display none -no-reboot \
    -kernel "$kimg" -append "console=ttyS0 root=/dev/vda rootfstype=ext4 ro panic=-1 quiet loglevel=4 no_timer_check $extra" \
    -drive "file=$work/$img.img,format=raw,if=virtio,readonly=on" \
    -drive "file=$work/$name-host.img,format=raw,if=virtio" -drive "file=$work/$name-app.img,format=raw,if=virtio" \
    -drive "file=$work/$name-state.img,format=raw,if=virtio" \
    -serial "file:$work/$name.console" -serial "file:$work/$name.out" >"$work/$name.qemu" 2>&1
  local rc=$?
  printf 'boot %-9s %5.1f s (qemu exit %s, -m %s)\n' "$name" "$(awk "BEGIN{print $(date +%s.%N) - $t0}")" "$rc" "$mem"
  grep -q END-RESULTS "$work/$name.out" 2>/dev/null || { echo "--- $name: no results; last console lines:"; tail -n 40 "$work/$name.console"; cat "$work/$name.qemu"; }
}
val() { sed -n "s/^$2=//p" "$work/$1.out" 2>/dev/null | tr -d '\r' | head -1; }

boot good good ""
boot disabled good "personality=off"
boot broken broken ""
boot hang hang ""

all_writable="/var/log:yes /var/tmp:yes /var/lib/systemd:yes /srv/data:yes "
for g in good disabled broken hang; do
  check "$g: reached multi-user.target and reported" test "$(val $g multi_user)" = active
  check "$g: root read-only, every rwtab path writable" test "$(val $g root_writable) $(val $g writable)" = "no $all_writable"
  check "$g: rhel-readonly.service never ran (conflict)" test "$(val $g rhel_readonly_ran)" = no
  check "$g: personality-fallback.service succeeded" test "$(val $g fallback_unit)" = success
done
check "good: boot exit 0, unit success" test "$(val good boot_exit) $(val good personality_unit)" = "0 success 0"
check "good: the fallback did nothing" test "$(val good fallback_said)" = "nothing to do,"
check "good: hostname from the host volume" test "$(val good hostname)" = sd01
check "disabled: boot exit 13 (success for the unit)" test "$(val disabled boot_exit) $(val disabled personality_unit)" = "13 success 13"
check "disabled: the fallback ran readonly-root" test "$(val disabled fallback_said)" = "running readonly-root,readonly-root done,"
check "broken: unit failed (exec), no exit file" test "$(val broken boot_exit) $(val broken personality_unit)" = "none exit-code 203"
check "broken: the fallback ran readonly-root" test "$(val broken fallback_said)" = "running readonly-root,readonly-root done,"
check "hang: unit killed at its timeout, no exit file" test "$(val hang boot_exit) $(val hang personality_unit | cut -d' ' -f1)" = "none timeout"
check "hang: the fallback ran readonly-root" test "$(val hang fallback_said)" = "running readonly-root,readonly-root done,"
for g in good disabled broken hang; do echo "$g: failed units: $(val $g failed_units); MemAvailable $(val $g mem_available_kb) kB"; done
if [ "$fail" != 0 ]; then
  for g in good disabled broken hang; do echo "--- $g results:"; tr -d '\r' <"$work/$g.out" 2>/dev/null | head -30; done
fi
finish
