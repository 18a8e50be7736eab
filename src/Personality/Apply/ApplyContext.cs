using Microsoft.Extensions.Logging;
using Personality.Apply.Copying;
using Personality.Apply.Mounts;
using Personality.Core;

namespace Personality.Apply;

/// <summary>What steps need to change the system: the target tree, the mounts, the copier.</summary>
public sealed class ApplyContext(TargetRoot root, MountTable mounts, Diagnostics diagnostics, ILogger log)
{
    /// <summary>For steps whose work produces lines worth keeping (a hook's output).</summary>
    public ILogger Log { get; } = log;
    /// <summary>Where a step reports what the operator must know beyond its own outcome (a fallback taken).</summary>
    public Diagnostics Diagnostics { get; } = diagnostics;
    public TargetRoot Root { get; } = root;
    /// <summary>Guest paths resolved inside the root, as the guest's kernel would after chroot.</summary>
    public RootedResolver Resolver { get; } = new(root);
    public MountTable Mounts { get; } = mounts;
    /// <summary>For persistent areas: each copy is synced before it is renamed into place.</summary>
    public TreeCopier Copier { get; } = new() { Durable = true };
    /// <summary>For scratch areas (tmpfs, or a device wiped every boot): no sync needed.</summary>
    public TreeCopier ScratchCopier { get; } = new() { Durable = false };

    public TreeCopier CopierFor(bool durable) => durable ? Copier : ScratchCopier;
}
