namespace Personality.IntegrationTests.Harness;

/// <summary>
/// Bash helpers for the attack tests, used after <see cref="BootScript"/>'s (pass a body through
/// <see cref="Compose"/> to <see cref="GuestTree.Run"/>). They leave the same bootN.* files as `boot`, so
/// <see cref="BootObservation"/> reads them:
/// <list type="bullet">
/// <item><c>boot_limited N LIMIT CMDLINE</c>: killed after LIMIT seconds (a hang shows as a missing record, not a
/// minute lost), with the peak RSS in KiB of the binary and of everything it waited for in bootN.maxrss.</item>
/// <item><c>boot_live N CMDLINE</c>: the binary chrooted into the tree as its "/" (no --root), as on a real guest,
/// with proc, sysfs and a /dev that has the block devices and null/zero/random but no kmsg (the host's kernel
/// log stays out of it).</item>
/// <item>Both plan a tree's first boot with dry-run first, as <c>boot</c> does (<see cref="FirstBootPlan"/>).</item>
/// <item><c>leftovers NAME</c>: notes every process whose root is the tree (a hook's child left behind), then
/// kills it, so no stray process keeps the namespace and its loop mounts alive.</item>
/// </list>
/// </summary>
public static class AttackScript
{
    public const string Helpers = """
        # keep_status N BEFORE: copy a status.json this run wrote (not the stale one from before) and the log.
        keep_status() {
          local n=$1 before=$2 status="$ROOT/var/run/personality/status.json"
          if [ -f "$status" ] && ! { [ -f "$before" ] && cmp -s "$status" "$before"; }; then
            cp "$status" "$OUT/boot$n.status.json"
          fi
          cp "$ROOT/var/log/personality.log" "$OUT/boot$n.log" 2>/dev/null
          cat /proc/self/mountinfo >"$OUT/boot$n.mountinfo"
        }
        boot_limited() {
          plan_first_boot "$1" "$3"
          local n=$1 limit=$2 cmdline=$3 t0 t1 rc status="$ROOT/var/run/personality/status.json"
          local before="$OUT/.status-before-$n"
          rm -f "$before"; [ -f "$status" ] && cp "$status" "$before"
          t0=$(date +%s%N)
          /usr/bin/time -f '%M' -o "$OUT/boot$n.maxrss" timeout -s KILL "$limit" \
            "$PERSONALITY_BIN" boot --root "$ROOT" --cmdline "$cmdline" >"$OUT/boot$n.stdout" 2>"$OUT/boot$n.stderr" </dev/null
          rc=$?
          t1=$(date +%s%N)
          echo "$rc" >"$OUT/boot$n.exit"
          echo $(( (t1 - t0) / 1000000 )) >"$OUT/boot$n.ms"
          keep_status "$n" "$before"
          return 0
        }
        boot_live() {
          plan_first_boot "$1" "$2" # as --root, before the chroot's /proc, /sys and /dev are mounted
          local n=$1 cmdline=$2 t0 t1 rc status="$ROOT/var/run/personality/status.json" bin=/.personality-under-test d
          local before="$OUT/.status-before-$n"
          rm -f "$before"; [ -f "$status" ] && cp "$status" "$before"
          cp "$PERSONALITY_BIN" "$ROOT$bin"
          mkdir -p "$ROOT/proc" "$ROOT/sys" "$ROOT/dev"
          mount -t proc proc "$ROOT/proc" || return 1
          mount -t sysfs sysfs "$ROOT/sys" || mount --rbind /sys "$ROOT/sys" || return 1
          mount -t tmpfs -o mode=755 dev "$ROOT/dev" || return 1
          for d in null zero random urandom; do cp -a "/dev/$d" "$ROOT/dev/"; done
          for d in /sys/class/block/*; do [ -b "/dev/${d##*/}" ] && cp -a "/dev/${d##*/}" "$ROOT/dev/"; done
          t0=$(date +%s%N)
          timeout -s KILL 60 chroot "$ROOT" "$bin" boot --cmdline "$cmdline" >"$OUT/boot$n.stdout" 2>"$OUT/boot$n.stderr" </dev/null
          rc=$?
          t1=$(date +%s%N)
          echo "$rc" >"$OUT/boot$n.exit"
          echo $(( (t1 - t0) / 1000000 )) >"$OUT/boot$n.ms"
          keep_status "$n" "$before"
          umount -l "$ROOT/dev" "$ROOT/sys" "$ROOT/proc"
          rm -f "$ROOT$bin"
          return 0
        }
        leftovers() {
          local p found=""
          for p in /proc/[0-9]*; do
            [ "$(readlink "$p/root" 2>/dev/null)" = "$ROOT" ] || continue
            found="$found ${p#/proc/}:$(tr '\0' ' ' <"$p/cmdline" 2>/dev/null)"
            kill -KILL "${p#/proc/}" 2>/dev/null
          done
          note "$1" "$found"
        }
        """;

    public static string Compose(string body) => Helpers + "\n" + body + "\n";

    /// <summary>The peak RSS in KiB that /usr/bin/time measured around boot N (last line of bootN.maxrss).</summary>
    public static long PeakRssKiB(Observations obs, int n)
    {
        var file = Path.Combine(obs.OutDir, $"boot{n}.maxrss");
        var lines = File.Exists(file) ? File.ReadAllLines(file).Where(l => l.Trim().Length > 0).ToList() : [];
        return lines.Count > 0 && long.TryParse(lines[^1].Trim(), out var kib)
            ? kib
            : throw new Xunit.Sdk.XunitException($"no peak RSS for boot {n} (is /usr/bin/time installed?)\n{obs.Describe()}");
    }
}
