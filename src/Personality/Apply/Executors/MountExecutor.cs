using Personality.Native;
using Personality.Pipeline;
using Personality.Steps;

namespace Personality.Apply.Executors;

/// <summary>mount(2) for a <see cref="MountStep"/>: idempotent, read-only when the device insists, its fallback when it fails.</summary>
public sealed class MountExecutor(ApplyContext context)
{
    public StepOutcome Apply(MountStep step)
    {
        var hostTarget = context.Root.Host(step.Target);
        var existing = context.Mounts.At(hostTarget);
        if (existing is not null)
            return StepOutcome.Unchanged($"already mounted ({existing.FsType} from {existing.Source})") with
            {
                MountedReadOnly = existing.Options.Split(',').Contains("ro"),
            };
        if (!Directory.Exists(hostTarget))
            return StepOutcome.Failed($"mount point {step.Target} does not exist in the image; create the directory in the image");
        if (step.RecheckTarget && context.Resolver.Moved(step.Target) is { } moved) return StepOutcome.Failed(moved);

        var readOnly = (step.Options.Flags & MountCalls.MS_RDONLY) != 0;
        try
        {
            try
            {
                MountCalls.Mount(step.Device, hostTarget, step.FsType, step.Options.Flags, step.Options.Data);
            }
            catch (NativeException e) when (step.ReadOnlyFallback && e.Errno is Errno.EROFS or Errno.EACCES)
            {
                MountCalls.Mount(step.Device, hostTarget, step.FsType, step.Options.Flags | MountCalls.MS_RDONLY, step.Options.Data);
                readOnly = true;
            }
        }
        catch (NativeException e)
        {
            var failure = $"cannot mount {step.Device} ({step.FsType}) on {step.Target}: {Errno.Describe(e.Errno)}; {Advice(step, e.Errno)}";
            if (step.Fallback is not { } fallback) return StepOutcome.Failed(failure);
            context.Diagnostics.Warn($"{failure}; using {fallback.FsType} instead", step.Origin);
            var instead = Apply(fallback);
            return instead with { Detail = $"fell back to {fallback.FsType}: {failure}", FellBackTo = fallback.FsType };
        }
        finally
        {
            context.Mounts.Invalidate();
        }
        return StepOutcome.Applied(readOnly ? "mounted read-only" : null) with { MountedReadOnly = readOnly };
    }

    private static string Advice(MountStep step, int errno) => errno switch
    {
        Errno.ENODEV => $"the kernel does not support {step.FsType}; load its module or use another filesystem",
        Errno.ENOENT or Errno.ENOTDIR => $"{step.Device} or {step.Target} is missing",
        Errno.EINVAL => "the filesystem or the options are invalid; check them with fsck and the fstab/settings",
        _ => "check the device and the kernel log (dmesg)",
    };
}
