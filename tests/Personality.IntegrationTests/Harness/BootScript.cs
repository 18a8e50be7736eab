namespace Personality.IntegrationTests.Harness;

/// <summary>
/// The bash helpers every namespace script starts with. Environment: ROOT (the guest tree), OUT (where
/// observations go), PERSONALITY_BIN. Tests compose a script from these calls:
/// <c>boot 1 "readonlyroot"; mounts before; snapshot_tree "$ROOT" after</c>.
/// </summary>
public static class BootScript
{
    public const string Prelude = """
        set -uo pipefail
        # boot N CMDLINE: run the binary once; keep its exit code, output, wall ms, status.json, log and mountinfo.
        # status.json is copied from inside the namespace because /var/run may be bind-mounted from the scratch area.
        boot() {
          local n=$1 cmdline=$2 t0 t1 rc status="$ROOT/var/run/personality/status.json"
          local before="$OUT/.status-before-$n"
          rm -f "$before"; [ -f "$status" ] && cp "$status" "$before"
          t0=$(date +%s%N)
          timeout 60 "$PERSONALITY_BIN" boot --root "$ROOT" --cmdline "$cmdline" >"$OUT/boot$n.stdout" 2>"$OUT/boot$n.stderr" </dev/null
          rc=$?
          t1=$(date +%s%N)
          echo "$rc" >"$OUT/boot$n.exit"
          echo $(( (t1 - t0) / 1000000 )) >"$OUT/boot$n.ms"
          # A status.json identical to the one before the run is stale: the run did not write one.
          if [ -f "$status" ] && ! { [ -f "$before" ] && cmp -s "$status" "$before"; }; then
            cp "$status" "$OUT/boot$n.status.json"
          fi
          cp "$ROOT/var/log/personality.log" "$OUT/boot$n.log" 2>/dev/null
          cat /proc/self/mountinfo >"$OUT/boot$n.mountinfo"
          return 0
        }
        # mounts NAME: the namespace's mount table now.
        mounts() { cat /proc/self/mountinfo >"$OUT/$1.mountinfo"; }
        # snapshot_print DIR list|md5: the listing (find crosses the bind mounts) or the file hashes.
        snapshot_print() {
          if [ "$2" = list ]; then
            ( cd "$1" && find . -mindepth 1 -printf '%P\t%y\t%m\t%U\t%G\t%s\t%l\n' | LC_ALL=C sort )
          else
            ( cd "$1" && find . -type f -exec md5sum {} + | LC_ALL=C sort -k2 )
          fi
        }
        # snapshot_tree DIR NAME: write both to $OUT/NAME.tree and $OUT/NAME.md5.
        snapshot_tree() { snapshot_print "$1" list >"$OUT/$2.tree"; snapshot_print "$1" md5 >"$OUT/$2.md5"; }
        # note NAME TEXT...: any other observation, one file per name.
        note() { local n=$1; shift; printf '%s\n' "$*" >"$OUT/$n.note"; }
        """;

    public static string Compose(string body) => Prelude + "\n" + body + "\n";
}
