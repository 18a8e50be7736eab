using Personality.Pipeline;
using Personality.Plan.ReadOnlyRoot;
using Personality.Steps;

namespace Personality.Stages;

/// <summary>The persistent state area at STATE_MOUNT: an /etc/fstab entry with STATE_OPTIONS, else the STATE_LABEL device.</summary>
public sealed class StateAreaStage : IStage
{
    public StageName Name => StageName.StateArea;

    public IReadOnlyList<Step> Plan(RunContext run)
    {
        if (!run.Settings.ReadOnlyRoot) return [];
        var s = run.Settings;
        run.StateMount = AreaMount.FromFstabOrLabel(run, Name, "state", s.StateMount, s.StateLabel, "STATE_LABEL", s.StateOptions);
        return run.StateMount is null ? [] : [run.StateMount];
    }
}
