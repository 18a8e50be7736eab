using Personality.Core;
using Personality.Pipeline;

namespace Personality.Steps;

/// <summary>
/// One unit of work of the plan, immutable: what it does, to what, from where, and why it exists
/// (its origin). It holds no outcome: runners execute it and the <see cref="Ledger"/> keeps what
/// became of it. Steps are compared by reference (two identical lines are two steps).
/// </summary>
public abstract record Step(StageName Stage, StepKind Kind, string Target, Origin Origin)
{
    public string Action => Kind.Name();
    /// <summary>Guest path or device the step takes from, when it has one.</summary>
    public string? Source { get; init; }
    /// <summary>Extra facts known at plan time (e.g. "followed symlink /etc/x -> /run/x").</summary>
    public string? Note { get; init; }
    /// <summary>Steps that must have succeeded first; otherwise this one is skipped.</summary>
    public IReadOnlyList<Step> DependsOn { get; init; } = [];

    /// <summary>The outcome known without running anything (a step planned as skipped); null for real work.</summary>
    public virtual StepOutcome? KnownOutcome => null;

    /// <summary>Run levels of a service step, recorded so status can check them later.</summary>
    public virtual string? Levels => null;

    public virtual bool Equals(Step? other) => ReferenceEquals(this, other);
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    /// <summary>One line for people: the log, dry-run, messages about dependencies.</summary>
    protected virtual string Describe() => Source is null ? $"{Action} {Target}" : $"{Action} {Source} -> {Target}";

    public sealed override string ToString() => Describe();
}
