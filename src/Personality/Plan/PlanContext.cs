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

    public bool IsRequired(string label) => Settings.Words("REQUIRED_LABELS").Contains(label);
}
