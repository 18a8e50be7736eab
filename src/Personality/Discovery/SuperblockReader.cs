using Personality.Native;

namespace Personality.Discovery;

/// <summary>
/// Recognises ext2/3/4, xfs, iso9660, btrfs and vfat straight from the superblock, the way
/// blkid would, without blkid, udev or /dev/disk/by-*. The first match wins, in that order;
/// vfat comes last because its signature is also found on every MBR-partitioned disk.
/// </summary>
public sealed class SuperblockReader : ISuperblockReader
{
    private static readonly Func<DeviceBytes, ProbeResult?>[] ProbesInOrder =
    [
        ExtSuperblock.TryProbe,
        XfsSuperblock.TryProbe,
        IsoVolumeDescriptor.TryProbe,
        BtrfsSuperblock.TryProbe,
        FatBootSector.TryProbe,
    ];

    private readonly Func<string, long, int, byte[]> _read;

    public SuperblockReader() : this(DeviceFile.ReadAt) { }

    /// <summary>For tests: substitute the function that reads bytes from a device.</summary>
    internal SuperblockReader(Func<string, long, int, byte[]> read) => _read = read;

    public ProbeResult Probe(string devicePath)
    {
        try
        {
            var device = new DeviceBytes(devicePath, _read);
            foreach (var probe in ProbesInOrder)
            {
                if (probe(device) is { } result)
                    return result;
            }
            return Probes.Nothing;
        }
        catch (NativeException e)
        {
            return Probes.Unreadable(devicePath, Errno.Describe(e.Errno)) with { AccessDenied = e.Errno == Errno.EPERM };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Probes.Unreadable(devicePath, e.Message);
        }
    }
}
