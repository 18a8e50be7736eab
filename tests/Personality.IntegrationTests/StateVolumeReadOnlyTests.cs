using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>A write-protected ext4 state volume (losetup -r): mounted read-only, reported, statetab not applied.</summary>
[Collection("root")]
public sealed class StateVolumeReadOnlyTests
{
    [Fact]
    public void AWriteProtectedStateVolumeIsReportedAndTheStatetabIsNotApplied()
    {
        var stateLabel = Labels.Unique();
        using var state = LoopVolume.Create(FsType.Ext4, stateLabel, readOnly: true);
        using var tree = GuestTree.Create("state-ro");
        tree.WriteReadonlyRoot(Labels.Unique(), stateLabel);
        tree.WriteRwtab("empty /tmp\n");
        tree.AddDir("/var/lib/app").AddFile("/var/lib/app/db", "rows\n");
        tree.WriteStatetab("/var/lib/app\n");

        var boot = tree.Run("boot 1 ''").Boot(1);
        var status = Expect.Booted(boot, tree);

        Expect.Result("degraded", boot);
        var warning = Assert.Single(status.Warnings, w => w.Message.Contains("read-only", StringComparison.Ordinal));
        Assert.Contains(state.Device, warning.Message);
        Assert.Contains("the statetab is not applied", warning.Message);
        Assert.NotNull(warning.Hint);
        var mount = PersonalityGuest.StageStep(boot, "state-area", "mount", GuestTree.StateMount);
        Assert.Equal("applied", mount.Result);
        Assert.Contains("read-only", mount.Detail);
        Assert.DoesNotContain(status.Steps, s => s.Stage == "statetab");
        Expect.NoMountAt(boot, tree, "/var/lib/app");
        Expect.MountAt(boot, tree, "/tmp");
    }
}
