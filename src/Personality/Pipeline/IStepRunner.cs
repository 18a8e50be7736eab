using Personality.Steps;

namespace Personality.Pipeline;

/// <summary>
/// Carries out one step: <c>BootRunner</c> changes the system, <c>DryRunRunner</c>
/// records what would happen. The pipeline around it (order, dependencies, exceptions, timing,
/// the ledger) is the same for both.
/// </summary>
public interface IStepRunner
{
    /// <summary>"did not" at boot, "would not" in a dry run: how a skipped dependency is told.</summary>
    string DependencyVerb { get; }

    /// <summary>May throw: the pipeline turns any exception into a failed step.</summary>
    StepOutcome Execute(Step step, Ledger ledger);
}
