using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests.Attacks;

/// <summary>
/// A hook the kernel cannot execute (executable text without a "#!" line: execve says ENOEXEC) must be a
/// failed step like any other, never an exception that aborts the boot before the record is written.
/// On a live guest the hook is exec'd directly; under --root it goes through chroot(1), whose execvp would
/// quietly run it with /bin/sh, so both ways are checked: the result must not depend on --root.
/// </summary>
[Collection("root")]
public sealed class HookExecTests
{
    private const string HookDir = PersonalityGuest.AppMount + "/hooks";

    [Theory]
    [InlineData(true)]  // the tree is "/": the binary runs chrooted into it, no --root
    [InlineData(false)] // --root TREE
    public void AHookWithoutAnInterpreterLineFailsAndTheNextHookStillRuns(bool live)
    {
        var hostLabel = ConfigLabels.Host();
        var appLabel = ConfigLabels.App();
        using var tree = GuestTree.Create(live ? "hook-noshebang-live" : "hook-noshebang");
        PersonalityGuest.Prepare(tree, hostLabel, appLabel);
        PersonalityGuest.InstallShell(tree);
        using var app = new ConfigVolume(appLabel).Manifest("""
            version: 1
            role: app
            personality: web
            hooks:
              - run: hooks/10-plain-text
                timeout: 10s
              - run: hooks/20-after.sh
                timeout: 10s

            """)
            .File("hooks/10-plain-text", "echo hi\necho ran > /tmp/plain-ran\n", "755")
            .Hook("hooks/20-after.sh", "echo ran > /tmp/after-ran")
            .Attach();

        var obs = tree.Run(AttackScript.Compose(live ? "boot_live 1 ''\nleftovers left" : "boot 1 ''\nleftovers left"));
        var boot = obs.Boot(1);
        Expect.True(boot.Ran, "boot did not run", obs);
        Expect.True(boot.HasStatus, "boot wrote no status.json", boot);
        Expect.ExitedAsTheContractSays(boot);
        var status = boot.Status;
        Expect.True(status.Command == "boot", $"command '{status.Command}'", boot);

        var plain = PersonalityGuest.StageStep(boot, "hooks", "hook", HookDir + "/10-plain-text");
        Expect.True(plain.Result == "failed", $"the hook without '#!' has result '{plain.Result}', expected failed", boot);
        Expect.True(status.Errors.Any(e => app.IsManifestOrigin(e.Origin) && e.Origin!.StartsWith(app.OriginOfLine("- run: hooks/10-plain-text"), StringComparison.Ordinal)),
            $"no error at {app.OriginOfLine("- run: hooks/10-plain-text")}COL", boot);
        var after = PersonalityGuest.StageStep(boot, "hooks", "hook", HookDir + "/20-after.sh");
        Expect.True(after.Result == "applied", $"the hook after it has result '{after.Result}', expected applied", boot);
        Assert.True(File.Exists(tree.HostPath("/tmp/after-ran")), "20-after.sh did not run");
        Expect.True(boot.Log is not null, "no /var/log/personality.log", boot);
        Assert.Equal("", obs.Note("left").Trim());
    }
}
