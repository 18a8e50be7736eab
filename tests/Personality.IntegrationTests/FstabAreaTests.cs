using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>
/// Red Hat looks in /etc/fstab first: an entry for RW_MOUNT or STATE_MOUNT decides what is mounted
/// there, before RW_LABEL and STATE_LABEL are looked for.
/// </summary>
[Collection("root")]
public sealed class FstabAreaTests
{
    [Fact]
    public void FstabLabelEntryForRwMountIsTheScratchDeviceAndIsWiped()
    {
        var label = Labels.Unique();
        using var junk = new TempDir("fstab-junk");
        File.WriteAllText(Path.Combine(junk.Path, "junk.txt"), "left over from a previous boot\n");
        Directory.CreateDirectory(Path.Combine(junk.Path, "olddir"));
        File.WriteAllText(Path.Combine(junk.Path, "olddir", "stale.txt"), "stale\n");
        using var volume = LoopVolume.Create(FsType.Ext4, label, populateFrom: junk.Path);
        using var tree = GuestTree.Create("fstab-rw");
        // RW_LABEL names nothing: only the fstab line can lead to the device.
        tree.WriteReadonlyRoot(Labels.Unique(), Labels.Unique());
        tree.AddFile("/etc/fstab", $"# scratch area\nLABEL={label} {GuestTree.RwMount} ext4 defaults 0 0\n");
        tree.WriteRwtab("dirs /var/log\nfiles /var/lib/app\n");
        tree.Seed("/var/lib/app", isDirectory: true);

        var obs = tree.Run($"boot 1 ''\nnote scratch \"$(ls -A \"$ROOT{GuestTree.RwMount}\")\"\nnote app \"$(cat \"$ROOT/var/lib/app/sub/inner.txt\")\"");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("applied", boot);
        Expect.NoDiagnostics(boot);

        var scratch = Expect.MountAt(boot, tree, GuestTree.RwMount);
        Expect.True(scratch.Source == volume.Device && scratch.FsType == "ext4", $"scratch area is {scratch}, expected {volume}", boot);
        Expect.Step(boot, GuestTree.RwMount, "mount", "applied", "/etc/fstab", 2);
        Expect.Step(boot, GuestTree.RwMount, "wipe", "applied");
        var v = status.Volume("scratch");
        Expect.True(v is not null && v.Device == volume.Device && v.Label == label, $"scratch volume should be {volume}, got {v}", boot);

        var listing = obs.Note("scratch").Split('\n');
        Assert.DoesNotContain("junk.txt", listing);
        Assert.DoesNotContain("olddir", listing);
        foreach (var path in new[] { "/var/log", "/var/lib/app" })
        {
            var m = Expect.MountAt(boot, tree, path);
            Expect.True(m.Source == volume.Device && m.Root == path, $"{path} is not bound from the scratch device: {m}", boot);
        }
        Assert.Equal("inner of /var/lib/app", obs.Note("app"));
        // The device holds the copies, not the junk.
        var files = volume.ListFiles();
        Assert.DoesNotContain("junk.txt", files);
        Assert.Contains("var/lib/app/sub/inner.txt", files);
    }

    [Fact]
    public void FstabTmpfsEntryForStateMountIsTheStateAreaWithItsOptions()
    {
        var stateLabel = Labels.Unique();
        using var decoy = LoopVolume.Create(FsType.Ext4, stateLabel); // STATE_LABEL exists too: fstab must win
        using var tree = GuestTree.Create("fstab-state");
        tree.WriteReadonlyRoot(Labels.Unique(), stateLabel);
        tree.AddFile("/etc/fstab", $"# state area\ntmpfs {GuestTree.StateMount} tmpfs size=4m 0 0\n");
        tree.WriteRwtab("empty /tmp\n");
        tree.WriteStatetab("/var/lib/foo\n");
        tree.Seed("/var/lib/foo", isDirectory: true);

        var obs = tree.Run("boot 1 ''\nnote foo \"$(cat \"$ROOT/var/lib/foo/sub/inner.txt\")\"");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("applied", boot);
        Expect.NoDiagnostics(boot);

        var state = Expect.MountAt(boot, tree, GuestTree.StateMount);
        Expect.True(state.FsType == "tmpfs", $"state area is {state}, expected the fstab tmpfs", boot);
        Expect.True(state.SuperOptions.Split(',').Contains("size=4096k"), $"fstab option size=4m not applied: {state}", boot);
        Expect.Step(boot, GuestTree.StateMount, "mount", "applied", "/etc/fstab", 2);
        Expect.True(boot.Mounts.All(m => m.Source != decoy.Device), $"the STATE_LABEL device {decoy.Device} was mounted although fstab names the state area", boot);
        Expect.True(status.Volume("state") is null || status.Volume("state")!.Device != decoy.Device,
            $"the STATE_LABEL device is recorded as the state volume: {status.Volume("state")}", boot);

        var foo = Expect.MountAt(boot, tree, "/var/lib/foo");
        Expect.True(foo.FsType == "tmpfs" && foo.MajorMinor == state.MajorMinor && foo.Root == "/var/lib/foo",
            $"/var/lib/foo is not bound from the state tmpfs: {foo}", boot);
        Expect.Step(boot, "/var/lib/foo", "copy", "applied", "/etc/statetab", 1);
        Expect.Step(boot, "/var/lib/foo", "bind", "applied", "/etc/statetab", 1);
        Assert.Equal("inner of /var/lib/foo", obs.Note("foo"));
    }
}
