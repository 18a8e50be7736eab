using Personality.Core;

namespace Personality.Discovery;

/// <summary>
/// Where volumes come from: block devices at boot (<see cref="VolumeDiscovery"/>), or
/// directories named on the command line for dry-run (<see cref="DirectoryVolumes"/>).
/// </summary>
public interface IVolumeSource
{
    IReadOnlyList<Volume> Scan();
    LabelResult FindLabel(string label, bool required);
    LabelResult FindUuid(string uuid, bool required);
    IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>
    /// Host directory holding the content of <paramref name="device"/> once it is mounted at
    /// <paramref name="hostMountPoint"/>: the mount point itself at boot, the given directory in a dry run.
    /// </summary>
    string ContentOf(string device, string hostMountPoint);
}
