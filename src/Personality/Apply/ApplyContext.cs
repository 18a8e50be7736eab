using Personality.Apply.Copying;
using Personality.Apply.Mounts;
using Personality.Core;

namespace Personality.Apply;

/// <summary>What steps need to change the system: the target tree, the mounts, the copier.</summary>
public sealed class ApplyContext(TargetRoot root, MountTable mounts, TreeCopier copier)
{
    public TargetRoot Root { get; } = root;
    public MountTable Mounts { get; } = mounts;
    public TreeCopier Copier { get; } = copier;
}
