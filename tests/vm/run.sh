#!/usr/bin/env bash
# VM test: boot real QEMU guests from one read-only, CentOS-shaped root image with the
# personality RPM installed, and check what they did. Memory: 64 MB per guest, on a small
# kernel built from Debian's linux-source-6.1 (tests/vm/build-kernel.sh: tinyconfig +
# tests/vm/kernel/config.fragment, about 5 minutes on 2 cores the first time, then cached).
#
#   tests/vm/run.sh            as root on Debian 12 (packages: see .ci/run)
#   PERS_VM_ACCEL=kvm tests/vm/run.sh   use real KVM where /dev/kvm is a normal KVM
#   PERS_VM_KEEP=1 tests/vm/run.sh      keep the work directory (printed) for inspection
#   PERS_VM_KERNEL=debian      Debian's stock kernel instead (modules in an initramfs, 96 MB:
#                              it does not fit in 64 MB); also used, with a NOTICE, when the
#                              small kernel cannot be built. Either way the 64 MB check FAILs.
#   PERS_VM_MEM=MB, PERS_VM_TIMEOUT=S   memory per guest (default 64, 96 for Debian's kernel),
#                                       seconds per boot (120)
#
# Guests (each boot: root image attached readonly=on as vda, then its labelled volumes):
#   web   PERS_HOST hostname web01, PERS_APP personality web: httpd+memcached on, cups off,
#         state /var/lib/web (a hook writes into it), plus a stateless-state volume that keeps
#         /etc/rc.d/rc?.d (statetab); booted twice with the same volumes.
#   db    PERS_HOST hostname db01, PERS_APP personality db: postgresql on, httpd off.
#   bad   PERS_APP with a broken manifest.
# Each guest's inittab runs rc.sysinit (hooked by the RPM's %post), `rc 3`, then a report
# script that writes hostname, started services and `personality status` to the second serial
# port and powers off. The results are checked here, one line per check, and a closing line
# "N passed, N failed"; exit 1 on any failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
vmdir=$repo/tests/vm
cache=$vmdir/.cache
mkdir -p "$cache"
export DEBIAN_FRONTEND=noninteractive

pass=0; fail=0
ok() { echo "PASS $*"; pass=$((pass+1)); }
bad() { echo "FAIL $*"; fail=$((fail+1)); }
check() { local name=$1; shift; if "$@" >/dev/null 2>&1; then ok "$name"; else bad "$name"; fi; }
finish() { echo "$pass passed, $fail failed"; [ "$fail" = 0 ] && exit 0 || exit 1; }
die() { echo "run.sh: $*" >&2; bad "setup: $*"; finish; }

for tool in qemu-system-x86_64 mkfs.ext2 mkfs.ext4 debugfs dpkg-deb cpio rpm2cpio rpmbuild jq timeout; do
  command -v "$tool" >/dev/null || die "$tool not found (see the apt line in .ci/run)"
done
[ -x /bin/busybox ] && file -L /bin/busybox | grep -q 'statically linked' || die "busybox-static is needed"

work=$(mktemp -d /tmp/personality-vm.XXXXXX)
if [ "${PERS_VM_KEEP:-}" = 1 ]; then echo "work directory: $work"; else trap 'rm -rf "$work"' EXIT; fi

# ---- the product: binary and RPM --------------------------------------------------------
[ -x out/personality ] || bash tests/publish.sh >/dev/null || die "publish failed"
bash rpm/build.sh >/dev/null || die "rpm/build.sh failed"
rpmfile=$(ls out/rpm/personality-*.x86_64.rpm | tail -1)
# The package checks (file list, scriptlets, hook idempotence) count here too.
rpmout=$(bash "$vmdir/rpm-test.sh" 2>&1)
grep -E '^(PASS|FAIL) ' <<<"$rpmout" | sed 's/^\(PASS\|FAIL\) /\1 rpm: /'
rp=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' <<<"$rpmout" | tail -1)
rf=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' <<<"$rpmout" | tail -1)
[ -n "$rp" ] || { rf=1; rp=0; echo "$rpmout" | tail -5; echo "FAIL rpm: tests/vm/rpm-test.sh gave no summary"; }
pass=$((pass + rp)); fail=$((fail + rf))

