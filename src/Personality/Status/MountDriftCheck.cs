using Personality.Record;
using Personality.Steps;

namespace Personality.Status;

/// <summary>Every mount the run made or found (scratch and state areas) is still mounted there.</summary>
public sealed class MountDriftCheck : IDriftCheck
{
    public string Kind => "mount";

    public IEnumerable<Drift> Check(StatusRecord record, DriftContext context)
    {
        foreach (var step in record.Steps)
        {
            if (step.Kind != StepKind.Mount || !step.Succeeded || !step.Target.StartsWith('/')) continue;
            if (context.Mounts.At(context.Root.Host(step.Target)) is null)
                yield return new Drift(Kind, step.Target, "mounted", "not mounted", step.Origin);
        }
    }
}
