using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>
/// hooks: scripts on a config volume run chrooted into the tree (`chroot TREE /var/lib/personality/app/hooks/x.sh`)
/// with PERSONALITY_ROLE/NAME/VOLUME, each bounded by its timeout; output to the log; failures recorded,
/// never stopping the boot.
/// </summary>
[Collection("root")]
public sealed class HookTests
{
    private const string HookDir = PersonalityGuest.AppMount + "/hooks";

    private static GuestTree HookTree(string name, string hostLabel, string appLabel)
    {
        var tree = GuestTree.Create(name);
        PersonalityGuest.Prepare(tree, hostLabel, appLabel);
        PersonalityGuest.InstallShell(tree);
        tree.AddFile("/etc/tree-id", "tree " + appLabel + "\n");
        tree.AddDir("/etc/web");
        return tree;
    }

    [Fact]
    public void AHookRunsChrootedIntoTheTreeWithItsEnvironmentAndItsOutputIsLogged()
    {
        var hostLabel = ConfigLabels.Host();
        var appLabel = ConfigLabels.App();
        using var tree = HookTree("hook-ok", hostLabel, appLabel);
        using var app = new ConfigVolume(appLabel).Manifest("""
            version: 1
            role: app
            personality: web
            hooks:
              - run: hooks/10-warm.sh
                timeout: 30s

            """).Hook("hooks/10-warm.sh", """
            echo "warming the cache"
            echo "tree: $(cat /etc/tree-id)"
            echo "role=$PERSONALITY_ROLE name=$PERSONALITY_NAME volume=$PERSONALITY_VOLUME"
            echo "$PERSONALITY_ROLE $PERSONALITY_NAME $PERSONALITY_VOLUME" > /tmp/hook-ran
            """).Attach();
        var hostTmpMarker = File.Exists("/tmp/hook-ran");

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("applied", boot);
        Expect.NoDiagnostics(boot);

        var script = HookDir + "/10-warm.sh";
        var step = Expect.Step(boot, script, "hook", "applied", app.OriginFile, app.Line("- run: hooks/10-warm.sh"));
        Expect.True(step.Stage == "hooks", $"hook step in stage '{step.Stage}'", boot);
        Expect.True((step.Detail ?? "").StartsWith("exit status 0", StringComparison.Ordinal), $"hook detail '{step.Detail}'", boot);

        // It ran inside the tree: it read the tree's /etc/tree-id and wrote to the tree's /tmp.
        var marker = tree.HostPath("/tmp/hook-ran");
        Expect.True(File.Exists(marker), "the hook left no /tmp/hook-ran in the tree", boot);
        Assert.Equal(hostTmpMarker, File.Exists("/tmp/hook-ran"));
        var env = File.ReadAllText(marker).Trim().Split(' ');
        Assert.Equal("app", env[0]);
        Assert.Equal("web", env[1]);
        Expect.True(env.Length == 3 && (env[2] == PersonalityGuest.AppMount || env[2] == appLabel),
            $"PERSONALITY_VOLUME should name the app volume ({PersonalityGuest.AppMount} or {appLabel}), got '{string.Join(' ', env.Skip(2))}'", boot);

        // Its output is in the tree's /var/log/personality.log, one line each, prefixed with the hook.
        var log = boot.Log ?? "";
        foreach (var line in new[] { "warming the cache", $"tree: tree {appLabel}", $"role=app name=web volume={env[2]}" })
            Expect.True(log.Contains($"hook {script}: {line}"), $"the log has no line 'hook {script}: {line}':\n{log}", boot);
        Expect.True(PersonalityGuest.PersonalityName(status) == "web", "personality should be web", boot);
    }

