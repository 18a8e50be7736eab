#!/usr/bin/env bash
# build.sh OUT: make the sample guest in OUT: a small CentOS-6-like root tree (OUT/root) and its
# volumes as sparse ext4 images: OUT/volumes/sample-rw.img (scratch), sample-st.img (state),
# sample-host.img (host configuration, operations) and sample-app.img (application configuration:
# the "web" personality). Nothing is mounted or attached here; run.sh does that.
# BIN (the personality binary) is used to register the image's services, as an image build would.
# BROKEN=manifest (a misspelt key in the app manifest) or BROKEN=rwtab (a bad rwtab.d line) makes
# a broken variant, for the tests.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 OUT" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=$(mkdir -p "$1" && cd "$1" && pwd)
root=$out/root
[ ! -e "$root" ] || { echo "build.sh: $root already exists" >&2; exit 1; }

# The stock CentOS 6 rwtab: from shared/data beside the repo, else the copy kept with the tests.
stock=$repo/../shared/data/rwtab.el6
[ -f "$stock" ] || stock=$repo/tests/Personality.IntegrationTests/Data/rwtab.el6

d() { mkdir -p "$root$1"; chmod "${2:-755}" "$root$1"; }
f() { mkdir -p "$(dirname "$root$1")"; printf '%s\n' "$2" >"$root$1"; chmod "${3:-644}" "$root$1"; }

# --- a CentOS-like skeleton (binaries are not needed: personality runs from the host here)
for p in /bin /sbin /lib /lib64 /usr/bin /usr/sbin /usr/lib /boot /dev /proc /sys /home /opt /srv /mnt /root; do d "$p"; done
chmod 550 "$root/root"
f /etc/redhat-release "CentOS release 6.10 (Final)"
f /etc/passwd "root:x:0:0:root:/root:/bin/bash
ntp:x:38:38::/etc/ntp:/sbin/nologin
sample:x:500:500:sample app:/var/lib/sample-app:/sbin/nologin"
f /etc/group "root:x:0:
ntp:x:38:
sample:x:500:"
f /etc/fstab "# /etc/fstab: the root is read-only; RW_MOUNT and STATE_MOUNT come from labelled volumes
LABEL=rootfs  /  ext4  ro,defaults  1 1"
f /etc/sysconfig/network "NETWORKING=yes
HOSTNAME=sample01"

# --- paths named by the stock rwtab that this guest has (the others are left out)
d /var/cache/man; d /var/cache/man/en; f /var/cache/man/en/index.db "man index"
d /var/lock; d /var/lock/subsys; f /var/lock/subsys/network ""
d /var/log; d /var/log/audit 700; f /var/log/messages "Nov 24 00:00:00 sample01 kernel: boot of the image build" 600
d /var/run; d /var/run/netreport 775; f /var/run/syslogd.pid "123"
d /var/lib/dbus; f /var/lib/dbus/machine-id "0123456789abcdef0123456789abcdef"
d /var/lib/nfs; d /var/lib/nfs/statd/sm 700; f /var/lib/nfs/etab ""
d /tmp 1777; f /tmp/.image-build-leftover "leftover"
d /var/tmp 1777
d /var/cache/foomatic
d /var/lib/dhclient; f /var/lib/dhclient/dhclient-eth0.leases "lease { fixed-address 192.0.2.10; }"
d /media
f /etc/adjtime "0.0 0 0.0
0
UTC"
f /etc/ntp.conf "server 192.0.2.123 iburst"
f /etc/resolv.conf "nameserver 192.0.2.53"
d /etc/lvm/archive 700; d /etc/lvm/backup 700; f /etc/lvm/.cache "# lvm device cache" 600
f /var/lib/logrotate.status "logrotate state -- version 2"
d /var/lib/ntp; f /var/lib/ntp/drift "12.345"; chown -R 38:38 "$root/var/lib/ntp"
f /var/lib/random-seed "$(head -c 64 /dev/urandom | od -An -tx1 | tr -d ' \n')" 600
d /var/spool; d /var/spool/cron 700; f /var/spool/cron/root "0 3 * * * /usr/sbin/tmpwatch 720 /tmp" 600
d /var/spool/mail 775

# /etc/rwtab: the stock file trimmed to the paths this tree has.
while read -r type path; do
  if [ -n "${path:-}" ] && [ -e "$root$path" ]; then printf '%s\t%s\n' "$type" "$path"; fi
done <"$stock" >"$root/etc/rwtab"

