using Personality.Files;
using Personality.Apply.Mounts;
using Personality.Native;
using Personality.Pipeline;
using Personality.Steps;

namespace Personality.Apply.Executors;

/// <summary>A <see cref="BindStep"/> through the one bind primitive; a bind already in place is left alone.</summary>
public sealed class BindExecutor(ApplyContext context)
{
    public StepOutcome Apply(BindStep step)
    {
        var hostSource = context.Root.Host(step.Source!);
        var hostTarget = context.Root.Host(step.Target);
        if (context.Mounts.IsBoundFrom(hostTarget, hostSource)) return StepOutcome.Unchanged("already bound");
        if (step.UntrustedBelow is { } volume)
        {
            if (VolumeTree.SymlinkOnPath(context.Root.Host(volume), hostSource) is { } link)
                return StepOutcome.Failed($"{context.Root.Guest(link) ?? link} is a symlink on the config volume; nothing is bound from it. Remove the link from the volume");
            if (context.Resolver.Moved(step.Target) is { } moved) return StepOutcome.Failed(moved);
        }

        // One lstat each (both paths are resolved already): a bind costs its mount calls, not a row of stats.
        if (!FileCalls.TryLStat(hostSource, out var source))
            return StepOutcome.Failed($"{step.Source} does not exist");
        var sourceIsDir = source.IsDirectory;
        var targetIsDir = FileCalls.TryLStat(hostTarget, out var target) && target.IsDirectory;
        if (sourceIsDir != targetIsDir)
            return StepOutcome.Failed($"{step.Source} is a {Kind(sourceIsDir)} but {step.Target} is a {Kind(targetIsDir)}; make them the same kind");
        Binder.Bind(context.Mounts, hostSource, hostTarget, step.Slave, nosuidNodev: step.UntrustedBelow is not null);
        return StepOutcome.Applied();
    }

    private static string Kind(bool isDir) => isDir ? "directory" : "file";
}
