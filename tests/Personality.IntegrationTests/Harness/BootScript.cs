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
          plan_first_boot "$1" "$2"
          local n=$1 cmdline=$2 t0 t1 rc status="$ROOT/var/run/personality/status.json"
          local before="$OUT/.status-before-$n"
          rm -f "$before"; [ -f "$status" ] && cp "$status" "$before"
          rm -f "$ROOT/var/run/personality/boot-exit"
          t0=$(date +%s%N)
          timeout 60 "$PERSONALITY_BIN" boot --root "$ROOT" --cmdline "$cmdline" >"$OUT/boot$n.stdout" 2>"$OUT/boot$n.stderr" </dev/null
          rc=$?
          t1=$(date +%s%N)
          echo "$rc" >"$OUT/boot$n.exit"
          cp "$ROOT/var/run/personality/boot-exit" "$OUT/boot$n.exit-file" 2>/dev/null || echo "(none)" >"$OUT/boot$n.exit-file"
          echo $(( (t1 - t0) / 1000000 )) >"$OUT/boot$n.ms"
          # A status.json identical to the one before the run is stale: the run did not write one.
          if [ -f "$status" ] && ! { [ -f "$before" ] && cmp -s "$status" "$before"; }; then
            cp "$status" "$OUT/boot$n.status.json"
          fi
          cp "$ROOT/var/log/personality.log" "$OUT/boot$n.log" 2>/dev/null
          cat /proc/self/mountinfo >"$OUT/boot$n.mountinfo"
          return 0
        }
        # plan_first_boot N CMDLINE: before the tree's first boot only (PLAN_MARK not there yet), the plan of
        # `dry-run --json` with the same cmdline and PLAN_VOLUMES (LABEL=IMAGE lines) as bootN.plan.*, or
        # PLAN_SKIP (why not) as bootN.plan-skipped. FirstBootPlan compares it with bootN.status.json.
        plan_first_boot() {
          local n=$1 cmdline=$2 v args=() before attempt
          [ -n "${PLAN_MARK:-}" ] && [ ! -e "$PLAN_MARK" ] || return 0
          : >"$PLAN_MARK"
          if [ -n "${PLAN_SKIP:-}" ]; then printf '%s\n' "$PLAN_SKIP" >"$OUT/boot$n.plan-skipped"; return 0; fi
          while IFS= read -r v; do [ -n "$v" ] && args+=(--volume "$v"); done <<<"${PLAN_VOLUMES:-}"
          before=$(plan_image_loops)
          for attempt in 1 2 3; do
            timeout 60 "$PERSONALITY_BIN" dry-run --root "$ROOT" --cmdline "$cmdline" --json "${args[@]}" \
              >"$OUT/boot$n.plan.json" 2>"$OUT/boot$n.plan.stderr" </dev/null
            echo $? >"$OUT/boot$n.plan.exit"
            plan_loops_released "$n" "$before"
            # dry-run does not retry when another process takes the free loop device it was given (EBUSY, a
            # product bug): retry here, so a busy machine does not fail the comparison; bootN.plan-retries says so.
            grep -q 'LOOP_CONFIGURE.*busy' "$OUT/boot$n.plan.stderr" || break
            echo "$attempt: $(grep -m1 LOOP_CONFIGURE "$OUT/boot$n.plan.stderr")" >>"$OUT/boot$n.plan-retries"
          done
        }
        # plan_image_loops: how many loop devices are backed by the PLAN_VOLUMES images.
        plan_image_loops() {
          local v count=0
          while IFS= read -r v; do
            [ -n "$v" ] && count=$(( count + $(cat /sys/block/loop*/loop/backing_file 2>/dev/null | grep -cxF "${v#*=}") ))
          done <<<"${PLAN_VOLUMES:-}"
          echo "$count"
        }
        # plan_loops_released N BEFORE: dry-run's own read-only loop devices clear themselves once nothing holds
        # them, but a scan by another process can hold one a moment longer; boot would then see a label twice.
        plan_loops_released() {
          local i
          for i in $(seq 1 500); do [ "$(plan_image_loops)" -le "$2" ] && return 0; sleep 0.02; done
          note "boot$1.plan-loops" "dry-run's loop devices were still attached after 10 s: $(grep -H . /sys/block/loop*/loop/backing_file)"
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

    /// <summary>The helpers above, for a script that runs its body in a nested shell (<c>export -f</c>).</summary>
    public const string Functions = "boot plan_first_boot plan_image_loops plan_loops_released mounts snapshot_print snapshot_tree note";

    public static string Compose(string body) => Prelude + "\n" + body + "\n";
}
