using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>
/// While boot runs, /var/run/personality/boot.pid names it (what `status --wait` waits on); afterwards it
/// is gone. A hook runs in the middle of the boot; under --root it runs in a pid namespace of its own,
/// so its parent (the boot) is outside it and shows as pid 0.
/// </summary>
[Collection("root")]
public sealed class BootInProgressTests
{
    [Fact]
    public void TheMarkerNamesTheRunningBootAndIsRemovedAfterwards()
    {
        var hostLabel = ConfigLabels.Host();
        var appLabel = ConfigLabels.App();
        using var tree = GuestTree.Create("in-progress");
        PersonalityGuest.Prepare(tree, hostLabel, appLabel);
        PersonalityGuest.InstallShell(tree);
        using var app = new ConfigVolume(appLabel).Manifest("""
            version: 1
            role: app
            personality: web
            hooks:
              - run: hooks/pid.sh

            """).Hook("hooks/pid.sh", """
            echo "$(cat /var/run/personality/boot.pid) $PPID" > /tmp/seen
            """).Attach();

        var boot = tree.Run("boot 1 ''").Boot(1);
        Expect.Result("applied", boot);

        var seen = File.ReadAllText(tree.HostPath("/tmp/seen")).Split(' ', StringSplitOptions.TrimEntries);
        Assert.Matches("^[1-9][0-9]*$", seen[0]);
        Assert.Equal("0", seen[1]);
        Assert.False(File.Exists(tree.HostPath("/var/run/personality/boot.pid")), "boot.pid left behind");
    }
}
