using Personality.Core;
using Personality.Discovery;
using Personality.Record;
using Personality.Settings;
using Personality.Plan.Personalities;
using Personality.Steps;

namespace Personality.Pipeline;

/// <summary>
/// What stages read while they plan: the target tree, the typed settings, the volumes, the
/// ledger of what earlier steps did, and the facts earlier stages left for later ones. The same
/// for boot and dry-run: only the volume source and the runner differ.
/// </summary>
public sealed class RunContext(TargetRoot root, BootSettings settings, IVolumeSource volumes, Diagnostics diagnostics)
{
    public TargetRoot Root { get; } = root;
    public BootSettings Settings { get; } = settings;
    public IVolumeSource Volumes { get; } = volumes;
    public Diagnostics Diagnostics { get; } = diagnostics;
    public Ledger Ledger { get; } = new();
    /// <summary>For planning: remembers what it looked at until the pipeline's steps change the tree.</summary>
    public RootedResolver Resolver { get; } = new RootedResolver(root).Remembering();

    /// <summary>Volumes given a role in this run, for the record.</summary>
    public List<VolumeRecord> UsedVolumes { get; } = [];

    // Facts left by earlier stages for later ones.
    /// <summary>The step after which the scratch area is usable (null: no scratch area this run).</summary>
    public Step? ScratchReady { get; set; }
    public MountStep? StateMount { get; set; }
    /// <summary>Host and app volumes being mounted, whose manifests the manifests stage reads.</summary>
    public List<ConfigVolumeMount> ConfigMounts { get; } = [];
    /// <summary>The accepted manifests and the claims the ownership policy rejected.</summary>
    public Personalities Personalities { get; set; } = Personalities.None;

    /// <summary>The image's ownership policy, read once, when a stage first needs it.</summary>
    public Ownership.OwnershipPolicy Policy => _policy ??= Ownership.ImagePolicy.Read(Root, Diagnostics);
    private Ownership.OwnershipPolicy? _policy;

    /// <summary>What stages want kept for later boots; written by boot once the steps ran.</summary>
    public List<IKeptState> Kept { get; } = [];

    /// <summary>RW_MOUNT resolved inside the root, so a symlinked mount point never leads outside the tree.</summary>
    public string ScratchArea => Resolver.ResolveForWrite(Settings.RwMount);

    /// <summary>STATE_MOUNT resolved inside the root.</summary>
    public string StateArea => Resolver.ResolveForWrite(Settings.StateMount);

    /// <summary>Host directory holding what the mount step puts (or, in a dry run, would put) at its target.</summary>
    public string ContentOf(MountStep mount) => Volumes.ContentOf(mount.Device, Root.Host(mount.Target));

    public bool IsRequired(string label) => Settings.RequiredLabels.Contains(label);

    private readonly Dictionary<string, LabelResult> _labels = new(StringComparer.Ordinal);

    /// <summary>
    /// Looks a label up once per run (waiting if it is required) and reports its problem once,
    /// however many roles ask for it.
    /// </summary>
    public LabelResult FindLabel(string label, Origin? askedBy = null)
    {
        if (_labels.TryGetValue(label, out var known)) return known;
        var result = Volumes.FindLabel(label, IsRequired(label));
        if (result.Problem is not null)
            Diagnostics.Add(askedBy is null || result.Problem.Origin is not null ? result.Problem : result.Problem with { Origin = askedBy });
        _labels[label] = result;
        return result;
    }

    public void UseVolume(string role, Volume volume, string mountPoint) =>
        UsedVolumes.Add(new VolumeRecord(role, volume.Label, volume.Device, volume.Uuid, volume.FsType, volume.AppearedMs, mountPoint));
}
