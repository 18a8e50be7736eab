namespace Personality.Discovery;

/// <summary>One block device as seen in sysfs.</summary>
/// <param name="Name">The sysfs entry name, e.g. "vdb1".</param>
/// <param name="DevicePath">The device node to read, e.g. "/dev/vdb1".</param>
/// <param name="MajorMinor">The kernel device number as "major:minor".</param>
/// <param name="SizeBytes">Size in bytes (sysfs counts 512-byte sectors).</param>
public sealed record BlockDevice(string Name, string DevicePath, string MajorMinor, long SizeBytes);

/// <summary>Lists the block devices present right now; called again on every rescan.</summary>
public interface IBlockDeviceSource
{
    IReadOnlyList<BlockDevice> Enumerate();
}