# ---- kernel -------------------------------------------------------------------------------
# Default (PERS_VM_KERNEL=tiny): a small kernel built from Debian's linux-source-6.1 by
# tests/vm/build-kernel.sh (tinyconfig + tests/vm/kernel/config.fragment, everything built in,
# cached in tests/vm/.cache by the config's hash), no initramfs, 64 MB per guest as asked.
# PERS_VM_KERNEL=debian, or when the build fails: Debian's linux-image-*-amd64 with its modules
# in a busybox initramfs, 96 MB per guest; the 64 MB check then fails.
kernel_mode=${PERS_VM_KERNEL:-tiny}
case $kernel_mode in tiny|debian) ;; *) die "PERS_VM_KERNEL must be tiny or debian" ;; esac
if [ "$kernel_mode" = tiny ]; then
  kt0=$(date +%s)
  if kimg=$(bash "$vmdir/build-kernel.sh" "$cache"); then
    kdir=$(dirname "$kimg")
    kver="tiny 6.1 (linux-source-6.1, tinyconfig + tests/vm/kernel/config.fragment)"
    echo "kernel build: $kdir ($(( $(date +%s) - kt0 )) s to build or find in the cache)"
  else
    echo "NOTICE: the tiny kernel could not be built (see above); falling back to Debian's kernel with 96 MB per guest"
    kernel_mode=debian-fallback
  fi
