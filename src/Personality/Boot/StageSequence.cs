using Personality.Plan;
using Personality.Plan.Personalities;
using Personality.Plan.ReadOnlyRoot;

namespace Personality.Boot;

/// <summary>
/// The stages in boot order, shared by `boot` (steps applied) and `dry-run` (steps recorded as
/// planned), so a dry run shows exactly what boot would do.
/// </summary>
public static class StageSequence
{
    /// <param name="readOnlyRootDone">Called once the rwtab binds are in place (/var/run may be writable only then).</param>
    public static void Run(PlanContext context, IStepRunner runner, List<Step> record, Action? readOnlyRootDone = null)
    {
        context.WaitForRequiredLabels();
        if (context.Settings.ReadOnlyRootActive) ReadOnlyRootStage.Run(context, runner, record);
        readOnlyRootDone?.Invoke();
        PersonalityStage.Run(context, runner, record);
    }
}
