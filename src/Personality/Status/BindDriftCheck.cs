using Personality.Record;
using Personality.Steps;

namespace Personality.Status;

/// <summary>Every bind the run made or found still shows its source's tree at the target.</summary>
public sealed class BindDriftCheck : IDriftCheck
{
    public string Kind => "bind";

    public IEnumerable<Drift> Check(StatusRecord record, DriftContext context)
    {
        foreach (var step in record.Steps)
        {
            if (step.Kind != StepKind.Bind || !step.Succeeded || step.Source is not { } source) continue;
            if (!step.Target.StartsWith('/') || !source.StartsWith('/')) continue;
            var hostTarget = context.Root.Host(step.Target);
            if (context.Mounts.IsBoundFrom(hostTarget, context.Root.Host(source))) continue;
            var now = context.Mounts.At(hostTarget);
            var actual = now is null ? "not mounted" : $"mounted from {now.Source} ({now.FsType}, {now.Root})";
            yield return new Drift(Kind, step.Target, $"bound from {source}", actual, step.Origin);
        }
    }
}
