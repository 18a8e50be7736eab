using Personality.Pipeline;
using Personality.Steps;

namespace Personality.Stages;

/// <summary>The hostname of the host manifest.</summary>
public sealed class HostnameStage : IStage
{
    public StageName Name => StageName.Hostname;

    public IReadOnlyList<Step> Plan(RunContext run)
    {
        var steps = new List<Step>();
        foreach (var v in run.Personalities.Volumes)
        {
            var m = v.Manifest;
            if (m.Hostname is null) continue;
            var origin = m.HostnameOrigin ?? m.Origin;
            if (run.Personalities.IsRejected(origin)) continue;
            steps.Add(new HostnameStep(Name, m.Hostname, origin) { DependsOn = [v.Mount] });
        }
        return steps;
    }
}
