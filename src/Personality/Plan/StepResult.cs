namespace Personality.Plan;

public enum StepResult
{
    /// <summary>The step changed the system.</summary>
    Applied,
    /// <summary>The system already was as the step wants it (second boot).</summary>
    Unchanged,
    /// <summary>Not done, on purpose: a missing path, or a step it depends on did not succeed.</summary>
    Skipped,
    /// <summary>Tried and failed; nothing of it is left half done.</summary>
    Failed,
    /// <summary>Dry run: would be applied; nothing was changed.</summary>
    Planned,
}

public sealed record StepOutcome(StepResult Result, string? Detail = null)
{
    public static StepOutcome Applied(string? detail = null) => new(StepResult.Applied, detail);
    public static StepOutcome Unchanged(string? detail = null) => new(StepResult.Unchanged, detail);
    public static StepOutcome Skipped(string detail) => new(StepResult.Skipped, detail);
    public static StepOutcome Failed(string detail) => new(StepResult.Failed, detail);
    public static StepOutcome Planned(string? detail = null) => new(StepResult.Planned, detail);

    /// <summary>Good enough for the steps that depend on it (in a dry run, planned counts).</summary>
    public bool Succeeded => Result is StepResult.Applied or StepResult.Unchanged or StepResult.Planned;
}
