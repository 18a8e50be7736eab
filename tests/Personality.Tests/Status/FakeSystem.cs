using Personality.Apply.Mounts;
using Personality.Core;
using Personality.Status;

namespace Personality.Tests.Status;

/// <summary>
/// A fake live system for the drift checks: a mountinfo file (MountTable reads any path), a fake
/// /sys/class/block and a fake /proc, all in a temp dir. The guest root is /r.
/// </summary>
public sealed class FakeSystem : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly List<string> _mounts = ["1 0 8:1 / / rw,relatime - ext4 /dev/sda1 rw"];
    private int _nextId = 2;

    public const string Scratch = "/var/lib/stateless/writable";

    public TargetRoot Root { get; } = new("/r");
    public string SysBlock => _dir.Dir("sys/class/block");
    public string Proc => _dir.Dir("proc");

    /// <summary>A mount of DEVICE (MAJ:MIN) from ROOT-IN-FS at the guest path.</summary>
    public FakeSystem Mount(string guestPath, string device, string majorMinor, string rootInFs = "/", string fsType = "ext4")
    {
        _mounts.Add($"{_nextId++} 1 {majorMinor} {rootInFs} /r{guestPath} rw,relatime - {fsType} {device} rw");
        return this;
    }

    /// <summary>A block device in the fake sysfs; size 0 is a detached loop device.</summary>
    public FakeSystem Device(string name, string majorMinor, long sectors = 2048)
    {
        _dir.Write($"sys/class/block/{name}/dev", majorMinor + "\n");
        _dir.Write($"sys/class/block/{name}/size", sectors + "\n");
        return this;
    }

    /// <summary>The scratch area on /dev/loop3 with /var/log bound from it: what a boot of "dirs /var/log" leaves.</summary>
    public static FakeSystem Booted() =>
        new FakeSystem().Device("loop3", "7:3").Mount(Scratch, "/dev/loop3", "7:3").Mount("/var/log", "/dev/loop3", "7:3", "/var/log");

    public static RecordText BootedRecord() => new RecordText()
        .Volume("scratch", "scratchy", "/dev/loop3", Scratch)
        .Step("scratch", "mount", Scratch, origin: "/etc/sysconfig/readonly-root:3 (RW_LABEL=scratchy)")
        .Step("scratch", "wipe", Scratch)
        .Step("rwtab", "copy", Scratch + "/var/log", source: "/var/log", origin: "/etc/rwtab:1:6")
        .Step("rwtab", "bind", "/var/log", source: Scratch + "/var/log", origin: "/etc/rwtab:1:6");

    public DriftContext Context()
    {
        var file = _dir.Write("mountinfo", string.Join("\n", _mounts) + "\n");
        return new DriftContext(Root, new MountTable(file), new BlockDevicePresence(SysBlock));
    }

    public void Dispose() => _dir.Dispose();
}
