using System.Text.RegularExpressions;
using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>Discovery policy: a bounded wait for required labels, and never a silent pick between two devices with one label.</summary>
[Collection("root")]
public sealed class LabelPolicyTests
{
    [Fact]
    public void MissingRequiredLabelIsAnErrorAfterTheBoundedWait()
    {
        var missing = Labels.Unique();
        using var tree = GuestTree.Create("missing");
        tree.WriteReadonlyRoot(Labels.Unique(), Labels.Unique());
        tree.WriteSysconfig("personality", ("DEVICE_TIMEOUT", "1"), ("REQUIRED_LABELS", missing));
        tree.WriteRwtab("empty /tmp\n");

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.True(boot.WallMs < 3000, $"boot took {boot.WallMs} ms with DEVICE_TIMEOUT=1", boot);
        Expect.True(boot.WallMs >= 900, $"boot took only {boot.WallMs} ms: it did not wait for {missing}", boot);
        Expect.Result("failed", boot);
        Expect.True(status.Errors.Any(e => e.Message.Contains(missing)), $"no error names the missing label {missing}", boot);
        Expect.MountAt(boot, tree, "/tmp"); // the rest of the boot still happens
    }

    [Fact]
    public void DuplicatedLabelIsAnErrorNamingBothDevicesUntilPinnedByUuid()
    {
        var label = Labels.Unique();
        using var a = LoopVolume.Create(FsType.Ext4, label);
        using var b = LoopVolume.Create(FsType.Ext4, label);
        Assert.NotEqual(a.Uuid, b.Uuid);
        using var tree = GuestTree.Create("duplicate");
        tree.WriteReadonlyRoot(Labels.Unique(), label);
        tree.WriteSysconfig("personality", ("DEVICE_TIMEOUT", "1"));
        tree.WriteRwtab("empty /tmp\n");
        tree.WriteStatetab("/var/lib/foo\n");
        tree.Seed("/var/lib/foo", isDirectory: true);

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("failed", boot);
        Expect.True(status.Errors.Any(e => Names(e, a.Device) && Names(e, b.Device)),
            $"no error names both {a.Device} and {b.Device} for label {label}", boot);
        Expect.NoMountAt(boot, tree, GuestTree.StateMount);
        Expect.NoMountAt(boot, tree, "/var/lib/foo");

        // Pinning the label to b's UUID resolves it.
        tree.WriteSysconfig("personality", ("DEVICE_TIMEOUT", "1"), ("VOLUME_UUIDS", $"{label}={b.Uuid}"));
        var pinned = tree.Run("boot 1 ''").Boot(1);
        var s2 = Expect.Booted(pinned, tree);
        Expect.Result("applied", pinned);
        Expect.NoDiagnostics(pinned);
        var v = s2.Volume("state");
        Expect.True(v is not null && v.Device == b.Device && v.Uuid == b.Uuid, $"state volume should be {b} ({b.Uuid}), got {v}", pinned);
        Expect.True(Expect.MountAt(pinned, tree, "/var/lib/foo").Source == b.Device, "/var/lib/foo is not bound from the pinned device", pinned);
    }

    // "/dev/loop1" must not match inside "/dev/loop12".
    private static bool Names(StatusDiagnostic d, string device) =>
        Regex.IsMatch(d.Message + " " + d.Hint, Regex.Escape(device) + "(?![0-9])");
}
