using Personality.Core;
using Personality.Discovery;
using Personality.Record;
using Personality.Settings;

namespace Personality.Plan;

/// <summary>What planners read: the target tree, the settings, the volumes found, where problems go.</summary>
public sealed class PlanContext(TargetRoot root, EffectiveSettings settings, VolumeDiscovery volumes, Diagnostics diagnostics)
{
    public TargetRoot Root { get; } = root;
    public EffectiveSettings Settings { get; } = settings;
    public VolumeDiscovery Volumes { get; } = volumes;
    public Diagnostics Diagnostics { get; } = diagnostics;
    public RootedResolver Resolver { get; } = new(root);
    /// <summary>Volumes given a role in this run, for the record.</summary>
    public List<VolumeRecord> UsedVolumes { get; } = [];

    /// <summary>RW_MOUNT resolved inside the root, so a symlinked mount point never leads outside the tree.</summary>
    public string ScratchArea => Resolver.ResolveForWrite(Settings.Value("RW_MOUNT"));

    /// <summary>STATE_MOUNT resolved inside the root.</summary>
    public string StateArea => Resolver.ResolveForWrite(Settings.Value("STATE_MOUNT"));

    public bool IsRequired(string label) => Settings.Words("REQUIRED_LABELS").Contains(label);
}
