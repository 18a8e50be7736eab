namespace Personality.Pipeline;

/// <summary>
/// What became of one step: its result, a human detail, and the typed facts later stages and
/// `personality status` need (never parsed back out of the detail text).
/// </summary>
public sealed record StepOutcome(StepResult Result, string? Detail = null)
{
    /// <summary>A mount that failed and mounted its fallback instead: the fallback's filesystem type.</summary>
    public string? FellBackTo { get; init; }
    /// <summary>A mount that ended up read-only (write-protected device, iso9660, "ro").</summary>
    public bool MountedReadOnly { get; init; }

    public static StepOutcome Applied(string? detail = null) => new(StepResult.Applied, detail);
    public static StepOutcome Unchanged(string? detail = null) => new(StepResult.Unchanged, detail);
    public static StepOutcome Skipped(string detail) => new(StepResult.Skipped, detail);
    public static StepOutcome Failed(string detail) => new(StepResult.Failed, detail);
    public static StepOutcome Planned(string? detail = null) => new(StepResult.Planned, detail);

    /// <summary>Good enough for the steps that depend on it (in a dry run, planned counts).</summary>
    public bool Succeeded => Result is StepResult.Applied or StepResult.Unchanged or StepResult.Planned;
}
