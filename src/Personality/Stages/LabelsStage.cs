using Personality.Pipeline;
using Personality.Steps;

namespace Personality.Stages;

/// <summary>Waits (bounded, in total) for every label of REQUIRED_LABELS before anything is planned.</summary>
public sealed class LabelsStage : IStage
{
    public StageName Name => StageName.Labels;

    public IReadOnlyList<Step> Plan(RunContext run)
    {
        foreach (var label in run.Settings.RequiredLabels)
            run.FindLabel(label, run.Settings.OriginOf("REQUIRED_LABELS", withValue: false));
        return [];
    }
}
