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

. "$vmdir/checks.sh"
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

# ---- the root image: CentOS-shaped, sysvinit, busybox tools (tests/vm/build-image.sh) --------
# Its checks (RPM installed, rc.sysinit hooked, chkconfig links) count here too.
imgout=$(bash "$vmdir/build-image.sh" "$work" "$work/root.img" 2>&1)
grep -E '^(PASS|FAIL) ' <<<"$imgout"
ip=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' <<<"$imgout" | tail -1)
ifail=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' <<<"$imgout" | tail -1)
[ -n "$ip" ] || { echo "$imgout" | tail -5; die "tests/vm/build-image.sh gave no summary"; }
pass=$((pass + ip)); fail=$((fail + ifail))
[ -f "$work/root.img" ] || die "no root image"
R=$work/root

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
