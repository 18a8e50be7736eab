using Personality.Core;
using Personality.Pipeline;

namespace Personality.Steps;

/// <summary>
/// Put back a file an earlier personality placed and the current ones do not: the original saved
/// at <see cref="SavedOriginal"/> goes back to the target; with none saved (there was no file),
/// the target is removed.
/// </summary>
public sealed record FileRestoreStep(StageName Stage, string Target, Origin Origin, string? SavedOriginal)
    : Step(Stage, StepKind.FileRestore, Target, Origin)
{
    protected override string Describe() =>
        SavedOriginal is null ? $"file-restore: remove {Target}" : $"file-restore {SavedOriginal} -> {Target}";
}
