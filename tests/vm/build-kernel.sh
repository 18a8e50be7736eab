#!/usr/bin/env bash
# Build the VM test's small guest kernel from Debian's linux-source-6.1 (apt-get install
# linux-source-6.1; build packages on the apt line of .ci/run): `make tinyconfig` plus
# tests/vm/kernel/config.fragment, `make vmlinux` (-j$(nproc)), booted by QEMU as a raw ELF
# through the PVH entry. Everything the guests need is built in (no modules, no initramfs).
#
#   tests/vm/build-kernel.sh [CACHE_DIR]    prints the path of the built vmlinux on stdout
#
# Cached in CACHE_DIR (default tests/vm/.cache) as kernel-tiny-HASH/vmlinux, HASH covering the
# source package's version, the tarball's size, the fragment and gcc's version, so a second run
# reuses it. Build log: CACHE_DIR/kernel-tiny-HASH.log. Exit 1 (with the reason on stderr) when it cannot be built.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${1:-$here/.cache}
frag=$here/kernel/config.fragment
mkdir -p "$cache"

tarball=$(ls /usr/src/linux-source-6.1.tar.xz 2>/dev/null | tail -1 || true)
if [ -z "$tarball" ]; then
  echo "build-kernel.sh: installing linux-source-6.1" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends linux-source-6.1 >/dev/null 2>&1 || true
  tarball=$(ls /usr/src/linux-source-6.1.tar.xz 2>/dev/null | tail -1 || true)
fi
[ -n "$tarball" ] || { echo "build-kernel.sh: /usr/src/linux-source-6.1.tar.xz missing (apt-get install linux-source-6.1)" >&2; exit 1; }
command -v gcc >/dev/null || { echo "build-kernel.sh: gcc not found (see the apt line in .ci/run)" >&2; exit 1; }

hash=$( { basename "$tarball"; stat -c %s "$tarball"; dpkg-query -W -f '${Version}' linux-source-6.1 2>/dev/null; cat "$frag"; gcc -dumpfullversion; } | sha256sum | cut -c1-16)
out=$cache/kernel-tiny-$hash
if [ -f "$out/vmlinux" ]; then echo "$out/vmlinux"; exit 0; fi

for tool in make bc bison flex xz perl strip; do
  command -v "$tool" >/dev/null || { echo "build-kernel.sh: $tool not found (see the apt line in .ci/run)" >&2; exit 1; }
done
[ -e /usr/include/libelf.h ] || { echo "build-kernel.sh: libelf-dev missing (see the apt line in .ci/run)" >&2; exit 1; }
[ -e /usr/include/openssl/ssl.h ] || { echo "build-kernel.sh: libssl-dev missing (see the apt line in .ci/run)" >&2; exit 1; }

log=$cache/kernel-tiny-$hash.log
src=$cache/linux-build
rm -rf "$src" "$out"; mkdir -p "$src"
t0=$(date +%s)
build() {
  echo "== $(date -u) unpacking $tarball"
  tar -xJf "$tarball" -C "$src" --strip-components=1 || return 1
  cd "$src" || return 1
  echo "== tinyconfig + $frag"
  make -s tinyconfig && scripts/kconfig/merge_config.sh -m .config "$frag" && make -s olddefconfig || return 1
  local missing=0 line o
  while read -r line; do
    case $line in
      CONFIG_*=*) grep -qx "$line" .config || { echo "fragment line not in .config: $line"; missing=1; } ;;
      "# CONFIG_"*" is not set") o=${line#\# }; o=${o%% *}; ! grep -q "^$o=" .config || { echo "fragment says off but on: $o"; missing=1; } ;;
    esac
  done <"$frag"
  [ "$missing" = 0 ] || { echo "== config does not match the fragment"; return 1; }
  echo "== make -j$(nproc) vmlinux"
  make -j"$(nproc)" vmlinux KBUILD_BUILD_TIMESTAMP=vm-test KBUILD_BUILD_USER=vm KBUILD_BUILD_HOST=test
}
(build) >"$log" 2>&1 || { echo "build-kernel.sh: kernel build failed, see $log" >&2; tail -n 20 "$log" >&2; rm -rf "$src"; exit 1; }
mkdir -p "$out"
cp "$src/vmlinux" "$out/vmlinux"
strip --strip-debug "$out/vmlinux" 2>/dev/null || true
cp "$src/.config" "$out/config"
echo "== built in $(( $(date +%s) - t0 )) s" >>"$log"
echo "$(( $(date +%s) - t0 ))" >"$out/build-seconds"
rm -rf "$src"
echo "$out/vmlinux"
