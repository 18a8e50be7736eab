using Personality.Discovery;
using Xunit;

namespace Personality.Tests.Discovery;

public sealed class SysfsBlockDevicesTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeSysfs _sysfs;

    public SysfsBlockDevicesTests() => _sysfs = new FakeSysfs(_dir);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Lists_devices_with_number_size_and_node_sorted_by_name()
    {
        _sysfs.Add("vdb", "254:16", "2048", devName: "vdb");
        _sysfs.Add("vda1", "254:1", "1000");
        _sysfs.Add("vda", "254:0", "4096");

        var devices = new SysfsBlockDevices(_sysfs.ClassBlock, "/dev").Enumerate();

        Assert.Equal(
        [
            new BlockDevice("vda", "/dev/vda", "254:0", 4096 * 512L),
            new BlockDevice("vda1", "/dev/vda1", "254:1", 1000 * 512L),
            new BlockDevice("vdb", "/dev/vdb", "254:16", 2048 * 512L),
        ], devices);
    }

    [Fact]
    public void Skips_empty_devices_but_keeps_sized_zram_and_loop()
    {
        _sysfs.Add("loop0", "7:0", "0");
        _sysfs.Add("sr0", "11:0", "0");
        _sysfs.Add("loop1", "7:1", "20480");
        _sysfs.Add("zram0", "253:0", "1048576");

        var names = new SysfsBlockDevices(_sysfs.ClassBlock).Enumerate().Select(d => d.Name);

        Assert.Equal(["loop1", "zram0"], names);
    }

    [Fact]
    public void Skips_devices_claimed_by_a_holder()
    {
        _sysfs.Add("sda1", "8:1", "2048", holder: "md0");
        _sysfs.Add("md0", "9:0", "2000");

        var names = new SysfsBlockDevices(_sysfs.ClassBlock).Enumerate().Select(d => d.Name);

        Assert.Equal(["md0"], names);
    }

    [Fact]
    public void Skips_half_populated_entries_of_devices_going_away()
    {
        _sysfs.Add("vdc", dev: null, sectors: "2048");
        _sysfs.Add("vdd", "254:48", sectors: null);
        _sysfs.Add("vde", "254:64", "not-a-number");

        Assert.Empty(new SysfsBlockDevices(_sysfs.ClassBlock).Enumerate());
    }

    [Fact]
    public void Device_node_follows_uevent_devname_or_bang_for_slash()
    {
        _sysfs.Add("cciss!c0d0", "104:0", "100");
        _sysfs.Add("nvme0n1", "259:0", "100", devName: "nvme0n1");
        _sysfs.Add("weird", "259:1", "100", devName: "mapper/odd");

        var paths = new SysfsBlockDevices(_sysfs.ClassBlock, "/devroot").Enumerate().Select(d => d.DevicePath);

        Assert.Equal(["/devroot/cciss/c0d0", "/devroot/nvme0n1", "/devroot/mapper/odd"], paths);
    }

    [Fact]
    public void Missing_sysfs_says_so()
    {
        var missing = Path.Combine(_dir.Path, "no-sys");

        var error = Assert.Throws<DirectoryNotFoundException>(() => new SysfsBlockDevices(missing).Enumerate());

        Assert.Contains("is /sys mounted", error.Message);
    }

    [Fact]
    public void Real_sysfs_lists_something()
    {
        var devices = new SysfsBlockDevices().Enumerate();

        Assert.NotEmpty(devices);
        Assert.All(devices, d =>
        {
            Assert.StartsWith("/dev/", d.DevicePath);
            Assert.Matches(@"^\d+:\d+$", d.MajorMinor);
            Assert.True(d.SizeBytes > 0);
        });
    }
}
