using System.Diagnostics;
using Personality.Discovery;
using Xunit;

namespace Personality.Tests.Discovery;

/// <summary>The real enumerator and reader together: a fake sysfs whose "devices" are real images.</summary>
public sealed class DiscoveryEndToEndTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly TempDirectory _devDir = new();
    private readonly FakeSysfs _sysfs;
    private int _attached;

    public DiscoveryEndToEndTests() => _sysfs = new FakeSysfs(_dir);

    public void Dispose()
    {
        _dir.Dispose();
        _devDir.Dispose();
    }

    private void Attach(string name, string image)
    {
        File.Move(image, Path.Combine(_devDir.Path, name));
        _sysfs.Add(name, $"254:{16 * ++_attached}", (new FileInfo(Path.Combine(_devDir.Path, name)).Length / 512).ToString());
    }

    private VolumeDiscovery Discovery() => new(
        new SysfsBlockDevices(_sysfs.ClassBlock, _devDir.Path), new SuperblockReader(),
        new DiscoveryOptions(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(50), new Dictionary<string, string>()),
        Stopwatch.StartNew());

    [Fact]
    public void Finds_real_volumes_by_label_and_uuid_and_warns_about_the_corrupt_one()
    {
        using var scratch = new TempDirectory();
        Attach("vdb", Images.Make("ext4", scratch));
        Attach("vdc", Images.Make("vfat32", scratch));
        Attach("vdd", Images.Make("btrfs", scratch));
        Tools.FlipByte(Path.Combine(_devDir.Path, "vdd"), 65536 + 0x12B);
        _sysfs.Add("loop0", "7:0", "0");
        var fatUuid = Tools.Blkid(Path.Combine(_devDir.Path, "vdc")).Uuid;
        var discovery = Discovery();

        var root = discovery.FindLabel("root-data", required: true);
        var seed = discovery.FindUuid(fatUuid.ToLowerInvariant(), required: true);
        var pool = discovery.FindLabel("pool", required: false);

        Assert.Equal(("ext4", Path.Combine(_devDir.Path, "vdb")), (root.Volume!.FsType, root.Volume.Device));
        Assert.Equal(("vfat", "CIDATA"), (seed.Volume!.FsType, seed.Volume.Label));
        Assert.Equal(new LabelResult(null, null), pool);
        var warning = Assert.Single(discovery.Diagnostics);
        Assert.StartsWith($"corrupt btrfs superblock on {Path.Combine(_devDir.Path, "vdd")}: checksum mismatch", warning.Message);
    }
}
