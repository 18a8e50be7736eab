namespace Personality.Pipeline;

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
