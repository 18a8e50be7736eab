namespace Personality.Plan;

/// <summary>
/// Carries out planned steps: the applier at boot, the plan recorder in a dry run. Planners
/// hand their steps to a runner stage by stage, so later stages can look at earlier outcomes.
/// </summary>
public interface IStepRunner
{
    void Run(IReadOnlyList<Step> steps);
}
