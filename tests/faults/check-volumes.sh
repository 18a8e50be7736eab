#!/usr/bin/env bash
# check-volumes.sh DIR TREE STATE_DEV HOST_DEV APP_DEV MODE: what a boot left behind that
# outlives its namespace: the three volumes (mounted read-only here, in a private namespace of
# this script's own) and the tree's real paths. MODE partial (after a faulted or killed boot:
# anything may be missing, nothing may be half there) or complete (after a clean boot: all there).
# Prints one problem a line, each starting with its kind:
#   lost: ...   existing data changed (the state volume's app0..app4, a manifest, a config file)
#   half: ...   a partial copy at a real path, a temporary name in complete mode, a service
#               with both or neither link in a run level
#   missing: ...  (complete mode only) something a clean boot must have made is not there
#   note: ...   (partial mode only) a temporary left by the convention, for the counts
set -u
if [ "${FAULTS_IN_NS:-}" != 1 ]; then
  FAULTS_IN_NS=1 exec unshare -m --propagation private "$0" "$@"
fi
dir=$1 tree=$2 state_dev=$3 host_dev=$4 app_dev=$5 mode=$6
pristine=$dir/pristine-tree
m=$(mktemp -d /tmp/personality-faults-mnt.XXXXXX)
trap 'umount -q "$m/state" "$m/host" "$m/app" 2>/dev/null; rm -rf "$m"' EXIT
mkdir "$m/state" "$m/host" "$m/app"
mount -o ro "$state_dev" "$m/state" && mount -o ro "$host_dev" "$m/host" && mount -o ro "$app_dev" "$m/app" ||
  { echo "lost: a volume does not mount"; exit 0; }

same() { diff -r --no-dereference "$1" "$2" >/dev/null 2>&1; }
# copied WHERE SOURCE WHAT: a copy is absent (partial mode) or whole.
copied() {
  if [ -e "$1" ] || [ -L "$1" ]; then
    same "$2" "$1" || echo "half: $3 differs from its source"
  elif [ "$mode" = complete ]; then
    echo "missing: $3"
  fi
}

for i in 0 1 2 3 4; do
  p=var/lib/bench-state/app$i
  same "$dir/seed-state/$p" "$m/state/$p" || echo "lost: state volume /$p changed"
done
for i in 5 6 7 8 9; do
  copied "$m/state/var/lib/bench-state/app$i" "$pristine/var/lib/bench-state/app$i" "state volume /var/lib/bench-state/app$i"
done
copied "$m/app/state/var/lib/web" "$pristine/var/lib/web" "app volume state/var/lib/web"
same "$dir/app-vol/personality.yaml" "$m/app/personality.yaml" || echo "lost: app manifest changed"
same "$dir/app-vol/files" "$m/app/files" || echo "lost: app files/ changed"
same "$dir/host-vol/personality.yaml" "$m/host/personality.yaml" || echo "lost: host manifest changed"

copied "$tree/etc/web/app.conf" "$dir/app-vol/files/app.conf" "/etc/web/app.conf"

# chkconfig links: exactly one of K15webd / S85webd per level (a rename never leaves two or none).
for l in 0 1 2 3 4 5 6; do
  n=$(find "$tree/etc/rc.d/rc$l.d" -maxdepth 1 -name '[KS]*webd' | wc -l)
  [ "$n" -eq 1 ] || echo "half: rc$l.d has $n webd links"
  if [ "$mode" = complete ]; then
    case $l in 2|3|4|5) want=S85webd ;; *) want=K15webd ;; esac
    [ -L "$tree/etc/rc.d/rc$l.d/$want" ] || echo "missing: rc$l.d/$want"
  fi
done

# Temporary names (TemporaryNames.cs: ".NAME.personality-tmp"): a leftover after a fault follows
# the convention (the next boot removes it); after a clean boot there must be none.
# Any other dot-name that is not in the pristine tree or the seed is a stray temporary.
for root in "$m/state" "$m/app/state" "$tree/etc" "$tree/var/lib"; do
  while IFS= read -r f; do
    case "$(basename "$f")" in
      .*.personality-tmp) if [ "$mode" = complete ]; then echo "half: temporary left after a clean boot: $f"; else echo "note: $f"; fi ;;
      .personality) ;;
      *) echo "half: stray temporary name: $f" ;;
    esac
  done < <(find "$root" -name '.*' 2>/dev/null)
done
exit 0
