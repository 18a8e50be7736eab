using Personality.Core;
using Personality.Pipeline;
using Personality.Settings;

namespace Personality.Record;

/// <summary>Everything one run did and found, from which status.json, the log and the summary are written.</summary>
public sealed class RunRecord(string command, TargetRoot root, DateTimeOffset startedAt)
{
    public const int SchemaVersion = 1;

    public string Command { get; } = command;
    public TargetRoot Root { get; } = root;
    public DateTimeOffset StartedAt { get; } = startedAt;
    public double TotalMilliseconds { get; set; }
    public EffectiveSettings? Settings { get; set; }
    /// <summary>ON_FAILURE: whether a failed run asks its caller to stop the boot (<see cref="BootExitStatus.Halt"/>).</summary>
    public FailurePolicy OnFailure { get; set; }
    public List<VolumeRecord> Volumes { get; } = [];
    /// <summary>The steps in execution order with their outcomes: the run's ledger.</summary>
    public IReadOnlyList<LedgerEntry> Steps { get; set; } = [];
    public Diagnostics Diagnostics { get; } = new();
    /// <summary>The application personality applied (from the app volume's manifest), if any.</summary>
    public string? Personality { get; set; }
    public bool Disabled { get; set; }
    /// <summary>Guest path of the state area when this run mounted it writable: where the boot history goes.</summary>
    public string? WritableStateArea { get; set; }
    public string? DisabledReason { get; set; }

    public IEnumerable<LedgerEntry> FailedSteps => Steps.Where(s => s.Outcome.Result == StepResult.Failed);

    public int Count(StepResult result) => Steps.Count(s => s.Outcome.Result == result);

    public RunResult Result =>
        Disabled ? RunResult.Disabled
        : Diagnostics.HasErrors || FailedSteps.Any() ? RunResult.Failed
        : Diagnostics.HasWarnings ? RunResult.Degraded
        : RunResult.Applied;
}
