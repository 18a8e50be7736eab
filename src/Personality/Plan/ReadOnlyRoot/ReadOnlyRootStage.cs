namespace Personality.Plan.ReadOnlyRoot;

/// <summary>
/// Red Hat's readonly-root, stage by stage: scratch area, rwtab, initramfs state, state area,
/// statetab. The statetab is planned only once the state area is mounted: its content decides.
/// </summary>
public static class ReadOnlyRootStage
{
    public static void Run(PlanContext context, IStepRunner runner, List<Step> record)
    {
        void Run(IReadOnlyList<Step> steps)
        {
            record.AddRange(steps);
            runner.Run(steps);
        }

        var scratch = ScratchPlanner.Plan(context);
        Run(scratch);
        context.ScratchReady = scratch[^1];
        Run(RwtabPlanner.Plan(context, context.ScratchReady));
        Run(InitramfsStatePlanner.Plan(context, context.ScratchReady));

        var stateMount = StatePlanner.PlanMount(context);
        if (stateMount is not null) Run([stateMount]);
        Run(StatePlanner.PlanTables(context, stateMount));
    }
}