# --- the sample application: its own rwtab.d entry and its persistent state
f /etc/rwtab.d/sample "# sample-app: runtime files, rebuilt every boot
dirs	/var/cache/sample-app
files	/etc/sample-app/runtime.conf"
d /var/cache/sample-app/thumbs; f /var/cache/sample-app/thumbs/stale.png "stale"
f /etc/sample-app/runtime.conf "workers=2"
d /var/lib/sample-app 750; f /var/lib/sample-app/counter "0" 640; chown -R 500:500 "$root/var/lib/sample-app"
d /var/lib/sample-db 700; f /var/lib/sample-db/data.db "sample rows"
d /etc/ssh; f /etc/ssh/sshd_config "PermitRootLogin no"
f /etc/ssh/ssh_host_ed25519_key "-----BEGIN OPENSSH PRIVATE KEY----- (sample, not a real key)" 600
f /etc/ssh/ssh_host_ed25519_key.pub "ssh-ed25519 AAAAsample sample01"
f /etc/machine-id "fedcba9876543210fedcba9876543210" 444
f /etc/statetab "# persistent per-guest state, copied to the state volume on first boot
/var/lib/sample-app
/var/lib/sample-db
/etc/ssh
/etc/machine-id"

# --- settings: Red Hat's readonly-root with this guest's labels, and personality's own
d /var/lib/stateless/writable; d /var/lib/stateless/state
f /etc/sysconfig/readonly-root "# Red Hat readonly-root, as on CentOS 6, with the sample guest's volume labels
READONLY=yes
TEMPORARY_STATE=no
RW_MOUNT=/var/lib/stateless/writable
RW_LABEL=sample-rw
RW_OPTIONS=
STATE_LABEL=sample-st
STATE_MOUNT=/var/lib/stateless/state
STATE_OPTIONS="
f /etc/sysconfig/personality "# personality boot settings
DEVICE_TIMEOUT=5
REQUIRED_LABELS=\"sample-st sample-app\"
HOST_LABEL=sample-host
APP_LABEL=sample-app"

# --- services of the image, registered offline with the native chkconfig engine
for level in 0 1 2 3 4 5 6; do d /etc/rc.d/rc$level.d; done
svc() { f "/etc/rc.d/init.d/$1" "#!/bin/sh
# chkconfig: $2 $3 $4
# description: sample $1 service
echo \"$1 \$1\"" 755; "${BIN:?set BIN to the personality binary}" chkconfig --root "$root" --add "$1"; }
svc httpd - 85 15
svc memcached - 55 45
svc cups 2345 56 10
svc sshd 2345 55 25
d /var/lib/personality/host; d /var/lib/personality/app; d /var/lib/sample-web
f /var/lib/sample-web/sessions "none yet"
f /etc/hosts "127.0.0.1 localhost"

# --- volumes: sparse ext4 images; the scratch one holds junk from an earlier boot, to show the wipe
mkdir -p "$out/volumes" "$out/junk"
echo "left over from the previous boot: the scratch volume is wiped" >"$out/junk/leftover.txt"
truncate -s 32M "$out/volumes/sample-rw.img" "$out/volumes/sample-st.img"
mkfs.ext4 -q -F -L sample-rw -d "$out/junk" "$out/volumes/sample-rw.img"
mkfs.ext4 -q -F -L sample-st "$out/volumes/sample-st.img"
rm -rf "$out/junk"

# The host volume (operations): the hostname and /etc/hosts.
mkdir -p "$out/host/files" "$out/app/files"
cat >"$out/host/personality.yaml" <<'YAML'
version: 1
role: host
hostname: sample-web01
files:
  - path: /etc/hosts
    source: files/hosts
    how: bind
YAML
printf '127.0.0.1 localhost\n192.0.2.10 sample-web01\n' >"$out/host/files/hosts"
# The app volume (engineering): the web personality.
cat >"$out/app/personality.yaml" <<'YAML'
version: 1
role: app
personality: web
state: [/var/lib/sample-web]
files:
  - path: /etc/sample-app/web.conf
    source: files/web.conf
    mode: "0640"
    owner: root:sample
services:
  on: [httpd, memcached]
  off: [cups]
  levels: "345"
YAML
printf 'listen=8080\n' >"$out/app/files/web.conf"
case "${BROKEN:-}" in
  "") ;;
  manifest) sed -i 's/^services:/servics:/' "$out/app/personality.yaml" ;;
  rwtab) printf 'emtpy\t/tmp\n' >>"$root/etc/rwtab.d/sample" ;;
  *) echo "build.sh: BROKEN=$BROKEN: use manifest or rwtab" >&2; exit 2 ;;
esac
truncate -s 16M "$out/volumes/sample-host.img" "$out/volumes/sample-app.img"
mkfs.ext4 -q -F -L sample-host -d "$out/host" "$out/volumes/sample-host.img"
mkfs.ext4 -q -F -L sample-app -d "$out/app" "$out/volumes/sample-app.img"
rm -rf "$out/host" "$out/app"
echo "sample guest: $root ($(grep -c . "$root/etc/rwtab") rwtab entries), volumes in $out/volumes"