    [Fact]
    public void AFailingHookAndAHangingHookAreRecordedAndEverythingElseStillApplies()
    {
        var hostLabel = ConfigLabels.Host();
        var appLabel = ConfigLabels.App();
        using var tree = HookTree("hook-bad", hostLabel, appLabel);
        using var app = new ConfigVolume(appLabel).Manifest("""
            version: 1
            role: app
            personality: web
            files:
              - path: /etc/web/app.conf
                source: files/app.conf
            hooks:
              - run: hooks/10-fail.sh
                timeout: 10s
              - run: hooks/20-hang.sh
                timeout: 1s
              - run: hooks/30-after.sh
                timeout: 10s

            """)
            .File("files/app.conf", "app config\n")
            .Hook("hooks/10-fail.sh", "echo \"about to fail\"\nexit 3")
            .Hook("hooks/20-hang.sh", "echo \"hanging\"\nsleep 60\necho \"woke up\"")
            .Hook("hooks/30-after.sh", "echo ran > /tmp/after-ran")
            .Attach();

        // Right after the boot: any process still running with the tree as its root is a hook left behind.
        var obs = tree.Run("""
            boot 1 ''
            left=""
            for p in /proc/[0-9]*; do
              [ "$(readlink "$p/root" 2>/dev/null)" = "$ROOT" ] && left="$left $(basename "$p"):$(tr '\0' ' ' <"$p/cmdline")"
            done
            note left "$left"
            """);
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree); // exit 0
        Expect.Result("failed", boot);

        var fail = Expect.Step(boot, HookDir + "/10-fail.sh", "hook", "failed", app.OriginFile, app.Line("- run: hooks/10-fail.sh"));
        Expect.True((fail.Detail ?? "").Contains("exit status 3"), $"10-fail.sh detail '{fail.Detail}'", boot);
        var hang = Expect.Step(boot, HookDir + "/20-hang.sh", "hook", "failed", app.OriginFile, app.Line("- run: hooks/20-hang.sh"));
        Expect.True((hang.Detail ?? "").Contains("timed out after 1 s"), $"20-hang.sh detail '{hang.Detail}'", boot);
        Expect.True(hang.Ms is null or < 5000, $"the 1 s timeout took {hang.Ms} ms", boot);
        Expect.True(boot.WallMs < 15000, $"boot took {boot.WallMs} ms with a hook that sleeps 60 s under a 1 s timeout", boot);
        Assert.Equal("", obs.Note("left").Trim());

        // The rest: the next hook ran, the file was applied.
        Expect.Step(boot, HookDir + "/30-after.sh", "hook", "applied", app.OriginFile, app.Line("- run: hooks/30-after.sh"));
        Assert.True(File.Exists(tree.HostPath("/tmp/after-ran")), "30-after.sh did not run");
        Expect.Step(boot, "/etc/web/app.conf", "file-copy", "applied", app.OriginFile, app.Line("- path: /etc/web/app.conf"));
        Assert.Equal("app config\n", File.ReadAllText(tree.HostPath("/etc/web/app.conf")));

        var log = boot.Log ?? "";
        Expect.True(log.Contains($"hook {HookDir}/10-fail.sh: about to fail"), "the failing hook's output is not in the log:\n" + log, boot);
        Expect.True(log.Contains($"hook {HookDir}/20-hang.sh: hanging"), "the hanging hook's output is not in the log:\n" + log, boot);
        Expect.True(!log.Contains("woke up"), "the hanging hook was not killed:\n" + log, boot);
        Expect.True(status.Errors.Any(e => PersonalityGuest.Text(e).Contains("10-fail.sh")), "no error names 10-fail.sh", boot);
        Expect.True(status.Errors.Any(e => PersonalityGuest.Text(e).Contains("20-hang.sh")), "no error names 20-hang.sh", boot);
    }

    [Fact]
    public void AHookThatIsNotExecutableIsAnErrorAndIsNotRun()
    {
        var hostLabel = ConfigLabels.Host();
        var appLabel = ConfigLabels.App();
        using var tree = HookTree("hook-noexec", hostLabel, appLabel);
        using var app = new ConfigVolume(appLabel).Manifest("""
            version: 1
            role: app
            personality: web
            hooks:
              - run: hooks/10-plain.sh
                timeout: 10s

            """).Hook("hooks/10-plain.sh", "echo \"plain ran\"\necho ran > /tmp/plain-ran", executable: false).Attach();

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("failed", boot);
        var error = PersonalityGuest.ErrorOnLine(boot, app, "- run: hooks/10-plain.sh", "executable", "permission");
        Expect.True(PersonalityGuest.Text(error).Contains("10-plain.sh"), $"the error does not name the hook: {error}", boot);
        Assert.False(File.Exists(tree.HostPath("/tmp/plain-ran")), "the non-executable hook ran");
        Expect.True(!(boot.Log ?? "").Contains("plain ran"), "the non-executable hook's output is in the log", boot);
        Expect.True(!status.Steps.Any(s => s.Action == "hook" && s.Result == "applied"), "a hook step was applied", boot);
    }
}
