namespace Personality.Plan;

/// <summary>Dry run: every step is marked planned, nothing is touched (dependencies still apply).</summary>
public sealed class PlanRecorder : IStepRunner
{
    public void Run(IReadOnlyList<Step> steps)
    {
        foreach (var step in steps)
        {
            var blocker = step.DependsOn.FirstOrDefault(d => d.Outcome is not { Succeeded: true });
            step.Outcome = blocker is null ? step.Preview() : StepOutcome.Skipped($"needs '{blocker}', which would not succeed");
        }
    }
}
