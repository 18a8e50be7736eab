namespace Personality.Discovery;

/// <summary>
/// What a device's superblock says. <see cref="FsType"/> is null when no supported filesystem
/// is recognised. <see cref="Problem"/> is set when the device could not be read or its
/// superblock is corrupt; the device must not be used then.
/// </summary>
public sealed record ProbeResult(string? FsType, string Label, string Uuid, string? Problem)
{
    /// <summary>
    /// The kernel forbade opening the device (EPERM: a device cgroup or a container policy). Such
    /// a device cannot be one of ours; it is only mentioned when a wanted volume is missing.
    /// </summary>
    public bool AccessDenied { get; init; }
}

/// <summary>Reads a device's superblock. Never throws: failures come back as <see cref="ProbeResult.Problem"/>.</summary>
public interface ISuperblockReader
{
    ProbeResult Probe(string devicePath);
}
