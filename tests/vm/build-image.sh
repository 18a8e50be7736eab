#!/usr/bin/env bash
# The VM tests' root image: CentOS-shaped (SysV init from Debian's sysvinit-core, busybox
# tools, rc.sysinit with Red Hat's readonly-root block, four test services), the personality RPM
# installed with `rpm -i --root` (its %post hooks rc.sysinit), made into a read-only ext4 image.
#
#   tests/vm/build-image.sh WORKDIR IMAGE [MARKER]
#
# The tree is left in WORKDIR/root for the caller's checks; MARKER goes to /etc/vmtest-image
# (the report prints it: a second image that differs visibly). Needs out/personality and
# out/rpm/*.rpm (tests/publish.sh, rpm/build.sh). Prints PASS/FAIL lines and "N passed, N
# failed"; exit 1 on a failure. Used by tests/vm/run.sh and the fleet's VM test.
set -uo pipefail
cd "$(dirname "$0")/../.."
vmdir=$(pwd)/tests/vm
cache=$vmdir/.cache
[ $# -ge 2 ] || { echo "usage: tests/vm/build-image.sh WORKDIR IMAGE [MARKER]" >&2; exit 2; }
work=$1 image=$2 marker=${3:-1}
R=$work/root
. "$vmdir/checks.sh"
die() { echo "build-image.sh: $*" >&2; bad "image: $*"; finish; }
case $work in /*) ;; *) work=$(pwd)/$work ;; esac
case $image in /*) ;; *) image=$(pwd)/$image ;; esac
R=$work/root
rpmfile=$(ls "$(pwd)"/out/rpm/personality-*.x86_64.rpm 2>/dev/null | tail -1)
[ -x out/personality ] && [ -n "$rpmfile" ] || die "out/personality and out/rpm/*.rpm are needed (tests/publish.sh, rpm/build.sh)"
mkdir -p "$cache" "$work"; rm -rf "$R"
sysv=$(ls "$cache"/sysvinit-core_*.deb 2>/dev/null | tail -1)
if [ -z "$sysv" ]; then
  (cd "$cache" && apt-get download sysvinit-core >/dev/null 2>&1) || die "apt-get download sysvinit-core failed"
  sysv=$(ls "$cache"/sysvinit-core_*.deb | tail -1)
fi

# ---- the root image: CentOS-shaped, sysvinit, busybox tools -----------------------------
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
# Results to the second serial port, then power off. A fleet guest (vmtest.stay on the kernel
# command line) writes the short results to its console instead, each line after "VMTEST ",
# and stays up.
report() {
  echo "BEGIN-RESULTS"
  echo "hostname=$(hostname)"
  echo "image=$(cat /etc/vmtest-image 2>/dev/null)"
  echo "address=$(sed -n 's/^IPADDR=//p' /etc/sysconfig/network-scripts/ifcfg-eth0 2>/dev/null)"
  echo "nameserver=$(sed -n 's/^nameserver //p' /etc/resolv.conf 2>/dev/null | head -1)"
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
  [ "$1" = short ] && { echo "END-RESULTS"; return; }
  echo "BEGIN-STATUS-TEXT"; cat /run/status.txt; echo "END-STATUS-TEXT"
  echo "BEGIN-STATUS-JSON"; /sbin/personality status --json 2>/dev/null; echo; echo "END-STATUS-JSON"
  echo "END-RESULTS"
}
if grep -qw vmtest.stay /proc/cmdline; then
  report short 2>&1 | sed 's/^/VMTEST /' >/dev/console
  exit 0
fi
report >/dev/ttyS1 2>&1
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
mkdir -p "$R/etc/sysconfig/network-scripts"
echo "$marker" >"$R/etc/vmtest-image"
cat >"$R/etc/rwtab" <<'EOF'
dirs	/var/log
empty	/var/tmp
files	/etc/resolv.conf
files	/etc/sysconfig/network-scripts
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
  (cd "$R" && rpm2cpio "$rpmfile" | cpio -idmu --quiet) || die "rpm2cpio failed"
  "$R/usr/libexec/personality/personality-rcsysinit" install --root "$R" >/dev/null || die "hook install failed"
fi
echo "package installed into the image with $how"
check "image: RPM installed /sbin/personality" test -x "$R/sbin/personality"
check "image: %post hooked rc.sysinit" grep -q '^# >>> personality-rcsysinit' "$R/etc/rc.d/rc.sysinit"
check "image: rc.sysinit still valid shell" sh -n "$R/etc/rc.d/rc.sysinit"
# the image's default: cups on in 3, the others off
check "image: chkconfig links (cups on, httpd off in 3)" bash -c "ls '$R/etc/rc.d/rc3.d' | grep -q '^S25cups\$' && ls '$R/etc/rc.d/rc3.d' | grep -q '^K15httpd\$'"

# Root filesystem: ext4 without the features old kernels lack; attached readonly=on.
mkfs.ext4 -q -F -d "$R" -O ^metadata_csum,^orphan_file,^64bit -b 4096 "$image" 96M >/dev/null 2>&1 \
  || die "mkfs.ext4 of the root image failed"

finish
