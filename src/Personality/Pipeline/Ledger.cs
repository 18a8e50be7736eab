using Personality.Steps;

namespace Personality.Pipeline;

/// <summary>One executed (or recorded) step: what it was, what became of it, how long it took.</summary>
public sealed record LedgerEntry(Step Step, StepOutcome Outcome, double Milliseconds);

/// <summary>
/// The outcomes of a run, in execution order. Steps are immutable descriptions; this is the only
/// place their results live, and what later stages ask ("did the state mount succeed?").
/// </summary>
public sealed class Ledger
{
    private readonly List<LedgerEntry> _entries = [];
    private readonly Dictionary<Step, LedgerEntry> _byStep = new(ReferenceEqualityComparer.Instance);

    public IReadOnlyList<LedgerEntry> Entries => _entries;

    public LedgerEntry Record(Step step, StepOutcome outcome, double milliseconds)
    {
        var entry = new LedgerEntry(step, outcome, milliseconds);
        _entries.Add(entry);
        _byStep[step] = entry;
        return entry;
    }

    /// <summary>The outcome of a step already run; null when it has not run (yet).</summary>
    public StepOutcome? OutcomeOf(Step step) => _byStep.TryGetValue(step, out var e) ? e.Outcome : null;

    public bool Succeeded(Step step) => OutcomeOf(step) is { Succeeded: true };

    /// <summary>The first dependency of <paramref name="step"/> that did not succeed, or null.</summary>
    public Step? Blocker(Step step)
    {
        foreach (var d in step.DependsOn)
            if (!Succeeded(d)) return d;
        return null;
    }

    public int Count(StepResult result) => _entries.Count(e => e.Outcome.Result == result);
}
