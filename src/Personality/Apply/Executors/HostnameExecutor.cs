using Personality.Native;
using Personality.Pipeline;
using Personality.Steps;

namespace Personality.Apply.Executors;

/// <summary>
/// Sets the kernel hostname. With --root only inside a private UTS namespace, so running against
/// an image tree never renames the machine doing it.
/// </summary>
public sealed class HostnameExecutor(ApplyContext context)
{
    public StepOutcome Apply(HostnameStep step)
    {
        if (!context.Root.IsLive && !SystemCalls.HasPrivateUtsNamespace())
            return StepOutcome.Skipped("--root is not the live root and this is the machine's own UTS namespace: its hostname is left alone");
        if (Environment.MachineName == step.Target) return StepOutcome.Unchanged();
        SystemCalls.SetHostname(step.Target);
        return StepOutcome.Applied();
    }
}
