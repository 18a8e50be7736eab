using Personality.Core;
using Personality.Pipeline;

namespace Personality.Steps;

/// <summary>
/// Bind-mount guest path <see cref="Step.Source"/> (in a writable area, or on a config volume)
/// over <see cref="Step.Target"/>, a slave mount when SLAVE_MOUNTS says so ("mount --bind
/// --make-slave"); read-only, nosuid and nodev flags are applied with a remount when asked.
/// </summary>
public sealed record BindStep(StageName Stage, string Target, Origin Origin, bool Slave)
    : Step(Stage, StepKind.Bind, Target, Origin)
{
    /// <summary>
    /// Guest path of the config volume the source lies on (hostile input): no symlink below it is
    /// followed, and the bind is nosuid,nodev. Null for the image's own areas.
    /// </summary>
    public string? UntrustedBelow { get; init; }

    protected override string Describe() => $"bind {Source} -> {Target}" + (Slave ? " (slave)" : "");
}
