using Personality.Core;
using Personality.Native;
using Personality.Plan;

namespace Personality.Apply.Steps;

/// <summary>
/// Bind-mounts a path of a writable area over the same path of the read-only root, made a slave
/// mount when SLAVE_MOUNTS says so (Red Hat's "mount --bind --make-slave").
/// </summary>
public sealed class BindStep(string stage, string target, Origin origin, bool slave)
    : Step(stage, "bind", target, origin)
{
    public bool Slave { get; } = slave;

    public bool IsInPlace(ApplyContext context) =>
        context.Mounts.IsBoundFrom(context.Root.Host(Target), context.Root.Host(Source!));

    public override StepOutcome Apply(ApplyContext context)
    {
        var hostSource = context.Root.Host(Source!);
        var hostTarget = context.Root.Host(Target);
        if (IsInPlace(context)) return StepOutcome.Unchanged("already bound");

        var sourceIsDir = Directory.Exists(hostSource);
        var targetIsDir = Directory.Exists(hostTarget);
        if (!sourceIsDir && !File.Exists(hostSource))
            return StepOutcome.Failed($"{Source} does not exist");
        if (sourceIsDir != targetIsDir)
            return StepOutcome.Failed($"{Source} is a {Kind(sourceIsDir)} but {Target} is a {Kind(targetIsDir)}; make them the same kind");

        var bound = false;
        try
        {
            MountCalls.Mount(hostSource, hostTarget, null, MountCalls.MS_BIND, null);
            if (Slave)
            {
                try { MountCalls.Mount(null, hostTarget, null, MountCalls.MS_SLAVE, null); }
                catch (NativeException)
                {
                    // Never leave a half-made bind behind.
                    MountCalls.Unmount(hostTarget, MountCalls.MNT_DETACH);
                    throw;
                }
            }
            bound = true;
        }
        finally
        {
            if (bound) context.Mounts.RecordBind(hostSource, hostTarget);
            else context.Mounts.Invalidate();
        }
        return StepOutcome.Applied();
    }

    private static string Kind(bool isDir) => isDir ? "directory" : "file";

    public override string ToString() => $"bind {Source} -> {Target}" + (Slave ? " (slave)" : "");
}
