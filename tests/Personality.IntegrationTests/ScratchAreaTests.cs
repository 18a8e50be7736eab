using Personality.IntegrationTests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace Personality.IntegrationTests;

/// <summary>The scratch area: a device labelled RW_LABEL (wiped first), else tmpfs with RW_OPTIONS.</summary>
[Collection("root")]
public sealed class ScratchAreaTests(ITestOutputHelper output)
{
    private const string Rwtab = "dirs /var/log\nfiles /var/lib/app\nempty /tmp\nfiles /etc/adjtime\n";

    [Theory]
    [InlineData(FsType.Ext2)]
    [InlineData(FsType.Ext3)]
    [InlineData(FsType.Ext4)]
    [InlineData(FsType.Xfs)]
    [InlineData(FsType.Btrfs)]
    [InlineData(FsType.Vfat)]
    public void ScratchDeviceFoundByLabelIsWipedAndHoldsTheCopies(FsType type)
    {
        var label = type == FsType.Vfat ? Labels.UniqueUpper() : Labels.Unique();
        using var junk = new TempDir("junk");
        File.WriteAllText(Path.Combine(junk.Path, "junk.txt"), "left over from a previous boot\n");
        Directory.CreateDirectory(Path.Combine(junk.Path, "olddir"));
        File.WriteAllText(Path.Combine(junk.Path, "olddir", "stale.txt"), "stale\n");
        using var volume = LoopVolume.Create(type, label, populateFrom: junk.Path);
        using var tree = GuestTree.Create("scratch-" + type.Name());
        tree.WriteReadonlyRoot(label, Labels.Unique());
        tree.WriteRwtab(Rwtab);
        tree.Seed("/var/lib/app", isDirectory: true);
        tree.Seed("/etc/adjtime", isDirectory: false);

        var obs = tree.Run($"boot 1 ''\nnote scratch \"$(ls -A \"$ROOT{GuestTree.RwMount}\")\"\nnote app \"$(cat \"$ROOT/var/lib/app/sub/inner.txt\")\"");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);

        // Found by superblock whether or not this kernel can mount it.
        var v = status.Volume("scratch");
        Expect.True(v is not null && v.Label == label && v.Device == volume.Device && v.Type == type.Name(),
            $"scratch volume should be {volume}, got {v}", boot);

        var scratch = Expect.MountAt(boot, tree, GuestTree.RwMount);
        if (!KernelFilesystems.Supports(type))
        {
            // This kernel cannot mount it: the boot must say so about that device and fall back to tmpfs.
            output.WriteLine($"kernel has no {type.Name()}: expecting the tmpfs fallback and a diagnostic naming {volume.Device}");
            Expect.True(status.Diagnostics.Any(d => d.Message.Contains(volume.Device) || d.Message.Contains(label)),
                $"no warning or error names {volume.Device} ({label}) although it could not be mounted", boot);
            Expect.True(scratch.FsType == "tmpfs", $"expected the tmpfs fallback, got {scratch}", boot);
        }
        else
        {
            Expect.True(scratch.Source == volume.Device && scratch.FsType == type.Name(), $"scratch area is {scratch}, expected {volume}", boot);
            Expect.Step(boot, GuestTree.RwMount, "wipe", "applied");
            var listing = obs.Note("scratch").Split('\n');
            Assert.DoesNotContain("junk.txt", listing);
            Assert.DoesNotContain("olddir", listing);
            Expect.True(MountInfo.Below(boot.Mounts, tree.Root).Where(m => m.MountPoint != scratch.MountPoint).All(m => m.Source == volume.Device),
                "binds should come from the scratch device\n" + Expect.MountsBelow(boot, tree), boot);
            // vfat cannot hold owners, modes or symlinks, so copies there are allowed to warn.
            if (type != FsType.Vfat)
            {
                Expect.Result("applied", boot);
                Expect.NoDiagnostics(boot);
            }
        }
        foreach (var path in new[] { "/var/log", "/var/lib/app", "/tmp", "/etc/adjtime" })
            Expect.MountAt(boot, tree, path);
        Assert.Equal("inner of /var/lib/app", obs.Note("app"));
    }

    [Fact]
    public void WithoutDeviceTheScratchAreaIsTmpfsWithRwOptions()
    {
        using var tree = GuestTree.Create("tmpfs");
        var absent = Labels.Unique();
        tree.WriteReadonlyRoot(absent, Labels.Unique(), ("RW_OPTIONS", "-o size=8m"));
        tree.WriteRwtab(Rwtab);
        tree.Seed("/var/lib/app", isDirectory: true);

        var obs = tree.Run("boot 1 ''");
        var boot = obs.Boot(1);
        var status = Expect.Booted(boot, tree);
        Expect.Result("applied", boot);
        Expect.NoDiagnostics(boot);
        var scratch = Expect.MountAt(boot, tree, GuestTree.RwMount);
        Expect.True(scratch.FsType == "tmpfs", $"scratch area is {scratch}", boot);
        Expect.True(scratch.SuperOptions.Split(',').Contains("size=8192k"), $"RW_OPTIONS size=8m not applied: {scratch}", boot);
        Expect.Step(boot, GuestTree.RwMount, "mount", "applied");
        Assert.Null(status.Volume("scratch"));
        Assert.Equal("-o size=8m", status.Setting("RW_OPTIONS"));
        Expect.MountAt(boot, tree, "/var/lib/app");
    }
}
