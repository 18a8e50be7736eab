using System.Diagnostics;
using Personality.Steps;

namespace Personality.Pipeline;

/// <summary>
/// Runs the stages in order with one runner: each stage plans, then each of its steps is
/// executed unless a dependency did not succeed. The rules live here once, for boot and dry-run
/// alike: dependencies, timing, the ledger, and that no exception ever leaves a step.
/// </summary>
public sealed class StagePipeline(IReadOnlyList<IStage> stages)
{
    /// <summary>Told of each step as it is recorded (the log), and of each stage once its steps ran.</summary>
    public Action<LedgerEntry>? StepRecorded { get; init; }
    public Action<StageName>? StageDone { get; init; }

    public void Run(RunContext run, IStepRunner runner)
    {
        foreach (var stage in stages)
        {
            IReadOnlyList<Step> steps;
            try
            {
                steps = stage.Plan(run);
            }
            catch (Exception e)
            {
                run.Diagnostics.Error($"{stage.Name.Text()}: internal error while planning ({e.GetType().Name}: {e.Message}); " +
                                      "this stage is not applied", hint: "report this with the record");
                steps = [];
            }
            foreach (var step in steps) Execute(run, runner, step);
            if (steps.Count > 0) run.Resolver.Forget(); // its steps may have changed the tree
            StageDone?.Invoke(stage.Name);
        }
    }

    private void Execute(RunContext run, IStepRunner runner, Step step)
    {
        var started = Stopwatch.GetTimestamp();
        StepOutcome outcome;
        if (step.KnownOutcome is { } known) outcome = known;
        else if (run.Ledger.Blocker(step) is { } blocker)
            outcome = StepOutcome.Skipped($"needs '{blocker}', which {runner.DependencyVerb} succeed");
        else
        {
            try
            {
                outcome = runner.Execute(step, run.Ledger);
            }
            catch (Exception e)
            {
                // Whatever a step throws (IO, an exec error, a bug), it is this step's failure, not the boot's.
                outcome = StepOutcome.Failed(e is IOException or UnauthorizedAccessException
                    ? e.Message : $"{e.GetType().Name}: {e.Message}");
            }
        }
        var entry = run.Ledger.Record(step, outcome, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        // A failure is an error of the run too, so errors[] alone tells what went wrong.
        if (outcome.Result == StepResult.Failed)
            run.Diagnostics.Error($"{step.Stage.Text()}: {step}: {outcome.Detail}", step.Origin);
        StepRecorded?.Invoke(entry);
    }
}
