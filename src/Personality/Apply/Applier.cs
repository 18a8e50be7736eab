using System.Diagnostics;
using Personality.Plan;
using Personality.Record;

namespace Personality.Apply;

/// <summary>
/// Runs steps in order. A step whose dependencies did not succeed is skipped; an exception
/// becomes a Failed outcome (steps clean up after themselves), so one bad entry never stops the boot.
/// </summary>
public sealed class Applier(ApplyContext context, BootLog log) : IStepRunner
{
    public void Run(IReadOnlyList<Step> steps)
    {
        foreach (var step in steps) Run(step);
    }

    public void Run(Step step)
    {
        var started = Stopwatch.GetTimestamp();
        var blocker = step.DependsOn.FirstOrDefault(d => d.Outcome is not { Succeeded: true });
        if (blocker is not null)
        {
            step.Outcome = StepOutcome.Skipped($"needs '{blocker}', which did not succeed");
        }
        else
        {
            try
            {
                step.Outcome = step.Apply(context);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
            {
                step.Outcome = StepOutcome.Failed(e.Message);
            }
        }
        step.Milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        // A failure is an error of the run too, so errors[] alone tells what went wrong.
        if (step.Outcome.Result == StepResult.Failed)
            context.Diagnostics.Error($"{step.Stage}: {step}: {step.Outcome.Detail}", step.Origin);
        log.Step(step);
    }
}
