using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests.Attacks;

/// <summary>
/// Hooks are bounded whatever they do: a background child holding their output open does not hold the
/// boot, timeouts add up to no more than the timeouts, a flood of output does not grow the boot's memory
/// (a guest may have 32 MB), and SIGPIPE is at its default so an ordinary pipeline ends. Each boot runs
/// under a kill limit well above what a bounded boot needs, so a hang shows up as a missing record.
/// </summary>
[Collection("root")]
public sealed class HookBoundsTests
{
    private const string HookDir = PersonalityGuest.AppMount + "/hooks";

    private static GuestTree HookTree(string name, string hostLabel, string appLabel)
    {
        var tree = GuestTree.Create(name);
        PersonalityGuest.Prepare(tree, hostLabel, appLabel);
        PersonalityGuest.InstallShell(tree);
        foreach (var applet in new[] { "head", "tr", "yes" })
            tree.AddSymlink("/bin/" + applet, "busybox");
        return tree;
    }

    private static string Manifest(params (string Script, string Timeout)[] hooks) =>
        "version: 1\nrole: app\npersonality: web\nhooks:\n" +
        string.Concat(hooks.Select(h => $"  - run: hooks/{h.Script}\n    timeout: {h.Timeout}\n"));

    private static void Booted(BootObservation boot, Observations obs)
    {
        Expect.True(boot.Ran, "boot did not run", obs);
        Expect.True(boot.ExitCode != 137, "boot was killed at the test's limit", boot);
        Expect.True(boot.HasStatus, "boot wrote no status.json", boot);
        Expect.ExitedAsTheContractSays(boot);
    }

    [Fact]
    public void ABackgroundChildHoldingTheHooksOutputOpenDoesNotHoldTheBoot()
    {
        var appLabel = ConfigLabels.App();
        using var tree = HookTree("hook-bg", ConfigLabels.Host(), appLabel);
        using var app = new ConfigVolume(appLabel).Manifest(Manifest(("10-daemon.sh", "30s")))
            .Hook("hooks/10-daemon.sh", "echo starting\nsleep 1017 &\nexit 0")
            .Attach();

        // The sleeper is found by its command line (under --root the hook runs in a pid namespace of its
        // own, so a pid it wrote down means nothing here), noted, and killed whatever happened.
        var obs = tree.Run(AttackScript.Compose("""
            boot_limited 1 40 ''
            sleeper=""
            for p in /proc/[0-9]*; do
              [ "$(tr '\0' ' ' <"$p/cmdline" 2>/dev/null)" = "sleep 1017 " ] || continue
              grep -q '^State:.*Z' "$p/status" 2>/dev/null && continue
              sleeper="$sleeper ${p#/proc/}"; kill -KILL "${p#/proc/}"
            done
            if [ -n "$sleeper" ]; then note sleeper "alive$sleeper"; else note sleeper gone; fi
            leftovers left
            """), TimeSpan.FromMinutes(2));
        var boot = obs.Boot(1);
        Booted(boot, obs);
        Expect.True(boot.WallMs < 10_000, $"boot took {boot.WallMs} ms: it waited for the hook's background child to close its output", boot);
        var step = PersonalityGuest.StageStep(boot, "hooks", "hook", HookDir + "/10-daemon.sh");
        Expect.True(step.Result == "applied", $"the hook has result '{step.Result}', expected applied (it exited 0)", boot);
        Expect.True(obs.Note("sleeper") == "gone", $"the hook's background child was left running ({obs.Note("sleeper")})", boot);
        Expect.True(obs.Note("left").Trim() == "", $"processes left in the tree: {obs.Note("left")}", boot);
    }

