using Personality.Core;
using Personality.Native;
using Personality.Plan;

namespace Personality.Apply.Steps;

/// <summary>
/// Sets the kernel hostname from the host manifest. With --root it does so only inside a
/// private UTS namespace, so running against an image tree never renames the machine doing it.
/// </summary>
public sealed class HostnameStep(string stage, string hostname, Origin origin) : Step(stage, "hostname", hostname, origin)
{
    public override StepOutcome Apply(ApplyContext context)
    {
        if (!context.Root.IsLive && !SystemCalls.HasPrivateUtsNamespace())
            return StepOutcome.Skipped("--root is not the live root and this is the machine's own UTS namespace: its hostname is left alone");
        if (Environment.MachineName == Target) return StepOutcome.Unchanged();
        SystemCalls.SetHostname(Target);
        return StepOutcome.Applied();
    }
}
