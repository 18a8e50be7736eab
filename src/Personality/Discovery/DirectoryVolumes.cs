using Personality.Core;

namespace Personality.Discovery;

/// <summary>A dry-run volume: where its content is read, and how it is shown (the image file, or the directory).</summary>
public sealed record GivenVolume(string Label, string Content, string Shown, string Kind);

/// <summary>
/// Volumes given on the command line for dry-run (--volume LABEL=PATH): a directory, or an image
/// file already mounted somewhere readable, stands for the mounted filesystem, so planners read
/// the same content they would read at boot.
/// </summary>
public sealed class DirectoryVolumes(IEnumerable<GivenVolume> volumes) : IVolumeSource
{
    public const string FsType = "directory";

    private readonly Dictionary<string, GivenVolume> _byLabel = volumes.ToDictionary(v => v.Label, StringComparer.Ordinal);

    public IReadOnlyList<Volume> Scan() => _byLabel.Values.Select(ToVolume).ToList();

    public LabelResult FindLabel(string label, bool required)
    {
        if (_byLabel.TryGetValue(label, out var given)) return new LabelResult(ToVolume(given), null);
        return required
            ? new LabelResult(null, Diagnostic.Error($"label {label} is required but no --volume {label}=PATH was given",
                hint: $"add --volume {label}=DIR"))
            : new LabelResult(null, null);
    }

    public LabelResult FindUuid(string uuid, bool required) =>
        new(null, required ? Diagnostic.Error($"UUID={uuid} cannot be matched in a dry run", hint: "use LABEL= in fstab") : null);

    public IReadOnlyList<Diagnostic> Diagnostics => [];

    /// <summary>The given directory of a volume shown as <paramref name="device"/>; the mount point for any other device.</summary>
    public string ContentOf(string device, string hostMountPoint) =>
        _byLabel.Values.FirstOrDefault(v => v.Shown == device)?.Content ?? hostMountPoint;

    private static Volume ToVolume(GivenVolume v) => new(v.Shown, v.Label, "", v.Kind, 0);
}
