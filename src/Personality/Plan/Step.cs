using Personality.Apply;
using Personality.Core;

namespace Personality.Plan;

/// <summary>
/// One unit of work of the plan: what it does, to what, and why it exists (its origin).
/// Apply is idempotent: it checks the system first and reports Unchanged when there is nothing to do.
/// </summary>
public abstract class Step(string stage, string action, string target, Origin origin)
{
    public string Stage { get; } = stage;
    public string Action { get; } = action;
    /// <summary>Guest path (or device) the step changes.</summary>
    public string Target { get; } = target;
    /// <summary>Guest path or device the step takes from, when it has one.</summary>
    public string? Source { get; init; }
    public Origin Origin { get; } = origin;
    /// <summary>Extra facts known at plan time (e.g. "followed symlink /etc/x -> /run/x").</summary>
    public string? Note { get; init; }
    /// <summary>Steps that must have succeeded first; otherwise this one is skipped.</summary>
    public IReadOnlyList<Step> DependsOn { get; init; } = [];

    public StepOutcome? Outcome { get; set; }
    public double Milliseconds { get; set; }

    public abstract StepOutcome Apply(ApplyContext context);

    /// <summary>Extra fields a kind of step adds to its entry in the record (a service step's levels).</summary>
    public virtual IEnumerable<(string Name, string Value)> RecordFields => [];

    /// <summary>What a dry run reports for this step; Skipped steps say why, the rest are planned.</summary>
    public virtual StepOutcome Preview() => StepOutcome.Planned();

    public override string ToString() =>
        Source is null ? $"{Action} {Target}" : $"{Action} {Source} -> {Target}";
}
