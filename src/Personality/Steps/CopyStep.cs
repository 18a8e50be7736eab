using Personality.Core;
using Personality.Pipeline;

namespace Personality.Steps;

/// <summary>
/// Copy guest path <see cref="From"/> into a writable area (scratch, state, a config volume's
/// state/) at <see cref="PathInArea"/> below it, with its attributes, creating missing parents
/// like "cp -a --parents". The target is the copy's guest path.
/// </summary>
public sealed record CopyStep(StageName Stage, Origin Origin, string From, string Area, string PathInArea, CopyMode Mode)
    : Step(Stage, StepKind.Copy, Area + PathInArea, Origin)
{
    /// <summary>Copy on first use: nothing to do when the destination already exists (state volumes).</summary>
    public bool OnlyIfMissing { get; init; }
    /// <summary>False for the scratch area, which does not outlive the boot: no sync before rename.</summary>
    public bool Durable { get; init; } = true;
    /// <summary>
    /// Guest path of the config volume the area lies on (hostile input): no symlink below it is
    /// followed on the way to the destination. Null for the image's own areas.
    /// </summary>
    public string? UntrustedBelow { get; init; }
    /// <summary>Copy only when this step (the area's setup) changed the system in this run; else an earlier run copied it.</summary>
    public Step? OnlyWhenNew { get; init; }
    /// <summary>Guest path of the bind that shows this copy: when it is in place, an earlier run made the copy.</summary>
    public string? ShownAt { get; init; }

    protected override string Describe() => $"copy {ModeName} {From} -> {Target}";

    private string ModeName => Mode switch
    {
        CopyMode.Full => "files",
        CopyMode.DirectoriesOnly => "dirs",
        _ => "empty",
    };
}
