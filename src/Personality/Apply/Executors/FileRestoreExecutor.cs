using Personality.Files;
using Personality.Native;
using Personality.Pipeline;
using Personality.Steps;

namespace Personality.Apply.Executors;

/// <summary>Puts a file an earlier role placed back as it was: the saved original, or no file.</summary>
public sealed class FileRestoreExecutor(ApplyContext context)
{
    public StepOutcome Apply(FileRestoreStep step)
    {
        if (context.Resolver.Moved(step.Target) is { } moved) return StepOutcome.Failed(moved);
        var target = context.Root.Host(step.Target);
        if (step.SavedOriginal is null)
        {
            if (!FileCalls.TryLStat(target, out var there)) return StepOutcome.Unchanged("already gone");
            if (!there.IsRegular) return StepOutcome.Failed($"{step.Target} is no longer a plain file; left alone");
            FileCalls.Unlink(target);
            return StepOutcome.Applied("removed (there was no such file before)");
        }
        if (context.Resolver.Moved(step.SavedOriginal) is { } away) return StepOutcome.Failed($"the original of {step.Target} is not read: {away}");
        var saved = context.Root.Host(step.SavedOriginal);
        if (!FileCalls.TryLStat(saved, out var original) || !original.IsRegular)
            return StepOutcome.Failed($"the original of {step.Target} is missing from {step.SavedOriginal}; the file is left as it is");
        AtomicFile.Write(target, File.ReadAllBytes(saved), original.Permissions, (original.Uid, original.Gid), durable: true);
        FileCalls.Unlink(saved);
        return StepOutcome.Applied($"the original is back (from {step.SavedOriginal})");
    }
}
