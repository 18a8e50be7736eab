using Personality.Core;

namespace Personality.Discovery;

/// <summary>
/// Volumes given as directories (dry-run's --volume LABEL=PATH): the directory stands for the
/// mounted filesystem, so planners read the same content they would read at boot.
/// </summary>
public sealed class DirectoryVolumes(IReadOnlyDictionary<string, string> directoriesByLabel) : IVolumeSource
{
    public const string FsType = "directory";

    public IReadOnlyList<Volume> Scan() =>
        directoriesByLabel.Select(kv => new Volume(kv.Value, kv.Key, "", FsType, 0)).ToList();

    public LabelResult FindLabel(string label, bool required)
    {
        if (directoriesByLabel.TryGetValue(label, out var dir)) return new LabelResult(new Volume(dir, label, "", FsType, 0), null);
        return required
            ? new LabelResult(null, Diagnostic.Error($"label {label} is required but no --volume {label}=PATH was given",
                hint: $"add --volume {label}=DIR"))
            : new LabelResult(null, null);
    }

    public LabelResult FindUuid(string uuid, bool required) =>
        new(null, required ? Diagnostic.Error($"UUID={uuid} cannot be matched in a dry run", hint: "use LABEL= in fstab") : null);

    public IReadOnlyList<Diagnostic> Diagnostics => [];
}