fi
if [ "$kernel_mode" != tiny ]; then
  kpkg=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/{print $2; exit}')
  [ -n "$kpkg" ] || die "no linux-image-*-amd64 package known to apt (apt-get update?)"
  kver=${kpkg#linux-image-}
  kdeb=$(ls "$cache"/"${kpkg}"_*.deb 2>/dev/null | tail -1)
  if [ -z "$kdeb" ]; then
    (cd "$cache" && apt-get download "$kpkg" >/dev/null 2>&1) || die "apt-get download $kpkg failed"
    kdeb=$(ls "$cache"/"${kpkg}"_*.deb | tail -1)
  fi
  modules="virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_blk crc16 mbcache jbd2 crc32c_generic ext4"
  kdir=$cache/kernel-$kver
  if [ ! -f "$kdir/vmlinux" ]; then
    rm -rf "$kdir"; mkdir -p "$kdir/x"
    dpkg-deb --fsys-tarfile "$kdeb" | tar -x -C "$kdir/x" --wildcards './boot/vmlinuz-*' './lib/modules/*/kernel/drivers/virtio/*' \
      './lib/modules/*/kernel/drivers/block/virtio_blk.ko*' './lib/modules/*/kernel/lib/crc16.ko*' './lib/modules/*/kernel/fs/mbcache.ko*' \
      './lib/modules/*/kernel/fs/jbd2/*' './lib/modules/*/kernel/crypto/crc32c_generic.ko*' './lib/modules/*/kernel/fs/ext4/*' \
      || die "unpacking $kdeb failed"
    mkdir -p "$kdir/modules"
    for m in $modules; do
      f=$(find "$kdir/x/lib/modules" -name "$m.ko*" | head -1)
      [ -n "$f" ] || die "module $m not in $kpkg"
      case $f in *.xz) xz -dc "$f" >"$kdir/modules/$m.ko" ;; *.zst) zstd -qdc "$f" >"$kdir/modules/$m.ko" ;; *) cp "$f" "$kdir/modules/$m.ko" ;; esac
    done
    cp "$kdir/x/boot/vmlinuz-$kver" "$kdir/vmlinuz"
    # The raw ELF inside the compressed kernel boots through QEMU's PVH entry, 3-4 s faster
    # under TCG; fall back to the bzImage when it cannot be found.
    for magic in 'fd377a585a00:xz -dc' '1f8b0800:gzip -dc' '28b52ffd:zstd -qdc' '894c5a4f:lzop -dc'; do
      hex=${magic%%:*}; cmd=${magic#*:}
      command -v "${cmd%% *}" >/dev/null || continue
      for off in $(LC_ALL=C grep -obUaP "$(echo "$hex" | sed 's/../\\x&/g')" "$kdir/vmlinuz" | cut -d: -f1 | head -5); do
        tail -c +$((off + 1)) "$kdir/vmlinuz" | $cmd >"$kdir/vmlinux.try" 2>/dev/null
        if [ "$(head -c 4 "$kdir/vmlinux.try" | od -An -tx1 | tr -d ' ')" = 7f454c46 ]; then mv "$kdir/vmlinux.try" "$kdir/vmlinux"; break 2; fi
      done
    done
    rm -f "$kdir/vmlinux.try"
    [ -f "$kdir/vmlinux" ] || cp "$kdir/vmlinuz" "$kdir/vmlinux"
    rm -rf "$kdir/x"
  fi
fi
sysv=$(ls "$cache"/sysvinit-core_*.deb 2>/dev/null | tail -1)
if [ -z "$sysv" ]; then
  (cd "$cache" && apt-get download sysvinit-core >/dev/null 2>&1) || die "apt-get download sysvinit-core failed"
  sysv=$(ls "$cache"/sysvinit-core_*.deb | tail -1)
fi

# ---- initramfs (Debian kernel only): busybox, the modules, mount the root read-only, switch_root
if [ "$kernel_mode" != tiny ]; then
mkdir -p "$work/initrd/bin" "$work/initrd/dev" "$work/initrd/lib/modules" "$work/initrd/newroot" "$work/initrd/proc" "$work/initrd/sys"
cp /bin/busybox "$work/initrd/bin/busybox"
cp "$kdir"/modules/*.ko "$work/initrd/lib/modules/"
mknod -m 600 "$work/initrd/dev/console" c 5 1
mknod -m 666 "$work/initrd/dev/null" c 1 3
cat >"$work/initrd/init" <<EOF
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
for m in $modules; do insmod /lib/modules/\$m.ko || echo "initramfs: insmod \$m failed"; done
i=0; while [ ! -b /dev/vda ] && [ \$i -lt 100 ]; do sleep 0.1; i=\$((i+1)); done
if ! mount -t ext4 -o ro /dev/vda /newroot; then echo "initramfs: cannot mount /dev/vda"; poweroff -f; fi
mount --move /dev /newroot/dev
umount /sys /proc
exec switch_root /newroot /sbin/init
EOF
chmod 755 "$work/initrd/init"
(cd "$work/initrd" && find . | cpio -o -H newc --quiet | gzip -1 >"$work/initrd.gz") || die "initramfs failed"
fi

# ---- the root image: CentOS-shaped, sysvinit, busybox tools -----------------------------
R=$work/root
mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,lib64,dev,proc,sys,run,tmp,root,etc/rc.d/init.d,etc/sysconfig,etc/inittab.d,var/log,var/tmp,var/lib/stateless/writable,var/lib/stateless/state,var/lib/web,var/empty}
for n in 0 1 2 3 4 5 6; do mkdir -p "$R/etc/rc.d/rc$n.d"; ln -s rc.d/rc$n.d "$R/etc/rc$n.d"; done
ln -s rc.d/init.d "$R/etc/init.d"; ln -s ../run "$R/var/run"; ln -s ../run/lock "$R/var/lock"
chmod 1777 "$R/tmp" "$R/var/tmp"
mknod -m 600 "$R/dev/console" c 5 1; mknod -m 666 "$R/dev/null" c 1 3
dpkg-deb -x "$sysv" "$work/sysv" || die "unpacking sysvinit-core failed"
cp "$work/sysv/sbin/init" "$R/sbin/init"
# sysvinit's init is dynamically linked: bring its libraries along.
for lib in $(ldd "$R/sbin/init" | grep -o '/[^ ]*'); do mkdir -p "$R$(dirname "$lib")"; cp -L "$lib" "$R$lib"; done
cp /bin/busybox "$R/bin/busybox"
for applet in $(/bin/busybox --list-full); do
  [ -e "$R/$applet" ] || [ -L "$R/$applet" ] || { mkdir -p "$R/$(dirname "$applet")"; ln -s /bin/busybox "$R/$applet"; }
done
printf 'root:x:0:0:root:/root:/bin/sh\napache:x:48:48:Apache:/var/www:/sbin/nologin\n' >"$R/etc/passwd"
printf 'root:x:0:\napache:x:48:\n' >"$R/etc/group"
: >"$R/etc/fstab"
printf 'nameserver 192.0.2.1\n' >"$R/etc/resolv.conf"
printf 'NETWORKING=no\nHOSTNAME=generic.localdomain\n' >"$R/etc/sysconfig/network"
cat >"$R/etc/inittab" <<'EOF'
id:3:initdefault:
si::sysinit:/etc/rc.d/rc.sysinit
l3:3:wait:/etc/rc.d/rc 3
rp:3:wait:/etc/rc.d/rc.report
EOF
cp "$vmdir/guest/rc.sysinit" "$R/etc/rc.d/rc.sysinit"; chmod 755 "$R/etc/rc.d/rc.sysinit"
ln -s rc.d/rc.sysinit "$R/etc/rc.sysinit"
cat >"$R/etc/rc.d/rc" <<'EOF'
#!/bin/sh
# /etc/rc.d/rc RUNLEVEL: stop the K links, then start the S links, in order.
runlevel=$1
mkdir -p /run/started
for k in /etc/rc.d/rc$runlevel.d/K*; do [ -x "$k" ] && "$k" stop; done
for s in /etc/rc.d/rc$runlevel.d/S*; do [ -x "$s" ] && "$s" start; done
exit 0
EOF
cat >"$R/etc/rc.d/rc.report" <<'EOF'
#!/bin/sh
# Results to the second serial port, then power off.
out=/dev/ttyS1
{
  echo "BEGIN-RESULTS"
  echo "hostname=$(hostname)"
  echo "mem_total_kb=$(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo)"
  echo "mem_available_kb=$(sed -n 's/^MemAvailable: *\([0-9]*\) kB/\1/p' /proc/meminfo)"
  echo "kernel=$(uname -r) $(uname -v)"
  echo "started=$(ls /run/started 2>/dev/null | sort | tr '\n' ' ')"
  /sbin/personality status >/run/status.txt 2>&1; echo "status_exit=$?"
  echo "builtin_readonly_root=$(cat /run/readonly-root-builtin-ran 2>/dev/null || echo no)"
  echo "fsck_ran=$(cat /run/rc.sysinit-fsck-ran 2>/dev/null || echo no)"
  echo "remount_ran=$(cat /run/rc.sysinit-remount-ran 2>/dev/null || echo no)"
  echo "web_boots=$(cat /var/lib/web/boots 2>/dev/null | wc -l)"
  echo "web_first=$(cat /var/lib/web/first-boot 2>/dev/null)"
  echo "log_writable=$(touch /var/log/probe 2>/dev/null && echo yes || echo no)"
  echo "root_ro=$(touch /probe 2>/dev/null && echo no || echo yes)"
  echo "BEGIN-STATUS-TEXT"; cat /run/status.txt; echo "END-STATUS-TEXT"
  echo "BEGIN-STATUS-JSON"; /sbin/personality status --json 2>/dev/null; echo; echo "END-STATUS-JSON"
  echo "END-RESULTS"
} >"$out" 2>&1
sync
umount -a -r 2>/dev/null
poweroff -f || echo o >/proc/sysrq-trigger
EOF
chmod 755 "$R/etc/rc.d/rc" "$R/etc/rc.d/rc.report"
svc() { # NAME LEVELS START STOP
  cat >"$R/etc/rc.d/init.d/$1" <<EOF
#!/bin/sh
# $1: test service of the VM guest
# chkconfig: $2 $3 $4
# description: writes a marker when started, for the VM test
case "\$1" in
  start) echo "started \$(date +%s)" >/run/started/$1 ;;
  stop) rm -f /run/started/$1 ;;
  status) [ -f /run/started/$1 ] ;;
  *) echo "usage: \$0 start|stop|status"; exit 2 ;;
esac
EOF
  chmod 755 "$R/etc/rc.d/init.d/$1"
}
svc httpd - 85 15; svc memcached - 55 45; svc cups 2345 25 88; svc postgresql - 64 36
for s in httpd memcached cups postgresql; do
  out/personality chkconfig --root "$R" --add "$s" >/dev/null || die "chkconfig --add $s failed"
done
cat >"$R/etc/rwtab" <<'EOF'
dirs	/var/log
empty	/var/tmp
files	/etc/resolv.conf
EOF
# Service toggles live in the rc?.d link farms: on the state volume they persist, and a second
# boot finds them already as the manifest wants.
printf '/etc/rc.d/rc%s.d\n' 0 1 2 3 4 5 6 >"$R/etc/statetab"
cat >"$R/etc/sysconfig/readonly-root" <<'EOF'
READONLY=yes
TEMPORARY_STATE=no
RW_MOUNT=/var/lib/stateless/writable
RW_LABEL=stateless-rw
RW_OPTIONS=
STATE_LABEL=stateless-state
STATE_MOUNT=/var/lib/stateless/state
STATE_OPTIONS=
EOF

# Install the package: rpm -i --root (scriptlets run chrooted, with the image's busybox sh);
# where that does not work, unpack it with rpm2cpio and run the %post hook install by hand.
how="rpm -i --root"
if ! rpm -i --root "$R" --nodeps --noverify --nosignature "$rpmfile" >"$work/rpm-i.log" 2>&1 \
   || [ ! -x "$R/sbin/personality" ]; then
  how="rpm2cpio"
  (cd "$R" && rpm2cpio "$repo/$rpmfile" | cpio -idmu --quiet) || die "rpm2cpio failed"
  "$R/usr/libexec/personality/personality-rcsysinit" install --root "$R" >/dev/null || die "hook install failed"
fi
echo "package installed into the image with $how"
check "image: RPM installed /sbin/personality" test -x "$R/sbin/personality"
check "image: %post hooked rc.sysinit" grep -q '^# >>> personality-rcsysinit' "$R/etc/rc.d/rc.sysinit"
check "image: rc.sysinit still valid shell" sh -n "$R/etc/rc.d/rc.sysinit"
# the image's default: cups on in 3, the others off
check "image: chkconfig links (cups on, httpd off in 3)" bash -c "ls '$R/etc/rc.d/rc3.d' | grep -q '^S25cups\$' && ls '$R/etc/rc.d/rc3.d' | grep -q '^K15httpd\$'"

# Root filesystem: ext4 without the features old kernels lack; attached readonly=on.
mkfs.ext4 -q -F -d "$R" -O ^metadata_csum,^orphan_file,^64bit -b 4096 "$work/root.img" 96M >/dev/null 2>&1 \
  || die "mkfs.ext4 of the root image failed"

# ---- the guests' volumes --------------------------------------------------------------
vol() { # DIR LABEL IMG
  mkfs.ext2 -q -F -d "$1" -L "$2" -b 1024 -O ^metadata_csum,^64bit,^dir_index "$3" 4M >/dev/null 2>&1 || die "mkfs.ext2 $2 failed"
}
mk() { mkdir -p "$(dirname "$1")"; cat >"$1"; }
mk "$work/v/web-host/personality.yaml" <<'EOF'
version: 1
role: host
hostname: web01
EOF
mk "$work/v/web-app/personality.yaml" <<'EOF'
version: 1
role: app
personality: web
state: [/var/lib/web]
services:
  on: [httpd, memcached]
  off: [cups]
  levels: "345"
hooks:
  - run: hooks/10-mark.sh
    timeout: 20s
EOF
mk "$work/v/web-app/hooks/10-mark.sh" <<'EOF'
#!/bin/sh
# Runs at every boot: the first boot stamps /var/lib/web (a state path), every boot counts.
[ -f /var/lib/web/first-boot ] || echo "first-$(date +%s)-$$" >/var/lib/web/first-boot
echo boot >>/var/lib/web/boots
EOF
chmod 755 "$work/v/web-app/hooks/10-mark.sh"
mk "$work/v/db-host/personality.yaml" <<'EOF'
version: 1
role: host
hostname: db01
EOF
mk "$work/v/db-app/personality.yaml" <<'EOF'
version: 1
role: app
personality: db
services:
  on: [postgresql]
  off: [httpd]
EOF
mk "$work/v/bad-host/personality.yaml" <<'EOF'
version: 1
role: host
hostname: bad01
EOF
mk "$work/v/bad-app/personality.yaml" <<'EOF'
version: 1
role: app
personality: broken
sevices:
  on: [httpd]
EOF
mkdir -p "$work/v/empty"
vol "$work/v/web-host" PERS_HOST "$work/web-host.img"; vol "$work/v/web-app" PERS_APP "$work/web-app.img"
vol "$work/v/empty" stateless-state "$work/web-state.img"
vol "$work/v/empty" stateless-state "$work/db-state.img"
vol "$work/v/db-host" PERS_HOST "$work/db-host.img"; vol "$work/v/db-app" PERS_APP "$work/db-app.img"
vol "$work/v/bad-host" PERS_HOST "$work/bad-host.img"; vol "$work/v/bad-app" PERS_APP "$work/bad-app.img"
# web32: the web guest's volumes, fresh, for a boot with 32 MB
vol "$work/v/web-host" PERS_HOST "$work/web32-host.img"; vol "$work/v/web-app" PERS_APP "$work/web32-app.img"
vol "$work/v/empty" stateless-state "$work/web32-state.img"

# ---- boot ---------------------------------------------------------------------------
accel="-accel tcg -cpu max"
if [ "${PERS_VM_ACCEL:-}" = kvm ]; then accel="-accel kvm -cpu host"
elif [ -z "${PERS_VM_ACCEL:-}" ] && [ -w /dev/kvm ] && [ ! -d /sys/module/kvm_pvm ] && [ -d /sys/module/kvm_intel -o -d /sys/module/kvm_amd ]; then
  accel="-accel kvm -cpu host"
fi
# Memory: the issue asks for 64 MB per guest. The tiny kernel fits; Debian 12's stock kernels
# do not (the generic kernel's image is loaded at 16 MB and ends at 74 MB physical, .bss and init
# included; the cloud kernel's ends at 62 MB and it runs out of memory in its own initcalls), so
# with them the guests get 96 MB, the smallest round size that boots the generic kernel.
# PERS_VM_MEM overrides either.
if [ "$kernel_mode" = tiny ]; then
  mem=${PERS_VM_MEM:-64}
  kargs=(-kernel "$kdir/vmlinux")
  append="console=ttyS0 root=/dev/vda rootfstype=ext4 ro panic=-1 quiet loglevel=4"
else
  mem=${PERS_VM_MEM:-96}
  kargs=(-kernel "$kdir/vmlinux" -initrd "$work/initrd.gz")
  append="console=ttyS0 panic=-1 quiet loglevel=4 rw=0"
fi
echo "kernel: $kver$( [ "$(head -c 4 "$kdir/vmlinux" | od -An -tx1 | tr -d ' ')" = 7f454c46 ] && echo ', raw ELF via PVH')$( [ "$kernel_mode" = tiny ] && echo ', no initramfs' || echo ', busybox initramfs with modules')"
echo "memory per guest: $mem MB (QEMU -m $mem)"
echo "accelerator: $accel"

boot() { # NAME DISK... ; results in $work/NAME.out, console in $work/NAME.console
  local name=$1; shift
  local drives=(-drive "file=$work/root.img,format=raw,if=virtio,readonly=on")
  for d in "$@"; do drives+=(-drive "file=$d,format=raw,if=virtio"); done
  local t0=$(date +%s.%N)
  timeout "${PERS_VM_TIMEOUT:-120}" qemu-system-x86_64 $accel -m "$mem" -smp 1 -display none -no-reboot \
    "${kargs[@]}" -append "$append" \
    "${drives[@]}" -serial "file:$work/$name.console" -serial "file:$work/$name.out" >"$work/$name.qemu" 2>&1
  local rc=$?
  local secs=$(awk "BEGIN{print $(date +%s.%N) - $t0}")
  printf 'boot %-10s %5.1f s (qemu exit %s, -m %s, guest MemTotal %s kB, MemAvailable %s kB at the report)\n' "$name" "$secs" "$rc" "$mem" "$(sed -n 's/^mem_total_kb=//p' "$work/$name.out" 2>/dev/null | tr -d '\r' | head -1)" "$(sed -n 's/^mem_available_kb=//p' "$work/$name.out" 2>/dev/null | tr -d '\r' | head -1)"
  if ! grep -q END-RESULTS "$work/$name.out" 2>/dev/null; then
    echo "--- $name: no results; last console lines:"; tail -n 30 "$work/$name.console" 2>/dev/null; cat "$work/$name.qemu"
  fi
}
val() { sed -n "s/^$2=//p" "$work/$1.out" | tr -d '\r' | head -1; }
json() { sed -n '/^BEGIN-STATUS-JSON/,/^END-STATUS-JSON/p' "$work/$1.out" 2>/dev/null | sed '1d;$d' | tr -d '\r'; }

boot web1 "$work/web-host.img" "$work/web-app.img" "$work/web-state.img"
boot db "$work/db-host.img" "$work/db-app.img" "$work/db-state.img"
boot web2 "$work/web-host.img" "$work/web-app.img" "$work/web-state.img"
boot bad "$work/bad-host.img" "$work/bad-app.img"
# The smallest guest asked for: both config volumes, state and a hook, in 32 MB.
[ "$kernel_mode" = tiny ] && mem=32 boot web32 "$work/web32-host.img" "$work/web32-app.img" "$work/web32-state.img"

for g in web1 db web2 bad web32; do json $g >"$work/$g.json"; done
# ---- checks ---------------------------------------------------------------------------
for g in web1 db web2 bad; do check "$g: booted to runlevel 3 and reported" grep -q END-RESULTS "$work/$g.out"; done
# The requirement: 64 MB of RAM per guest. Fails, plainly, whenever the guests had more.
if [ "$kernel_mode" = tiny ] && [ "$mem" -le 64 ]; then
  ok "memory: every guest booted with $mem MB (<= 64 MB asked), kernel $kver"
else
  bad "memory: guests had $mem MB, not 64 MB (kernel $kver; $( [ "$kernel_mode" = tiny ] && echo "PERS_VM_MEM=$mem" || echo "the 64 MB tiny kernel was not used: PERS_VM_KERNEL=${PERS_VM_KERNEL:-tiny}, mode $kernel_mode"))"
fi
if [ "$kernel_mode" = tiny ]; then
  check "web32: booted to runlevel 3 in 32 MB and reported" grep -q END-RESULTS "$work/web32.out"
  check "web32: applied: hostname web01, httpd and memcached started" test "$(jq -r .record.result "$work/web32.json" 2>/dev/null) $(val web32 hostname) $(val web32 started)" = "applied web01 httpd memcached "
fi
check "web1: hostname web01" test "$(val web1 hostname)" = web01
check "db: hostname db01" test "$(val db hostname)" = db01
check "web1: started httpd, memcached (not cups, postgresql)" test "$(val web1 started)" = "httpd memcached "
check "db: started cups, postgresql (not httpd, memcached)" test "$(val db started)" = "cups postgresql "
check "web1: personality status exit 0" test "$(val web1 status_exit)" = 0
check "db: personality status exit 0" test "$(val db status_exit)" = 0
check "web1: status.json result applied, personality web" test "$(jq -r '.record.result + " " + .record.personality' "$work/web1.json" 2>/dev/null)" = "applied web"
check "db: status.json personality db" test "$(jq -r .record.personality "$work/db.json" 2>/dev/null)" = db
check "web1: built-in readonly-root block skipped" test "$(val web1 builtin_readonly_root)" = no
check "web1: READONLY=yes still skips fsck and remount" test "$(val web1 fsck_ran)$(val web1 remount_ran)" = nono
check "web1: root stays read-only, rwtab /var/log writable" test "$(val web1 root_ro)$(val web1 log_writable)" = yesyes
check "web1: services toggled on first boot (applied)" jq -e '[.record.steps[] | select(.stage=="services" and .result=="applied")] | length == 3' "$work/web1.json"
check "web state volume keeps the toggles (debugfs: rc3.d has S85httpd, K88cups)" \
  bash -c "debugfs -R 'ls /etc/rc.d/rc3.d' '$work/web-state.img' 2>/dev/null | tr -s ' ' '\n' | grep -qx S85httpd && debugfs -R 'ls /etc/rc.d/rc3.d' '$work/web-state.img' 2>/dev/null | tr -s ' ' '\n' | grep -qx K88cups"
check "web app volume holds the hook's first-boot stamp (debugfs)" \
  bash -c "debugfs -R 'cat /state/var/lib/web/first-boot' '$work/web-app.img' 2>/dev/null | grep -q '^first-'"
check "web2: hostname web01, same services" test "$(val web2 hostname) $(val web2 started)" = "web01 httpd memcached "
check "web2: state kept (hook's first-boot stamp unchanged, two boots counted)" \
  bash -c "[ -n '$(val web1 web_first)' ] && [ '$(val web1 web_first)' = '$(val web2 web_first)' ] && [ '$(val web2 web_boots)' = 2 ]"
check "web2: every service step unchanged" jq -e '[.record.steps[] | select(.stage=="services")] | length == 3 and all(.result=="unchanged")' "$work/web2.json"
check "web2: personality status exit 0" test "$(val web2 status_exit)" = 0
check "bad: personality status exit 2" test "$(val bad status_exit)" = 2
check "bad: status.json result failed" test "$(jq -r .record.result "$work/bad.json" 2>/dev/null)" = failed
check "bad: the failure names the manifest error" grep -q "sevices" "$work/bad.out"
check "bad: still booted with the host volume's hostname" test "$(val bad hostname)" = bad01
check "bad: image default services still started (cups)" test "$(val bad started)" = "cups "
if [ "$fail" != 0 ]; then
  for g in web1 db web2 bad; do echo "--- $g results:"; tr -d '\r' <"$work/$g.out" 2>/dev/null | grep -v '^BEGIN-STATUS-JSON' | sed '/^{/,$d' | head -40; done
fi
finish