    [Fact]
    public void TwoHangingHooksAreBothTimedOutAndTheBootEndsSoonAfter()
    {
        var appLabel = ConfigLabels.App();
        using var tree = HookTree("hook-2hang", ConfigLabels.Host(), appLabel);
        using var app = new ConfigVolume(appLabel).Manifest(Manifest(("10-hang.sh", "2s"), ("20-hang.sh", "2s")))
            .Hook("hooks/10-hang.sh", "sleep 100")
            .Hook("hooks/20-hang.sh", "sleep 100")
            .Attach();

        var obs = tree.Run(AttackScript.Compose("boot_limited 1 40 ''\nleftovers left"), TimeSpan.FromMinutes(2));
        var boot = obs.Boot(1);
        Booted(boot, obs);
        foreach (var script in new[] { "10-hang.sh", "20-hang.sh" })
        {
            var step = PersonalityGuest.StageStep(boot, "hooks", "hook", $"{HookDir}/{script}");
            Expect.True(step.Result == "failed", $"{script} has result '{step.Result}', expected failed (timed out)", boot);
            Expect.True(step.Ms is >= 1500 and < 5000, $"{script} took {step.Ms} ms under a 2 s timeout", boot);
        }
        Expect.True(boot.WallMs < 10_000, $"boot took {boot.WallMs} ms with two hooks of 2 s each", boot);
        Expect.True(obs.Note("left").Trim() == "", $"processes left in the tree: {obs.Note("left")}", boot);
    }

    [Fact]
    public void AHundredMegabytesOfHookOutputDoNotGrowTheBootsMemory()
    {
        const long limitKiB = 40 * 1024;
        var appLabel = ConfigLabels.App();
        using var tree = HookTree("hook-flood", ConfigLabels.Host(), appLabel);
        using var app = new ConfigVolume(appLabel).Manifest(Manifest(("10-flood.sh", "30s")))
            .Hook("hooks/10-flood.sh", "busybox head -c 104857600 /dev/zero | tr '\\0' x")
            .Attach();
        tree.AddDir("/dev").AddFile("/dev/zero", "");

        // The hook reads the machine's /dev/zero, bound into the tree for this namespace only.
        var obs = tree.Run(AttackScript.Compose("""
            mount --bind /dev/zero "$ROOT/dev/zero"
            boot_limited 1 50 ''
            leftovers left
            """), TimeSpan.FromMinutes(2));
        var boot = obs.Boot(1);
        Booted(boot, obs);
        var peak = AttackScript.PeakRssKiB(obs, 1);
        Expect.True(peak < limitKiB, $"boot's peak RSS was {peak / 1024} MiB with a hook writing 100 MB, limit {limitKiB / 1024} MiB", boot);
        PersonalityGuest.StageStep(boot, "hooks", "hook", HookDir + "/10-flood.sh");
        Expect.True(obs.Note("left").Trim() == "", $"processes left in the tree: {obs.Note("left")}", boot);
    }

    [Fact]
    public void SigpipeIsAtItsDefaultInHooksSoPipelinesEnd()
    {
        var appLabel = ConfigLabels.App();
        using var tree = HookTree("hook-sigpipe", ConfigLabels.Host(), appLabel);
        // 10: `yes` must die of SIGPIPE (status 141), not see EPIPE. 20: a shell loop only ends by SIGPIPE.
        using var app = new ConfigVolume(appLabel).Manifest(Manifest(("10-yes.sh", "15s"), ("20-loop.sh", "15s")))
            .Hook("hooks/10-yes.sh", "{ yes; echo $? > /tmp/yes-status; } | head -n 1")
            .Hook("hooks/20-loop.sh", "while :; do echo y; done | head -n 1")
            .Attach();

        var obs = tree.Run(AttackScript.Compose("boot_limited 1 50 ''\nleftovers left"), TimeSpan.FromMinutes(2));
        var boot = obs.Boot(1);
        Booted(boot, obs);
        foreach (var script in new[] { "10-yes.sh", "20-loop.sh" })
        {
            var step = PersonalityGuest.StageStep(boot, "hooks", "hook", $"{HookDir}/{script}");
            Expect.True(step.Result == "applied", $"{script} has result '{step.Result}', expected applied", boot);
            Expect.True(step.Ms is < 5000, $"{script} took {step.Ms} ms: a pipeline into head -n 1 did not end", boot);
        }
        var yesStatus = File.Exists(tree.HostPath("/tmp/yes-status")) ? File.ReadAllText(tree.HostPath("/tmp/yes-status")).Trim() : "(none)";
        Expect.True(yesStatus == "141", $"`yes` ended with status {yesStatus}, expected 141 (killed by SIGPIPE): SIGPIPE is ignored in hooks", boot);
        Expect.True(obs.Note("left").Trim() == "", $"processes left in the tree: {obs.Note("left")}", boot);
    }
}
