using Personality.Files;
using Personality.Native;
using Personality.Pipeline;
using Personality.Steps;

namespace Personality.Apply.Executors;

/// <summary>
/// A <see cref="CopyStep"/> through the tree copier: attributes kept, parents made, atomically
/// renamed into place; nothing to do when an earlier run made the copy.
/// </summary>
public sealed class CopyExecutor(ApplyContext context)
{
    private readonly HashSet<string> _areas = new(StringComparer.Ordinal);

    public StepOutcome Apply(CopyStep step, Ledger ledger)
    {
        var hostSource = context.Root.Host(step.From);
        var hostArea = context.Root.Host(step.Area);
        var hostDestination = hostArea + step.PathInArea;
        if (step.ShownAt is { } shown && context.Mounts.IsBoundFrom(context.Root.Host(shown), hostArea + shown))
            return StepOutcome.Unchanged($"{shown} is already bound from an earlier run");
        if (step.OnlyWhenNew is { } setup && ledger.OutcomeOf(setup)?.Result == StepResult.Unchanged)
            return StepOutcome.Unchanged($"{step.Area} was set up by an earlier run, which copied this");
        if (step.UntrustedBelow is { } volume && VolumeTree.SymlinkOnPath(context.Root.Host(volume), hostDestination) is { } link)
            return StepOutcome.Failed($"{context.Root.Guest(link) ?? link} is a symlink on the config volume; nothing is copied through it. Remove the link from the volume");
        if (step.OnlyIfMissing && FileCalls.TryLStat(hostDestination, out _))
            return StepOutcome.Unchanged("already there");

        int parents;
        Copying.CopyResult result;
        try
        {
            var copier = step.Durable ? context.Copier : context.ScratchCopier;
            // A config volume's state/ folder is made on first use (the area's own mount point exists).
            // Checked once per area: a stock boot copies ~60 paths into one.
            if (_areas.Add(hostArea) && !Directory.Exists(hostArea) && Directory.Exists(Path.GetDirectoryName(hostArea)))
                FileCalls.Mkdir(hostArea, 0x1ED); // 0755
            parents = copier.EnsureParents(context.Root.Host("/"), step.PathInArea, hostArea);
            // Leftovers of an interrupted first copy only matter on a persistent area; scratch starts empty.
            if (step.Durable) copier.RemoveStaleTemporaries(Path.GetDirectoryName(hostDestination)!);
            result = copier.Copy(hostSource, hostDestination, step.Mode);
        }
        catch (NativeException e) when (e.Errno == Errno.ENOSPC)
        {
            return StepOutcome.Failed($"{step.From} does not fit in {step.Area}: no space left on the device; nothing was left half-copied. " +
                                      "Make the volume bigger or list fewer paths");
        }
        catch (NativeException e) when (e.Errno == Errno.EROFS)
        {
            return StepOutcome.Failed($"{step.Area} is read-only, {step.From} cannot be copied there; mount it read-write");
        }
        if (!result.Changed && parents == 0) return StepOutcome.Unchanged("already there");
        return StepOutcome.Applied($"{result.Created} created, {result.Replaced} replaced, {result.Bytes} bytes");
    }
}
