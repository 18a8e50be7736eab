using System.Globalization;

namespace Personality.Discovery;

/// <summary>
/// Lists block devices from /sys/class/block, which the kernel fills before udev runs.
/// Skipped: entries of size 0 (unattached loop devices, empty CD drives), entries that vanish
/// while being read (hot unplug), and devices claimed by a holder (an md array or
/// device-mapper target): those show their holder's filesystem and must not be mounted directly.
/// </summary>
public sealed class SysfsBlockDevices : IBlockDeviceSource
{
    private const long SectorBytes = 512; // sysfs "size" is always in 512-byte units
    private readonly string _sysClassBlock;
    private readonly string _devDir;

    public SysfsBlockDevices(string sysClassBlock = "/sys/class/block", string devDir = "/dev")
    {
        _sysClassBlock = sysClassBlock;
        _devDir = devDir;
    }

    /// <exception cref="DirectoryNotFoundException">The sysfs directory is missing (/sys not mounted).</exception>
    public IReadOnlyList<BlockDevice> Enumerate()
    {
        if (!Directory.Exists(_sysClassBlock))
            throw new DirectoryNotFoundException($"{_sysClassBlock} does not exist; is /sys mounted?");

        var devices = new List<BlockDevice>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(_sysClassBlock).Order(StringComparer.Ordinal))
        {
            if (Read(entry) is { } device)
                devices.Add(device);
        }
        return devices;
    }

    private BlockDevice? Read(string entry)
    {
        var name = Path.GetFileName(entry);
        var majorMinor = ReadAttribute(entry, "dev");
        var sectors = ReadAttribute(entry, "size");
        if (majorMinor is null || !long.TryParse(sectors, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
            return null;
        if (HasHolders(entry))
            return null;
        return new BlockDevice(name, Path.Combine(_devDir, NodeName(entry, name)), majorMinor, count * SectorBytes);
    }

    // uevent's DEVNAME is the node devtmpfs creates; sysfs spells a '/' in it as '!' (cciss!c0d0).
    private static string NodeName(string entry, string name)
    {
        var uevent = ReadAttribute(entry, "uevent");
        foreach (var line in uevent?.Split('\n') ?? [])
        {
            if (line.StartsWith("DEVNAME=", StringComparison.Ordinal) && line.Length > "DEVNAME=".Length)
                return line["DEVNAME=".Length..];
        }
        return name.Replace('!', '/');
    }

    private static bool HasHolders(string entry)
    {
        try
        {
            var holders = Path.Combine(entry, "holders");
            return Directory.Exists(holders) && Directory.EnumerateFileSystemEntries(holders).Any();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string? ReadAttribute(string entry, string attribute)
    {
        try
        {
            return File.ReadAllText(Path.Combine(entry, attribute)).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // the device went away between listing and reading
        }
    }
}
