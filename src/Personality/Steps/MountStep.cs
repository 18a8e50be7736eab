using Personality.Core;
using Personality.Native;
using Personality.Pipeline;

namespace Personality.Steps;

/// <summary>
/// Mount a filesystem (a device by label, an fstab entry, or tmpfs) on a mount point of the image.
/// <see cref="ReadOnlyFallback"/>: a device that refuses read-write is mounted read-only, as
/// mount(8) would. <see cref="Fallback"/>: what to mount instead when this fails (Red Hat's
/// scratch area falls back to tmpfs).
/// </summary>
public sealed record MountStep(StageName Stage, string Target, Origin Origin, string Device, string FsType, MountOptions Options)
    : Step(Stage, StepKind.Mount, Target, Origin)
{
    public bool ReadOnlyFallback { get; init; }
    public MountStep? Fallback { get; init; }
    /// <summary>Resolve the target again just before mounting: a volume mounted since planning may carry a symlink on the way.</summary>
    public bool RecheckTarget { get; init; }

    protected override string Describe() => $"mount {FsType} {Device} -> {Target}" + (Options.Describe() is { Length: > 0 } o ? $" ({o})" : "");
}
