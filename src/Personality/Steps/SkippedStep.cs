using Personality.Core;
using Personality.Pipeline;

namespace Personality.Steps;

/// <summary>A step known at plan time not to be done (e.g. a missing rwtab path), kept so the record says why.</summary>
public sealed record SkippedStep(StageName Stage, StepKind Kind, string Target, Origin Origin, string Reason)
    : Step(Stage, Kind, Target, Origin)
{
    public override StepOutcome? KnownOutcome => StepOutcome.Skipped(Reason);
}
