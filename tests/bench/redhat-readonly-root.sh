#!/bin/bash
# tests/bench/redhat-readonly-root.sh ROOT: Red Hat's readonly-root done the way its shell does
# it, on the tree ROOT (every guest path is prefixed with ROOT), so the benchmark can compare it
# with `personality boot`. Same steps, order and tools as upstream's readonly-root (Fedora
# initscripts; CentOS 6 rc.sysinit differs only in binding each entry at once): blkid and mount
# find the areas; rwtab entries are copied with cpio (empty), find | cpio (dirs) and
# cp -a --parents (files); then the outermost entries are bound (checked pairwise, as upstream
# does); statetab paths are copied on first use with cp -a --parents and bound.
# Run it as root inside a private mount namespace only (unshare -m): it mounts over ROOT.
# Left out, as the benchmark trees do not use them: sourcing /etc/init.d/functions, SELinux
# relabelling, the hostname from DHCP, state over NFS (CLIENTSTATE).

[ $# -eq 1 ] && [ -d "$1" ] || { echo "usage: $0 ROOT" >&2; exit 2; }
ROOT=$(cd "$1" && pwd)
[ "$ROOT" = / ] && ROOT=

HOSTNAME=$(hostname)
cmdline=$(cat /proc/cmdline)

# /etc/sysconfig/readonly-root, over Red Hat's defaults; then the kernel command line.
READONLY=no
TEMPORARY_STATE=no
RW_MOUNT=/var/lib/stateless/writable
RW_LABEL=stateless-rw
RW_OPTIONS=
STATE_LABEL=stateless-state
STATE_MOUNT=/var/lib/stateless/state
STATE_OPTIONS=
SLAVE_MOUNTS=yes
[ -f "$ROOT/etc/sysconfig/readonly-root" ] && . "$ROOT/etc/sysconfig/readonly-root"
case " $cmdline " in *" readonlyroot "*) READONLY=yes ;; esac
case " $cmdline " in *" noreadonlyroot "*) READONLY=no ;; esac

yes_word() { case "${1,,}" in yes | true | on | 1 | y | t) return 0 ;; esac; return 1; }
yes_word "$READONLY" || yes_word "$TEMPORARY_STATE" || exit 0

is_ignored_file() {
	case "$1" in
		*~ | *.bak | *.orig | *.rpmnew | *.rpmorig | *.rpmsave) return 0 ;;
	esac
	return 1
}

# Every bind is also made a slave, in the same mount(8) call.
bind_options=
yes_word "$SLAVE_MOUNTS" && bind_options=--make-slave

# The copies. cpio and cp run from ROOT with the guest path made relative, so it lands at the
# same place below the area; "bound" collects what was copied, to be bound afterwards.
bound=()
copy_empty() {
	[ -e "$ROOT$1" ] || return 0
	(cd "$ROOT/" && echo "${1#/}" | cpio -p -vd "$ROOT$RW_MOUNT" &>/dev/null)
	bound+=("${1%/}")
}
copy_dirs() {
	[ -e "$ROOT$1" ] || return 0
	mkdir -p "$ROOT$RW_MOUNT$1"
	(cd "$ROOT/" && find "${1#/}" -type d -print0 | cpio -p -0vd "$ROOT$RW_MOUNT" &>/dev/null)
	bound+=("${1%/}")
}
copy_files() {
	[ -e "$ROOT$1" ] || return 0
	(cd "$ROOT/" && cp -a --parents "${1#/}" "$ROOT$RW_MOUNT")
	bound+=("${1%/}")
}

# Scratch area: an fstab entry, else the device labelled RW_LABEL (both wiped), else tmpfs.
rw_device=$(blkid -t LABEL="$RW_LABEL" -l -o device)
if mount "$ROOT$RW_MOUNT" >/dev/null 2>&1; then
	rm -rf "$ROOT$RW_MOUNT"/* >/dev/null 2>&1
elif [ -n "$rw_device" ] && mount "$rw_device" "$ROOT$RW_MOUNT" >/dev/null 2>&1; then
	rm -rf "$ROOT$RW_MOUNT"/* >/dev/null 2>&1
else
	mount -n -t tmpfs $RW_OPTIONS none "$ROOT$RW_MOUNT"
fi

for file in "$ROOT/etc/rwtab" "$ROOT"/etc/rwtab.d/* "$ROOT/run/initramfs/rwtab"; do
	is_ignored_file "$file" && continue
	[ -f "$file" ] || continue
	while read -r type path; do
		case "$type" in
			empty) copy_empty "$path" ;;
			files) copy_files "$path" ;;
			dirs) copy_dirs "$path" ;;
		esac
	done < <(cat "$file")
done

# Bind the outermost entries: an entry below another one shows through its bind.
for path in "${bound[@]}"; do
	inner=no
	for other in "${bound[@]}"; do
		[[ $path = "$other" ]] && continue
		if [[ $path =~ ^$other/ ]]; then inner=yes; break; fi
	done
	[ "$inner" = yes ] && continue
	mount -n --bind $bind_options "$ROOT$RW_MOUNT$path" "$ROOT$path"
done

# State handed over by the initramfs.
[ -d "$ROOT/run/initramfs/state" ] && cp -a "$ROOT/run/initramfs/state"/* "$ROOT$RW_MOUNT"

# State area: an fstab entry, else the device labelled STATE_LABEL. On a guest the read-only
# root fails the -w test below unless one was mounted; a benchmark tree is writable, so
# remember whether one was.
state_mounted=no
state_device=$(blkid -t LABEL="$STATE_LABEL" -l -o device)
if mount $STATE_OPTIONS "$ROOT$STATE_MOUNT" >/dev/null 2>&1; then
	state_mounted=yes
elif [ -n "$state_device" ] && mount "$state_device" "$ROOT$STATE_MOUNT" >/dev/null 2>&1; then
	state_mounted=yes
fi

# Copy on first use, then bind.
bind_state() {
	[ -e "$ROOT$1" ] || return 0
	[ -e "$ROOT$STATE_MOUNT$1" ] || (cd "$ROOT/" && cp -a --parents "${1#/}" "$ROOT$STATE_MOUNT")
	mount -n --bind $bind_options "$ROOT$STATE_MOUNT$1" "$ROOT$1"
}
if [ "$state_mounted" = yes ] && [ -w "$ROOT$STATE_MOUNT" ]; then
	for file in "$ROOT/etc/statetab" "$ROOT"/etc/statetab.d/*; do
		is_ignored_file "$file" && continue
		[ -f "$file" ] || continue
		guest=${file#"$ROOT"}
		[ -f "$ROOT$STATE_MOUNT$guest" ] && mount -n --bind $bind_options "$ROOT$STATE_MOUNT$guest" "$file"
		while read -r path; do
			bind_state "$path"
		done < <(grep -v "^#" "$file" 2>/dev/null)
	done
	if [ -f "$ROOT$STATE_MOUNT/files" ]; then
		while read -r path; do
			bind_state "$path"
		done < <(grep -v "^#" "$ROOT$STATE_MOUNT/files" 2>/dev/null)
	fi
fi

# As upstream: an rpc_pipefs hidden by a bind is mounted again.
if mount | grep -q "$ROOT/var/lib/nfs/rpc_pipefs"; then
	mount -t rpc_pipefs sunrpc "$ROOT/var/lib/nfs/rpc_pipefs"
fi
exit 0
