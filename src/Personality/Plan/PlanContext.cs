using Personality.Core;
using Personality.Discovery;
using Personality.Record;
using Personality.Settings;

namespace Personality.Plan;

/// <summary>What planners read: the target tree, the settings, the volumes found, where problems go.</summary>
public sealed class PlanContext(TargetRoot root, EffectiveSettings settings, IVolumeSource volumes, Diagnostics diagnostics)
{
    public TargetRoot Root { get; } = root;
    public EffectiveSettings Settings { get; } = settings;
    public IVolumeSource Volumes { get; } = volumes;

    /// <summary>
    /// Dry run: nothing is applied; volumes are directories standing for the mounted filesystems,
    /// so content that boot reads below a mount point is read from the directory instead.
    /// </summary>
    public bool DryRun { get; init; }

    /// <summary>The step after which the scratch area is usable (null: no scratch area this run).</summary>
    public Step? ScratchReady { get; set; }

    /// <summary>Host directory holding what is (or at boot would be) mounted by this step.</summary>
    public string ContentOf(Personality.Apply.Steps.MountStep mount) =>
        DryRun && Volumes is DirectoryVolumes given && given.ContentOf(mount.Device) is { } content ? content : Root.Host(mount.Target);
    public Diagnostics Diagnostics { get; } = diagnostics;
    public RootedResolver Resolver { get; } = new(root);
    /// <summary>The application personality, once the app manifest is read.</summary>
    public string? PersonalityName { get; set; }

    /// <summary>Volumes given a role in this run, for the record.</summary>
    public List<VolumeRecord> UsedVolumes { get; } = [];

    /// <summary>RW_MOUNT resolved inside the root, so a symlinked mount point never leads outside the tree.</summary>
    public string ScratchArea => Resolver.ResolveForWrite(Settings.Value("RW_MOUNT"));

    /// <summary>STATE_MOUNT resolved inside the root.</summary>
    public string StateArea => Resolver.ResolveForWrite(Settings.Value("STATE_MOUNT"));

    public bool IsRequired(string label) => Settings.Words("REQUIRED_LABELS").Contains(label);

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

    /// <summary>Waits (bounded) for every label of REQUIRED_LABELS, before anything is planned.</summary>
    public void WaitForRequiredLabels()
    {
        foreach (var label in Settings.Words("REQUIRED_LABELS"))
            FindLabel(label, Origin.Of(Settings["REQUIRED_LABELS"].Source));
    }
}
