# Sourced by tests/faults/*.sh: builds the fault-injection tree once, as pristine copies that every
# case starts from (a boot writes into the tree and the volumes, so each case gets fresh copies).
#   faults_build DIR [BIGMB]  DIR/pristine-tree, DIR/{state,host,app}.img and DIR/labels:
#     - the stock Fedora rwtab + a 10-entry statetab (tests/bench/trees.sh's populate/skeleton);
#     - a state volume that already holds app0..app4 (the "existing data" that must stay
#       byte-identical) while app5..app9 are copied on this boot (a first-use copy to fault);
#     - PERS_HOST-style volume: hostname; PERS_APP-style volume: state [/var/lib/web], one files
#       copy (/etc/web/app.conf), one service switched on (webd, chkconfig links K15 everywhere).
#     BIGMB > 0 puts three files of that many MB into statetab paths (app5..app7) and
#     /var/lib/web, so copies take long enough for kill -9 to land inside them.
# Labels are random (the binary scans every block device of the machine, other tests run too).
. "$(dirname "${BASH_SOURCE[0]}")/../bench/trees.sh"

faults_build() {
  local d=$1 big=${2:-0} t=$1/pristine-tree stock i
  stock=$bench_repo/tests/Personality.IntegrationTests/Data/rwtab.fedora
  local rw_label state_label host_label app_label
  rw_label=$(label); state_label=$(label); host_label=$(label); app_label=$(label)
  mkdir -p "$t"
  skeleton "$t" "$rw_label" "$state_label"
  cp "$stock" "$t/etc/rwtab"
  populate_stock "$t" "$stock"
  populate "$t/var/lib/web" dir

  # Personality's own settings and the guest bits the manifests use.
  printf 'HOST_LABEL=%s\nAPP_LABEL=%s\nSERVICES_BACKEND=native\n' "$host_label" "$app_label" >"$t/etc/sysconfig/personality"
  mkdir -p "$t/var/lib/personality/host" "$t/var/lib/personality/app"
  printf 'root:x:0:0:root:/root:/bin/sh\n' >"$t/etc/passwd"
  printf 'root:x:0:\n' >"$t/etc/group"
  mkdir -p "$t/etc/web"; printf 'oldname\n' >"$t/etc/hostname"
  mkdir -p "$t/etc/rc.d/init.d"
  printf '#!/bin/sh\n# chkconfig: - 85 15\n# description: webd is made up by the fault tests.\necho "webd $1"\n' >"$t/etc/rc.d/init.d/webd"
  chmod 755 "$t/etc/rc.d/init.d/webd"
  for i in 0 1 2 3 4 5 6; do mkdir -p "$t/etc/rc.d/rc$i.d"; ln -s ../init.d/webd "$t/etc/rc.d/rc$i.d/K15webd"; done

  if [ "$big" -gt 0 ]; then
    for i in 5 6 7; do head -c "${big}M" /dev/urandom >"$t/var/lib/bench-state/app$i/big.bin"; done
    head -c "${big}M" /dev/urandom >"$t/var/lib/web/big.bin"
  fi

  # State volume: app0..app4 already there, with content that differs from the tree's (a bind
  # must show the volume's copy, and it must never be overwritten).
  local seed=$d/seed-state
  for i in 0 1 2 3 4; do
    mkdir -p "$seed/var/lib/bench-state/app$i/sub"
    printf 'kept %s\n' "$i" >"$seed/var/lib/bench-state/app$i/kept.txt"
    head -c 3000 /dev/urandom | base64 >"$seed/var/lib/bench-state/app$i/sub/kept.bin"
  done
  local size=32M; [ "$big" -gt 0 ] && size=$((big * 4 + 64))M
  truncate -s "$size" "$d/state.img"
  mkfs.ext4 -q -F -L "$state_label" -d "$seed" "$d/state.img"

  mkdir -p "$d/host-vol/state" "$d/app-vol/state" "$d/app-vol/files"
  printf 'version: 1\nrole: host\nhostname: faultweb01\n' >"$d/host-vol/personality.yaml"
  cat >"$d/app-vol/personality.yaml" <<YAML
version: 1
role: app
personality: web
state: [/var/lib/web]
files:
  - {path: /etc/web/app.conf, source: files/app.conf, mode: "0640", owner: root:root}
services: {on: [webd]}
YAML
  head -c 5000 /dev/urandom | base64 >"$d/app-vol/files/app.conf"
  truncate -s 8M "$d/host.img"
  mkfs.ext4 -q -F -L "$host_label" -d "$d/host-vol" "$d/host.img"
  truncate -s "$size" "$d/app.img"
  mkfs.ext4 -q -F -L "$app_label" -d "$d/app-vol" "$d/app.img"
  printf 'rw=%s\nstate=%s\nhost=%s\napp=%s\n' "$rw_label" "$state_label" "$host_label" "$app_label" >"$d/labels"
}
