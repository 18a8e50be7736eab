using Personality.Pipeline;
using Personality.Steps;

namespace Personality.Items.State;

/// <summary>
/// A manifest's `state`: paths kept on the config volume below state/, copied there on first use,
/// then bound. The volume side is untrusted: no symlink of the volume is followed.
/// </summary>
public sealed class StateStage : IStage
{
    public StageName Name => StageName.State;

    public IReadOnlyList<Step> Plan(RunContext run)
    {
        var steps = new List<Step>();
        foreach (var (v, entry) in run.Personalities.Accepted(m => m.State))
        {
            var area = v.Mount.Target + "/state";
            var resolved = run.Resolver.Resolve(entry.Path, out var problem);
            if (resolved is null)
            {
                steps.Add(new SkippedStep(Name, StepKind.Copy, entry.Path, entry.Origin, problem ?? "does not exist in the image"));
                continue;
            }
            var (copy, bind) = CopyThenBind.Plan(Name, entry.Origin, resolved, area, run.Settings.SlaveMounts, [v.Mount],
                firstUseOnly: true, untrustedBelow: v.Mount.Target, note: resolved == entry.Path ? null : $"followed symlink {entry.Path} -> {resolved}");
            steps.Add(copy);
            steps.Add(bind);
        }
        return steps;
    }
}
