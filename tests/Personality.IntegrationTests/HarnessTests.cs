using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>The harness itself: volumes carry the label and type the binary must find, and are released.</summary>
[Collection("root")]
public sealed class HarnessTests
{
    [Theory]
    [InlineData(FsType.Ext2)]
    [InlineData(FsType.Ext3)]
    [InlineData(FsType.Ext4)]
    [InlineData(FsType.Xfs)]
    [InlineData(FsType.Btrfs)]
    [InlineData(FsType.Vfat)]
    [InlineData(FsType.Iso9660)]
    public void LoopVolumeHasLabelTypeAndContentAndIsDetached(FsType type)
    {
        using var src = new TempDir("src");
        File.WriteAllText(Path.Combine(src.Path, "junk.txt"), "junk\n");
        var label = type is FsType.Vfat or FsType.Iso9660 ? Labels.UniqueUpper() : Labels.Unique();
        string device, image;
        using (var v = LoopVolume.Create(type, label, populateFrom: src.Path))
        {
            device = v.Device;
            image = v.ImagePath;
            var probe = Shell.Run("blkid", ["-p", "-o", "export", v.Device]).Stdout;
            Assert.Contains($"LABEL={label}\n", probe);
            Assert.Contains($"TYPE={type.Name()}\n", probe);
            Assert.NotEmpty(v.Uuid);
            Assert.Equal("junk\n", v.ReadFile("junk.txt"));
            Assert.Contains("junk.txt", v.ListFiles());
        }
        Assert.False(File.Exists(image), "image file left behind");
        var backing = $"/sys/class/block/{Path.GetFileName(device)}/loop/backing_file";
        Assert.True(!File.Exists(backing) || !File.ReadAllText(backing).Contains(image), $"{device} still attached");
    }

    [Fact]
    public void NamespaceMountsDoNotReachTheHost()
    {
        using var tree = GuestTree.Create("harness");
        var obs = tree.Run("mount -t tmpfs -o size=1m tmpfs \"$ROOT/tmp\" && mounts inside && echo ok > \"$ROOT/tmp/x\"");
        Assert.Equal(0, obs.Process.ExitCode);
        var inside = obs.Mounts("inside").Single(m => m.MountPoint == tree.HostPath("/tmp"));
        Assert.Equal("tmpfs", inside.FsType);
        Assert.Contains("size=1024k", inside.SuperOptions);
        Assert.DoesNotContain(MountInfo.ReadSelf(), m => m.MountPoint.StartsWith(tree.Root, StringComparison.Ordinal));
        Assert.False(File.Exists(tree.HostPath("/tmp/x")));
    }

    [Fact]
    public void OnlyATreesFirstBootIsPlannedWithItsVolumesAndTheirLoopDevicesAreGoneBeforeItRuns()
    {
        var stateLabel = Labels.Unique();
        using var state = LoopVolume.Create(FsType.Ext4, stateLabel);
        using var tree = GuestTree.Create("plan-once");
        tree.WriteReadonlyRoot(Labels.Unique(), stateLabel);
        tree.WriteRwtab("empty /tmp\n");
        tree.WriteStatetab("/var/lib/foo\n");
        tree.Seed("/var/lib/foo", isDirectory: true);

        Assert.Null(tree.Run("true").PlanCheck); // no boot, no plan
        var first = tree.Run("boot 1 ''\nboot 2 ''");
        Assert.True(first.PlanCheck is { Boot: 1, Verdict: PlanVerdict.Same } c && c.Detail.StartsWith("6 steps", StringComparison.Ordinal), $"{first.PlanCheck}");
        Assert.False(File.Exists(Path.Combine(first.OutDir, "boot2.plan.json")), "the second boot was planned too");
        var plan = StatusJson.Parse(File.ReadAllText(Path.Combine(first.OutDir, "boot1.plan.json")));
        Assert.Equal(state.ImagePath, Assert.Single(plan.Volumes).Device);
        Assert.Equal(state.Device, Assert.Single(first.Boot(1).Status.Volumes).Device); // not dry-run's own loop device
        Assert.Null(tree.Run("boot 1 ''").PlanCheck);
    }

    [Fact]
    public void SeededTreeSnapshotShowsTypesModesAndOwners()
    {
        using var tree = GuestTree.Create("seed");
        tree.Seed("/var/lib/seeded", isDirectory: true);
        tree.Seed("/etc/seeded.conf", isDirectory: false);
        var snap = TreeSnapshot.OfHost(tree.Root);
        Assert.Equal('d', snap["var/lib/seeded/sub"]!.Type);
        Assert.Equal("710", snap["var/lib/seeded/sub"]!.Mode);
        Assert.Equal(GuestTree.SeedUid, snap["var/lib/seeded/sub"]!.Uid);
        Assert.Equal('l', snap["var/lib/seeded/sub/link"]!.Type);
        Assert.Equal("inner.txt", snap["var/lib/seeded/sub/link"]!.Link);
        Assert.Equal("640", snap["etc/seeded.conf"]!.Mode);
        Assert.NotNull(snap["etc/seeded.conf"]!.Md5);
    }

    [Fact]
    public void MountInfoUnescapesSpaces()
    {
        var m = MountInfo.Parse("36 35 98:0 /a\\040b /mnt/x\\040y rw,noatime master:1 - ext3 /dev/root rw,errors=continue\n").Single();
        Assert.Equal("/a b", m.Root);
        Assert.Equal("/mnt/x y", m.MountPoint);
        Assert.Equal("ext3", m.FsType);
        Assert.Equal("/dev/root", m.Source);
    }
}
