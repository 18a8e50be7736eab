using Personality.Apply;
using Personality.Core;

namespace Personality.Plan;

/// <summary>A step known at plan time not to be done (e.g. a missing rwtab path), kept so the record says why.</summary>
public sealed class Skipped(string stage, string action, string target, Origin origin, string reason)
    : Step(stage, action, target, origin)
{
    public string Reason { get; } = reason;
    public override StepOutcome Apply(ApplyContext context) => StepOutcome.Skipped(Reason);
    public override StepOutcome Preview() => StepOutcome.Skipped(Reason);
}
